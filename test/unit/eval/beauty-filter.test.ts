// The evaluation's beauty filter: it must smooth skin-like texture, keep strong edges, brighten
// the dark end without moving white, and leave its input alone.

import { describe, expect, it } from 'vitest';
import { BEAUTY_LEVELS, beautyAtCropScale, beautyFilter } from '../../../engine/eval/beauty-filter.ts';
import type { RgbImage } from '../../../engine/face/image-warp.ts';

/** 64×64: left half a noisy mid-grey "skin" (±6 levels), right half black, one bright column. */
function testImage(): RgbImage {
  const [w, h] = [64, 64];
  const data = new Uint8Array(w * h * 3);
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const v = x < 32 ? 150 + Math.round(rand() * 6) : x === 48 ? 255 : 0;
      data.fill(v, (y * w + x) * 3, (y * w + x) * 3 + 3);
    }
  return { width: w, height: h, data };
}

const at = (img: RgbImage, x: number, y: number) => img.data[(y * img.width + x) * 3]!;

function stdDev(img: RgbImage, x0: number, x1: number): number {
  const v: number[] = [];
  for (let y = 8; y < 56; y++) for (let x = x0; x < x1; x++) v.push(at(img, x, y));
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
}

describe('beautyFilter', () => {
  it('smooths texture, keeps edges, lifts the dark end and leaves white and its input alone', () => {
    const img = testImage();
    const before = img.data.slice();
    const out = beautyFilter(img, { lift: 10 });
    expect(img.data).toEqual(before);
    expect(stdDev(out, 6, 26)).toBeLessThan(stdDev(img, 6, 26) / 2);
    // The skin/black edge stays a step: the pixels beside it keep to their own side.
    expect(at(out, 31, 30)).toBeGreaterThan(140);
    expect(at(out, 32, 30)).toBeLessThanOrEqual(12);
    expect(at(out, 40, 30)).toBe(10); // black lifted by 10
    expect(at(out, 48, 30)).toBe(255); // the white line survives, white stays white
  });

  it('acts on the face alike in a crop that shows twice the scene (the context crop): half the neighbourhood', () => {
    expect(beautyAtCropScale(BEAUTY_LEVELS.strong, 1)).toBe(BEAUTY_LEVELS.strong);
    const half = beautyAtCropScale(BEAUTY_LEVELS.strong, 2);
    expect(half).toMatchObject({ radius: 2, sigmaSpace: 2.5, sigmaColour: 90, lift: 10 });
    // The full-size settings on a half-size image smooth more than the scaled ones do.
    const small = testImage();
    expect(stdDev(beautyFilter(small, BEAUTY_LEVELS.strong), 4, 28)).toBeLessThan(
      stdDev(beautyFilter(small, half), 4, 28),
    );
  });
});
