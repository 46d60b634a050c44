import { describe, expect, it } from 'vitest';
import {
  applyAffine,
  composeAffine,
  frameToCropAffine,
  intersectionOverUnion,
  invertAffine,
  type Affine,
} from '../../../engine/face/geometry.ts';
import { median, percentile } from '../../../engine/core/stats.ts';

describe('affine helpers', () => {
  it('inverts and composes', () => {
    const m: Affine = [1.2, -0.3, 14, 0.4, 0.9, -7];
    const id = composeAffine(invertAffine(m), m);
    expect(applyAffine(id, [3, 5])[0]).toBeCloseTo(3, 9);
    expect(applyAffine(id, [3, 5])[1]).toBeCloseTo(5, 9);
  });

  it('maps a rotated square region upright onto the crop', () => {
    const angle = (30 * Math.PI) / 180;
    const m = frameToCropAffine([100, 50], 40, angle, 192);
    // The region centre lands on the crop centre.
    expect(applyAffine(m, [100, 50])).toEqual([expect.closeTo(96, 9), expect.closeTo(96, 9)]);
    // A point 20 px along the rotated x axis lands on the crop's right edge, same row.
    const p = applyAffine(m, [100 + 20 * Math.cos(angle), 50 + 20 * Math.sin(angle)]);
    expect(p[0]).toBeCloseTo(192, 6);
    expect(p[1]).toBeCloseTo(96, 6);
  });
});

describe('boxes and statistics', () => {
  it('computes IoU', () => {
    expect(
      intersectionOverUnion({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 0, width: 10, height: 10 }),
    ).toBeCloseTo(50 / 150);
    expect(
      intersectionOverUnion({ x: 0, y: 0, width: 1, height: 1 }, { x: 5, y: 5, width: 1, height: 1 }),
    ).toBe(0);
  });

  it('takes medians and percentiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(percentile([0, 10], 0.25)).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });
});
