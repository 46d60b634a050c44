// How the crop-classifier signals (face-swap, presentation-attack) turn per-frame model outputs into one score per track (or window),
// and how sure it is. `callsentinel eval` imports these same functions for its video-level
// scores, so the evaluated numbers are those of the signal.

import { logit } from '../../fusion/calibration.ts';

/** Name recorded in the calibration file, so a calibration fitted on another aggregation is refused. */
export const AGGREGATION_METHOD = 'trimmed-mean-logit' as const;

/** A model's probability of "swapped" as a logit (clamped, so a saturated output stays finite). */
export function frameLogit(probability: number): number {
  return logit(probability);
}

/**
 * Mean after dropping ⌊trimFraction·n⌋ of the lowest and as many of the highest values; the
 * track's raw score (a logit), which calibration turns into a probability. NaN for no values.
 */
export function trimmedMean(values: readonly number[], trimFraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const drop = Math.floor(trimFraction * sorted.length);
  let sum = 0;
  for (let i = drop; i < sorted.length - drop; i++) sum += sorted[i]!;
  return sum / (sorted.length - 2 * drop);
}

export interface ConfidenceLimits {
  fullConfidenceFrames: number;
  fullConfidenceFacePx: number;
}

/**
 * How much evidence stood behind a score, 0..1: the share of `fullConfidenceFrames` that was
 * scored, times the mean of each scored face's size relative to `fullConfidenceFacePx` (capped
 * at 1). Small faces and few frames give low confidence.
 */
export function evidenceConfidence(faceSizesPx: readonly number[], limits: ConfidenceLimits): number {
  if (faceSizesPx.length === 0) return 0;
  let size = 0;
  for (const s of faceSizesPx) size += Math.min(1, s / limits.fullConfidenceFacePx);
  const frames = Math.min(1, faceSizesPx.length / limits.fullConfidenceFrames);
  return frames * (size / faceSizesPx.length);
}
