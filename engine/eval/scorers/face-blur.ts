// Baseline without a model: real-time swappers render the face small (inswapper: 128 px) and
// paste it back, so the face inside the mask tends to be softer than its surroundings. Fake
// score = −log(sharpness inside the face mask / sharpness outside it), sharpness being the
// variance of the Laplacian of the crop's luma (as engine/face/quality.ts measures it).

import type { RgbImage } from '../../face/image-warp.ts';
import type { ScorerDefinition } from './types.ts';

/** Added to both variances so flat regions (e.g. a black border) do not divide by zero. */
const SHARPNESS_FLOOR = 1;

export interface MaskedSharpness {
  inner: number;
  outer: number;
}

/** Variance of the 4-neighbour Laplacian of luma, separately inside (mask ≠ 0) and outside. */
export function maskedSharpness(image: RgbImage, mask: Uint8Array): MaskedSharpness {
  const { width: w, height: h, data } = image;
  const luma = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++)
    luma[i] = 0.299 * data[3 * i]! + 0.587 * data[3 * i + 1]! + 0.114 * data[3 * i + 2]!;
  const acc = { in: [0, 0, 0], out: [0, 0, 0] };
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const lap = luma[i - 1]! + luma[i + 1]! + luma[i - w]! + luma[i + w]! - 4 * luma[i]!;
      const a = mask[i] !== 0 ? acc.in : acc.out;
      a[0]! += 1;
      a[1]! += lap;
      a[2]! += lap * lap;
    }
  }
  const variance = ([n, s, q]: number[]) => (n! > 0 ? q! / n! - (s! / n!) ** 2 : 0);
  return { inner: variance(acc.in), outer: variance(acc.out) };
}

export function faceBlurScore(image: RgbImage, mask: Uint8Array): number {
  const { inner, outer } = maskedSharpness(image, mask);
  return -Math.log((inner + SHARPNESS_FLOOR) / (outer + SHARPNESS_FLOOR));
}

export const faceBlurScorer: ScorerDefinition = {
  name: 'face-blur',
  description: 'no model: −log(sharpness inside the face mask / outside it)',
  async create() {
    return {
      models: [],
      crop: 'aligned', // the face mask belongs to the aligned crop
      inSample: false,
      async score(crop) {
        return faceBlurScore(crop.image, await crop.mask());
      },
      async dispose() {},
    };
  },
};
