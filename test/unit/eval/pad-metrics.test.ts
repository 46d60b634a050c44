// APCER at a fixed BPCER (ISO/IEC 30107-3 style) on hand-made scores, the same definition as the
// trainer's pad_metrics.py: attacks detected when strictly above the threshold, ties against us.

import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../../engine/eval/metrics.ts';
import { apcerAtBpcer, thresholdAtBpcer } from '../../../engine/eval/pad-metrics.ts';
import { levelResult } from '../../../engine/eval/pad-eval.ts';

const bona = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]; // ten bona fide scores

describe('presentation-attack metrics', () => {
  it('sets the threshold so that at most the target share of bona fide scores lie above it', () => {
    expect(thresholdAtBpcer(bona, 0.1)).toBe(8); // one of ten (9) above 8
    expect(thresholdAtBpcer(bona, 0.05)).toBe(9); // none above 9
    expect(thresholdAtBpcer(bona, 0.2)).toBe(7);
  });

  it('counts attacks at or below the threshold as missed, with a Wilson interval', () => {
    const r = apcerAtBpcer(bona, [8, 8.5, 10, 12], 0.1);
    expect(r).toMatchObject({ threshold: 8, bpcer: 0.1, missed: 1, attacks: 4, apcer: 0.25 });
    expect(r.ci.low).toBeLessThan(0.25);
    expect(r.ci.high).toBeGreaterThan(0.25);
    expect(apcerAtBpcer(bona, [10, 11], 0.05).apcer).toBe(0);
    expect(apcerAtBpcer(bona, [], 0.1).apcer).toBeNaN();
  });

  it('Wilson interval: 0 of 10 and 10 of 10 stay inside [0, 1] and are not degenerate', () => {
    const none = wilsonInterval(0, 10);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 3);
    const all = wilsonInterval(10, 10);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.7225, 3);
  });

  it('reports each attack type separately against the same bona fide scores', () => {
    const units = [
      ...bona.map((score, k) => ({ score, type: null, itemId: `g${k}` })),
      { score: 20, type: 'print' as const, itemId: 'p1' },
      { score: 0.5, type: 'replay' as const, itemId: 'r1' },
    ];
    const r = levelResult(units);
    expect(r.bonaFide).toEqual({ items: 10, presentations: 10 });
    const print = r.perType.find((t) => t.type === 'print')!;
    const replay = r.perType.find((t) => t.type === 'replay')!;
    expect(print.auc).toBe(1);
    expect(print.points.map((p) => p.apcer)).toEqual([0, 0]);
    expect(replay.points.map((p) => p.apcer)).toEqual([1, 1]);
  });
});
