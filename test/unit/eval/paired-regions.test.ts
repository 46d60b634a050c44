// The same-clip comparison of `callsentinel eval`: one pair per file that holds a verified genuine
// and a verified swap region, the swap regions' mean against the genuine ones', ties half.

import { describe, expect, it } from 'vitest';
import { pairedRegionComparison } from '../../../engine/eval/paired-regions.ts';

describe('pairedRegionComparison', () => {
  it('counts one pair per file with both labels, ties as half', () => {
    const r = pairedRegionComparison([
      { file: 'a.mp4', label: 0, score: 0.1 },
      { file: 'a.mp4', label: 1, score: 0.9 }, // swap higher
      { file: 'b.mp4', label: 0, score: 0.7 },
      { file: 'b.mp4', label: 1, score: 0.2 }, // swap lower
      { file: 'c.mp4', label: 0, score: 0.5 },
      { file: 'c.mp4', label: 1, score: 0.5 }, // tie
      { file: 'd.mp4', label: 1, score: 0.9 }, // no genuine twin: not a pair
    ]);
    expect(r).not.toBeNull();
    expect(r!.pairs).toBe(3);
    expect(r!.swapHigher).toBe(1.5);
    expect(r!.share).toBe(0.5);
    expect(r!.ci.low).toBeLessThan(0.5);
    expect(r!.ci.high).toBeGreaterThan(0.5);
    // Every genuine item here is some swap's twin: nothing to rank them against.
    expect(r!.twinsVsOtherGenuineAuc).toBeNaN();
  });

  it("ranks the swaps' genuine twins against the other genuine items", () => {
    const r = pairedRegionComparison([
      { file: 'a.mp4', label: 0, score: 0.8 },
      { file: 'a.mp4', label: 1, score: 0.9 },
      { file: 'b.mp4', label: 0, score: 0.6 },
      { file: 'b.mp4', label: 1, score: 0.7 },
      { file: 'g1.mp4', label: 0, score: 0.1 },
      { file: 'g2.mp4', label: 0, score: 0.7 }, // above one twin
    ]);
    // Twins 0.8, 0.6 against others 0.1, 0.7: 3 of 4 orderings put the twin higher.
    expect(r!.twinsVsOtherGenuineAuc).toBeCloseTo(0.75, 12);
  });

  it('compares the means of several panels and leaves unverified regions out', () => {
    const r = pairedRegionComparison([
      { file: 'p.mp4', label: 0, score: 0.2 },
      { file: 'p.mp4', label: 1, score: 0.1 },
      { file: 'p.mp4', label: 1, score: 0.5 }, // swap mean 0.3 > 0.2
      { file: 'p.mp4', label: 0, score: null }, // not verified: ignored
      { file: 'q.mp4', label: 0, score: null },
      { file: 'q.mp4', label: 1, score: 0.9 }, // its genuine region is unverified: not a pair
    ]);
    expect(r).toMatchObject({ pairs: 1, swapHigher: 1, share: 1 });
  });

  it('is null when no file holds both a genuine and a swap region', () => {
    expect(pairedRegionComparison([{ file: 'x.mp4', label: 0, score: 0.3 }])).toBeNull();
    expect(pairedRegionComparison([])).toBeNull();
  });
});
