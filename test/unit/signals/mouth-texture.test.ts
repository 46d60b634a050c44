// The mouth-texture signal's pure parts: detail inside a region of a synthetic crop, the mouth
// opening from mesh points, the score's shape, and config validation.

import { describe, expect, it } from 'vitest';
import {
  resolveMouthTextureConfig,
  DEFAULT_MOUTH_TEXTURE_CONFIG,
} from '../../../engine/signals/mouth-texture/config.ts';
import {
  mouthOpening,
  regionDetail,
  type Point,
} from '../../../engine/signals/mouth-texture/mouth-detail.ts';
import { scoreMouthTexture } from '../../../engine/signals/mouth-texture/score.ts';
import { LANDMARK, MESH_POINTS } from '../../../engine/face/landmark-indices.ts';
import { seededRandom } from '../../support/seeded-random.ts';

const SIZE = 64;
const square = (x0: number, y0: number, x1: number, y1: number): Point[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

/** Left half: noise of amplitude `sharp`; right half: the same noise box-blurred (a smooth, re-rendered look). */
function crop(sharp: number): Uint8Array {
  const rand = seededRandom(5);
  const noise = Array.from({ length: SIZE * SIZE }, () => 128 + sharp * (rand() - 0.5) * 2);
  const data = new Uint8Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      let v = noise[y * SIZE + x]!;
      if (x >= SIZE / 2) {
        let s = 0;
        let n = 0;
        for (let dy = -2; dy <= 2; dy++)
          for (let dx = -2; dx <= 2; dx++) {
            const yy = Math.min(SIZE - 1, Math.max(0, y + dy));
            const xx = Math.min(SIZE - 1, Math.max(0, x + dx));
            s += noise[yy * SIZE + xx]!;
            n++;
          }
        v = s / n;
      }
      data.fill(Math.round(v), 3 * (y * SIZE + x), 3 * (y * SIZE + x) + 3);
    }
  return data;
}

describe('mouth texture', () => {
  it('measures fine detail inside a region: textured ≫ blurred, flat = 0, pixels counted', () => {
    const data = crop(40);
    const sharp = regionDetail(data, SIZE, SIZE, square(4, 4, 28, 60));
    const smooth = regionDetail(data, SIZE, SIZE, square(36, 4, 60, 60));
    expect(sharp.pixels).toBe(24 * 56);
    expect(sharp.detail).toBeGreaterThan(5 * smooth.detail);
    const flat = regionDetail(new Uint8Array(SIZE * SIZE * 3).fill(90), SIZE, SIZE, square(4, 4, 60, 60));
    expect(flat.detail).toBe(0);
    // A region off the image has no pixels rather than failing.
    expect(regionDetail(data, SIZE, SIZE, square(80, 80, 90, 90)).pixels).toBe(0);
  });

  it('reads the mouth opening as inner-lip gap over mouth width', () => {
    const lm = new Float64Array(MESH_POINTS * 3);
    const set = (i: number, x: number, y: number) => {
      lm[3 * i] = x;
      lm[3 * i + 1] = y;
    };
    set(LANDMARK.mouthRight, 100, 200);
    set(LANDMARK.mouthLeft, 160, 200);
    set(LANDMARK.upperLipTop, 130, 195);
    set(LANDMARK.lowerLipBottom, 130, 197);
    expect(mouthOpening(lm)).toBeCloseTo(2 / 60, 9);
    set(LANDMARK.lowerLipBottom, 130, 213);
    expect(mouthOpening(lm)).toBeCloseTo(18 / 60, 9);
  });

  it('scores one-sided: a mouth as detailed as the eyes is neutral; a much smoother one rises', () => {
    const c = DEFAULT_MOUTH_TEXTURE_CONFIG;
    const normal = scoreMouthTexture(c.ratioNormal + 0.2, c);
    expect(normal.score).toBe(c.neutralScore);
    expect(normal.reasonKey).toBe('reason.mouth-texture-normal');
    const smooth = scoreMouthTexture(c.ratioLow - 0.05, c);
    expect(smooth.score).toBeCloseTo(c.maxScore, 9);
    expect(smooth.reasonKey).toBe('reason.mouth-texture-smooth');
    const mid = scoreMouthTexture((c.ratioNormal + c.ratioLow) / 2, c);
    expect(mid.score).toBeGreaterThan(normal.score);
    expect(mid.score).toBeLessThan(smooth.score);
  });

  it('rejects bad config', () => {
    expect(() => resolveMouthTextureConfig({ ratioLow: 0.6, ratioNormal: 0.5 })).toThrow();
    expect(() => resolveMouthTextureConfig({ minOpening: 0 })).toThrow();
    expect(resolveMouthTextureConfig({ hopSec: 2 }).hopSec).toBe(2);
  });
});
