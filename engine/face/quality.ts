// Per-frame quality of a face: how big it is, how sharp, how well exposed. Later signals weigh
// their confidence by these, and the verdict is "not verified" when they are too poor.

import type { AlignedFace } from './alignment.ts';

export interface FaceQuality {
  /** Face size in frame pixels: the larger side of the mesh's bounding box. */
  faceSizePx: number;
  /** Variance of the Laplacian of the aligned crop's luma inside the face mask (higher = sharper). */
  sharpness: number;
  /** Mean luma inside the face mask, 0..1. */
  brightness: number;
  /** Fraction of face pixels that are clipped black (< 8) or white (> 247). */
  clippedFraction: number;
}

export function measureQuality(aligned: AlignedFace, faceSizePx: number): FaceQuality {
  const { width, height, data } = aligned.image;
  const luma = new Float32Array(width * height);
  for (let i = 0, p = 0; i < luma.length; i++, p += 3) {
    luma[i] = 0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]!;
  }
  let count = 0;
  let sum = 0;
  let clipped = 0;
  let lapSum = 0;
  let lapSq = 0;
  let lapCount = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (aligned.mask[i] === 0) continue;
      const v = luma[i]!;
      count++;
      sum += v;
      if (v < 8 || v > 247) clipped++;
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1) continue;
      const lap = luma[i - 1]! + luma[i + 1]! + luma[i - width]! + luma[i + width]! - 4 * v;
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

export function isUsableFace(q: FaceQuality, limits: UsableFaceLimits = DEFAULT_USABLE_FACE_LIMITS): boolean {
  return (
    q.faceSizePx >= limits.minFaceSizePx &&
    q.sharpness >= limits.minSharpness &&
    q.brightness >= limits.minBrightness &&
    q.brightness <= limits.maxBrightness &&
    q.clippedFraction <= limits.maxClippedFraction
  );
}
