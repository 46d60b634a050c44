// Scorers register by name (no string switches): duplicates and unknown names are refused.
// The face-blur baseline and the crop resizes on small known images.

import { describe, expect, it } from 'vitest';
import { CallSentinelError } from '../../../engine/core/errors.ts';
import {
  BUILT_IN_SCORERS,
  createScorerRegistry,
  ScorerRegistry,
} from '../../../engine/eval/scorers/index.ts';
import { faceBlurScore, maskedSharpness } from '../../../engine/eval/scorers/face-blur.ts';
import { areaResizeToTensor, bilinearResizeToTensor } from '../../../engine/signals/common/crop-input.ts';
import { seededRandom } from '../../../engine/eval/metrics.ts';

describe('ScorerRegistry', () => {
  it('knows the built-in scorers and throws on an unknown or duplicate name', () => {
    const registry = createScorerRegistry();
    expect(registry.names()).toEqual([
      'face-swap',
      'antispoof',
      'face-blur',
      'presentation-attack',
      'liveness',
    ]);
    expect(registry.get('face-blur').name).toBe('face-blur');
    expect(() => registry.get('nope')).toThrow(CallSentinelError);
    expect(() => registry.get('nope')).toThrow(
      /known: face-swap, antispoof, face-blur, presentation-attack, liveness/,
    );
    expect(() => new ScorerRegistry([...BUILT_IN_SCORERS, BUILT_IN_SCORERS[0]!])).toThrow(/registered twice/);
    expect(() => registry.register({ ...BUILT_IN_SCORERS[0]!, name: 'Not_Kebab' })).toThrow(/kebab-case/);
  });
});

describe('face-blur baseline', () => {
  const size = 64;
  const noise = (seed: number) => {
    const random = seededRandom(seed);
    return Uint8Array.from({ length: size * size * 3 }, () => Math.floor(random() * 256));
  };
  const mask = Uint8Array.from({ length: size * size }, (_, i) =>
    i % size >= 16 && i % size < 48 ? 255 : 0,
  );

  it('scores a face softer than its surroundings as more likely swapped', () => {
    const sharp = { width: size, height: size, data: noise(1) };
    // Inside the mask, replace the noise with a smooth ramp: no texture left.
    const soft = { width: size, height: size, data: noise(1) };
    for (let i = 0; i < size * size; i++)
      if (mask[i]) soft.data.fill(Math.floor(i / size) * 2, 3 * i, 3 * i + 3);
    const s = maskedSharpness(soft, mask);
    expect(s.inner).toBeLessThan(s.outer / 100);
    expect(faceBlurScore(soft, mask)).toBeGreaterThan(3);
    expect(Math.abs(faceBlurScore(sharp, mask))).toBeLessThan(0.3);
  });
});

describe('crop resize', () => {
  // 4×4 single-value-per-pixel RGB image with values 0..15 in all channels.
  const image = { width: 4, height: 4, data: Uint8Array.from({ length: 48 }, (_, i) => Math.floor(i / 3)) };

  it('area resize averages the covered pixels (OpenCV INTER_AREA)', () => {
    const out = areaResizeToTensor(image, 2, 2);
    // Top-left output = mean of 0, 1, 4, 5 = 2.5, rounded to an 8-bit level, in [0, 1] units.
    expect(out[0]).toBeCloseTo(3 / 255, 6);
    expect(out[3 * 3]).toBeCloseTo(13 / 255, 6);
    // 4 → 3 columns: the middle output covers 2/3 of pixels 1 and 2: (2/3·10 + 2/3·20) / (4/3) = 15; the first 2.5 → 3.
    const three = areaResizeToTensor(
      { width: 4, height: 1, data: Uint8Array.from([0, 0, 0, 10, 10, 10, 20, 20, 20, 30, 30, 30]) },
      3,
      1,
    );
    expect(Array.from(three).map((v) => Math.round(v * 255))).toEqual([3, 3, 3, 15, 15, 15, 28, 28, 28]);
  });

  it('bilinear resize samples at aligned pixel centres (OpenCV INTER_LINEAR)', () => {
    const out = bilinearResizeToTensor(image, 2, 2);
    // Output centre 0.5 reads input 0.5 in both axes: the mean of 0, 1, 4, 5 again.
    expect(out[0]).toBeCloseTo(2.5 / 255, 6);
    // Enlarging keeps the corner pixel (edge replicated).
    expect(bilinearResizeToTensor(image, 8, 8)[0]).toBe(0);
  });
});
