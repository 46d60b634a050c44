// Every constant of the blink signal, with its default and why. Callers pass a partial config;
// `resolveBlinkConfig` fills the rest and rejects unknown keys and bad values.

import { resolveSignalConfig } from '../common/config.ts';
import { oneSidedScoreProblem } from '../common/one-sided-score.ts';
import type { BlinkDetectOptions } from './detect-blinks.ts';

export interface BlinkConfig extends BlinkDetectOptions {
  /** A timeline observation every this many media seconds. */
  hopSec: number;
  /** Faces smaller than this (frame px, larger side of the mesh box) are not read. */
  minFaceSizePx: number;
  /** Beyond this yaw or pitch the mesh's eyelids are unreliable and the frame is skipped, degrees. */
  maxYawDeg: number;
  maxPitchDeg: number;
  /**
   * A blink-free stretch (seconds of measurable eyes) from which "never blinks" starts to count;
   * until the first blink or this long, the signal does not judge (`insufficient-data`).
   */
  noBlinkSec: number;
  /** … and at which it counts fully (people rarely go this long; a photo or frozen face always does). */
  noBlinkFullSec: number;
  /** Implausible events (one-eyed, too fast) needed before their share counts at all. */
  minImplausibleEvents: number;
  /** Share of implausible events from which the shape starts to count, and at which it counts fully. */
  implausibleShareLow: number;
  implausibleShareHigh: number;
  /** Score of normal blinking: neutral, never exonerating (a live face swap passes the driver's blinks through). */
  neutralScore: number;
  /** Score of a face that never blinks or blinks implausibly. */
  maxScore: number;
  /** Confidence multiplier for normal blinking (little evidence either way). */
  normalBlinkWeight: number;
  /** Face size (frame px) at which the confidence from face size reaches 1. */
  fullConfidenceFacePx: number;
}

export const DEFAULT_BLINK_CONFIG: Readonly<BlinkConfig> = Object.freeze({
  referenceHalfWindowSec: 1,
  referenceQuantile: 0.75,
  minDepth: 0.2,
  edgeDepth: 0.07,
  maxGapSec: 0.25,
  minBlinkSec: 0.04,
  maxBlinkSec: 0.7,
  maxAsymmetry: 0.6,
  hopSec: 1,
  minFaceSizePx: 64,
  maxYawDeg: 30,
  maxPitchDeg: 25,
  noBlinkSec: 20,
  noBlinkFullSec: 45,
  minImplausibleEvents: 2,
  implausibleShareLow: 0.25,
  implausibleShareHigh: 0.75,
  neutralScore: 0.3,
  maxScore: 0.75,
  normalBlinkWeight: 0.25,
  fullConfidenceFacePx: 128,
});

export function resolveBlinkConfig(partial: Partial<BlinkConfig> = {}): BlinkConfig {
  return resolveSignalConfig('blink', DEFAULT_BLINK_CONFIG, partial, (c) => {
    if (!(c.referenceHalfWindowSec > 0 && c.hopSec > 0 && c.maxGapSec > 0))
      return 'referenceHalfWindowSec, hopSec and maxGapSec must be positive';
    if (!(c.referenceQuantile > 0 && c.referenceQuantile < 1)) return 'referenceQuantile must be in (0, 1)';
    if (!(c.edgeDepth > 0 && c.edgeDepth < c.minDepth / 2 && c.minDepth < 1))
      return 'need 0 < edgeDepth < minDepth / 2 and minDepth < 1';
    if (!(c.minBlinkSec >= 0 && c.maxBlinkSec > c.minBlinkSec)) return 'need 0 ≤ minBlinkSec < maxBlinkSec';
    if (!(c.noBlinkFullSec > c.noBlinkSec && c.noBlinkSec > 0)) return 'need 0 < noBlinkSec < noBlinkFullSec';
    if (!(c.implausibleShareHigh > c.implausibleShareLow))
      return 'implausibleShareHigh must exceed implausibleShareLow';
    const scoreProblem = oneSidedScoreProblem(
      { ...c, restingWeight: c.normalBlinkWeight },
      'normalBlinkWeight',
    );
    if (scoreProblem) return scoreProblem;
    return null;
  });
}
