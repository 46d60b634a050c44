// Every constant of the presentation-attack signal, with its default and why. Callers pass a
// partial config; `resolvePresentationAttackConfig` fills the rest and rejects unknown keys and bad values.

import { resolveCropClassifierConfig, type CropClassifierConfig } from '../common/crop-classifier.ts';

export interface PresentationAttackConfig extends CropClassifierConfig {
  /**
   * Score the aligned crop of every k-th usable frame of a track (1 = every frame). A screen or a
   * sheet does not change from frame to frame, so 3 (10 scores per second at 30 fps) is plenty and
   * keeps `scan` above 30 frames/s next to the face-swap model (~1 ms per crop each).
   */
  scoreEveryFrames: number;
  /** A track (or window) with fewer scored frames than this gets `insufficient-data`. */
  minScoredFrames: number;
  /** Share of the lowest and, separately, of the highest frame logits dropped before averaging. */
  trimFraction: number;
  /** Length of the sliding window behind the timeline score, in media seconds. */
  windowSec: number;
  /** Scored frames at which the confidence from frame count reaches 1. */
  fullConfidenceFrames: number;
  /**
   * Face size (frame pixels) at which the confidence from face size reaches 1: moire and halftone
   * dots need resolution, so a small face is weak evidence either way.
   */
  fullConfidenceFacePx: number;
}

export const DEFAULT_PRESENTATION_ATTACK_CONFIG: Readonly<PresentationAttackConfig> = Object.freeze({
  scoreEveryFrames: 3,
  minScoredFrames: 5,
  trimFraction: 0.1,
  windowSec: 2,
  fullConfidenceFrames: 20,
  fullConfidenceFacePx: 160,
});

export function resolvePresentationAttackConfig(
  partial: Partial<PresentationAttackConfig> = {},
): PresentationAttackConfig {
  return resolveCropClassifierConfig('presentation-attack', DEFAULT_PRESENTATION_ATTACK_CONFIG, partial);
}
