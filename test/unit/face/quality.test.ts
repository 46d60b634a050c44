import { describe, expect, it } from 'vitest';
import { isUsableFace, measureQuality } from '../../../engine/face/quality.ts';
import type { AlignedFace } from '../../../engine/face/alignment.ts';

/** A 224×224 crop of fine stripes (sharp) inside a full mask, optionally box-blurred, scaled in brightness. */
function crop(blurRadius: number, gain: number): AlignedFace {
  const size = 224;
  const base = new Float32Array(size * size);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) base[y * size + x] = ((x >> 2) + (y >> 3)) % 2 ? 200 : 60;
  const data = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let sum = 0;
      let n = 0;
      for (let dy = -blurRadius; dy <= blurRadius; dy++) {
        for (let dx = -blurRadius; dx <= blurRadius; dx++) {
          const xx = Math.min(size - 1, Math.max(0, x + dx));
          const yy = Math.min(size - 1, Math.max(0, y + dy));
          sum += base[yy * size + xx]!;
          n++;
        }
      }
      const v = Math.min(255, (sum / n) * gain);
      data.set([v, v, v], 3 * (y * size + x));
    }
  }
  return {
    image: { width: size, height: size, data },
    mask: new Uint8Array(size * size).fill(255),
    frameToCrop: [1, 0, 0, 0, 1, 0],
  };
}

describe('face quality', () => {
  it('sharpness falls as the crop is blurred', () => {
    const sharp = measureQuality(crop(0, 1), 120).sharpness;
    const soft = measureQuality(crop(3, 1), 120).sharpness;
    const mush = measureQuality(crop(8, 1), 120).sharpness;
    expect(sharp).toBeGreaterThan(soft);
    expect(soft).toBeGreaterThan(mush);
  });

  it('reports brightness and clipping, and rejects dark, blown-out, blurred or small faces', () => {
    const ok = measureQuality(crop(0, 1), 120);
    expect(ok.brightness).toBeCloseTo((200 + 60) / 2 / 255, 1);
    expect(isUsableFace(ok)).toBe(true);
    expect(isUsableFace(measureQuality(crop(0, 0.1), 120))).toBe(false);
    const blown = measureQuality(crop(0, 3), 120);
    expect(blown.clippedFraction).toBeGreaterThan(0.4);
    expect(isUsableFace(blown)).toBe(false);
    expect(isUsableFace(measureQuality(crop(12, 1), 120))).toBe(false);
    expect(isUsableFace(measureQuality(crop(0, 1), 40))).toBe(false);
  });
});
