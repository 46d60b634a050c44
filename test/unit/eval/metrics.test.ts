// The one metrics module on inputs whose answers are known by hand.

import { describe, expect, it } from 'vitest';
import {
  bootstrapAucCi,
  equalErrorRate,
  perGroupAuc,
  rocAuc,
  rocCurve,
  seededRandom,
  verdictRates,
  type Label,
} from '../../../engine/eval/metrics.ts';

const L = (...v: number[]) => v as Label[];

describe('rocAuc', () => {
  it('is 1 when perfectly separated, 0 when reversed, 0.5 when all tied', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], L(0, 0, 1, 1))).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], L(0, 0, 1, 1))).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], L(0, 1, 0, 1))).toBe(0.5);
  });

  it('counts ties between classes as one half (Mann–Whitney)', () => {
    // Pairs (pos, neg): (0.5, 0.1) 1, (0.5, 0.5) ½, (0.9, 0.1) 1, (0.9, 0.5) 1 → 3.5 / 4.
    expect(rocAuc([0.1, 0.5, 0.5, 0.9], L(0, 0, 1, 1))).toBe(0.875);
  });

  it('is NaN with one class only', () => {
    expect(rocAuc([0.1, 0.2], L(1, 1))).toBeNaN();
  });

  it('equals the area under rocCurve', () => {
    const random = seededRandom(7);
    const scores = Array.from({ length: 200 }, () => Math.round(random() * 20) / 20);
    const labels = scores.map((s) => (random() < s ? 1 : 0) as Label);
    const roc = rocCurve(scores, labels);
    let area = 0;
    for (let i = 1; i < roc.length; i++)
      area += ((roc[i]!.fpr - roc[i - 1]!.fpr) * (roc[i]!.tpr + roc[i - 1]!.tpr)) / 2;
    expect(rocAuc(scores, labels)).toBeCloseTo(area, 12);
    expect(roc[0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(roc[roc.length - 1]).toMatchObject({ fpr: 1, tpr: 1 });
  });
});

describe('equalErrorRate', () => {
  it('finds the crossing of false-alarm and miss rates on a hand case', () => {
    // Genuine 0.1 0.2 0.3 0.6, manipulated 0.4 0.5 0.7 0.8: at threshold 0.5 one genuine of four
    // scores above (0.6) and one manipulated of four below (0.4): EER = 0.25.
    const r = equalErrorRate([0.1, 0.2, 0.3, 0.6, 0.4, 0.5, 0.7, 0.8], L(0, 0, 0, 0, 1, 1, 1, 1));
    expect(r.eer).toBeCloseTo(0.25, 12);
    expect(r.threshold).toBe(0.5);
  });

  it('is 0 when separated and 1 when reversed, and interpolates between ROC points', () => {
    expect(equalErrorRate([0.1, 0.2, 0.8, 0.9], L(0, 0, 1, 1)).eer).toBe(0);
    expect(equalErrorRate([0.9, 0.8, 0.2, 0.1], L(0, 0, 1, 1)).eer).toBe(1);
    // One genuine and one manipulated tied at the top: the diagonal step crosses at 0.5.
    expect(equalErrorRate([0.5, 0.5], L(0, 1)).eer).toBeCloseTo(0.5, 12);
  });
});

describe('bootstrapAucCi', () => {
  const random = seededRandom(3);
  const scores = Array.from({ length: 120 }, (_, i) => (i % 2) * 0.6 + random());
  const labels = scores.map((_, i) => (i % 2) as Label);

  it('contains the point estimate, is seeded, and has the requested resamples', () => {
    const auc = rocAuc(scores, labels);
    const ci = bootstrapAucCi(scores, labels, { resamples: 1000, seed: 5 });
    expect(ci.resamples).toBe(1000);
    expect(ci.low).toBeLessThanOrEqual(auc);
    expect(ci.high).toBeGreaterThanOrEqual(auc);
    expect(ci.high - ci.low).toBeGreaterThan(0);
    expect(bootstrapAucCi(scores, labels, { resamples: 1000, seed: 5 })).toEqual(ci);
    expect(bootstrapAucCi(scores, labels, { resamples: 1000, seed: 6 })).not.toEqual(ci);
  });

  it('is [1, 1] for perfectly separated data', () => {
    const ci = bootstrapAucCi([0, 0.1, 0.2, 0.8, 0.9, 1], L(0, 0, 0, 1, 1, 1), { resamples: 1000 });
    expect(ci).toMatchObject({ low: 1, high: 1 });
  });
});

describe('verdictRates and perGroupAuc', () => {
  it('counts false alarms and misses among verified items, not_verified over all', () => {
    const r = verdictRates([
      { label: 0, verdict: 'likely_real' },
      { label: 0, verdict: 'suspicious' },
      { label: 0, verdict: 'likely_real' },
      { label: 0, verdict: 'not_verified' },
      { label: 1, verdict: 'likely_fake' },
      { label: 1, verdict: 'likely_real' },
    ]);
    expect(r).toEqual({
      genuine: 4,
      swap: 2,
      falseAlarmRate: 1 / 3,
      missRate: 1 / 2,
      notVerifiedGenuine: 1 / 4,
      notVerifiedSwap: 0,
    });
  });

  it('compares each method with all genuine items', () => {
    const groups = perGroupAuc(
      [
        { score: 0.1, label: 0, group: null },
        { score: 0.2, label: 0, group: null },
        { score: 0.9, label: 1, group: 'A' },
        { score: 0.15, label: 1, group: 'B' },
      ],
      { resamples: 200 },
    );
    expect(groups.map((g) => [g.group, g.auc, g.positives, g.negatives])).toEqual([
      ['A', 1, 1, 2],
      ['B', 0.5, 1, 2],
    ]);
  });
});
