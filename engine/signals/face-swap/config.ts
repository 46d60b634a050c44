// Every constant of the face-swap signal, with its default and why. Callers pass a partial
// config; `resolveFaceSwapConfig` fills the rest and rejects unknown keys and bad values.

import { resolveCropClassifierConfig, type CropClassifierConfig } from '../common/crop-classifier.ts';

export interface FaceSwapConfig extends CropClassifierConfig {
  /**
   * Score the aligned crop of every k-th usable frame of a track (1 = every frame). Chosen so
   * that `scan` of a 640×480 call with one face stays above 30 frames/s on 2 cores (README).
   */
  scoreEveryFrames: number;
  /** A track (or window) with fewer scored frames than this gets `insufficient-data`. */
  minScoredFrames: number;
  /**
   * Share of the lowest and, separately, of the highest frame logits dropped before averaging:
   * a few frames of a blink, a hand or a motion blur do not decide a track.
   */
  trimFraction: number;
  /** Length of the sliding window behind the timeline score, in media seconds. */
  windowSec: number;
  /** Scored frames at which the confidence from frame count reaches 1. */
  fullConfidenceFrames: number;
  /** Face size (frame pixels) at which the confidence from face size reaches 1. */
  fullConfidenceFacePx: number;
}

export const DEFAULT_FACE_SWAP_CONFIG: Readonly<FaceSwapConfig> = Object.freeze({
  scoreEveryFrames: 2,
  minScoredFrames: 5,
  trimFraction: 0.1,
  windowSec: 2,
  fullConfidenceFrames: 30,
  fullConfidenceFacePx: 128,
});

export function resolveFaceSwapConfig(partial: Partial<FaceSwapConfig> = {}): FaceSwapConfig {
  return resolveCropClassifierConfig('face-swap', DEFAULT_FACE_SWAP_CONFIG, partial);
}
