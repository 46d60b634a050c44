// Per-frame quality of a face: how big it is, how sharp, how well exposed. Later signals weigh
// their confidence by these, and the verdict is "not verified" when they are too poor.

import type { AlignedFace } from './alignment.ts';

export interface FaceQuality {
  /** Face size in frame pixels: the larger side of the mesh's bounding box. */
  faceSizePx: number;
  /** Variance of the Laplacian of the aligned crop's luma (at half size) inside the face mask; higher = sharper. */
  sharpness: number;
  /** Mean luma inside the face mask, 0..1. */
  brightness: number;
  /** Fraction of face pixels that are clipped black (< 8) or white (> 247). */
  clippedFraction: number;
}

export function measureQuality(aligned: AlignedFace, faceSizePx: number): FaceQuality {
  const { width, height, data } = aligned.image;
  // Sharpness is measured on the crop halved (2×2 box), so a small face that the aligned crop
  // had to enlarge is not judged by interpolation blur alone; exposure uses every pixel.
  const w = width >> 1;
  const h = height >> 1;
  const luma = new Float32Array(w * h);
  const inFace = new Uint8Array(w * h);
  let count = 0;
  let sum = 0;
  let clipped = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const p = 3 * i;
      const v = 0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]!;
      if (aligned.mask[i] !== 0) {
        count++;
        sum += v;
        if (v < 8 || v > 247) clipped++;
      }
      const j = (y >> 1) * w + (x >> 1);
      if (x >> 1 < w && y >> 1 < h) {
        luma[j] = luma[j]! + v / 4;
        if (aligned.mask[i] !== 0) inFace[j] = 1;
      }
    }
  }
  let lapSum = 0;
  let lapSq = 0;
  let lapCount = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      if (!inFace[i]) continue;
      const lap = luma[i - 1]! + luma[i + 1]! + luma[i - w]! + luma[i + w]! - 4 * luma[i]!;
      lapSum += lap;
      lapSq += lap * lap;
      lapCount++;
    }
  }
  const lapMean = lapCount ? lapSum / lapCount : 0;
  return {
    faceSizePx,
    sharpness: lapCount ? lapSq / lapCount - lapMean * lapMean : 0,
    brightness: count ? sum / count / 255 : 0,
    clippedFraction: count ? clipped / count : 1,
  };
}

/** Limits a frame's face must meet to count as usable evidence. */
export interface UsableFaceLimits {
  minFaceSizePx: number;
  /** Below this Laplacian variance the crop is too blurred to judge. */
  minSharpness: number;
  minBrightness: number;
  maxBrightness: number;
  maxClippedFraction: number;
}

export const DEFAULT_USABLE_FACE_LIMITS: Readonly<UsableFaceLimits> = Object.freeze({
  minFaceSizePx: 64,
  minSharpness: 10,
  minBrightness: 0.12,
  maxBrightness: 0.92,
  maxClippedFraction: 0.3,
});

/** Why a face is not usable evidence; null when it is. Checked in this order. */
export type UnusableCause = 'small' | 'dark' | 'overexposed' | 'blurred';

export function unusableCause(
  q: FaceQuality,
  limits: UsableFaceLimits = DEFAULT_USABLE_FACE_LIMITS,
): UnusableCause | null {
  if (q.faceSizePx < limits.minFaceSizePx) return 'small';
  if (q.brightness < limits.minBrightness) return 'dark';
  if (q.brightness > limits.maxBrightness || q.clippedFraction > limits.maxClippedFraction)
    return 'overexposed';
  if (q.sharpness < limits.minSharpness) return 'blurred';
  return null;
}

export function isUsableFace(q: FaceQuality, limits: UsableFaceLimits = DEFAULT_USABLE_FACE_LIMITS): boolean {
  return unusableCause(q, limits) === null;
}
