// Every constant of the jitter signal, with its default and why. Callers pass a partial config;
// `resolveJitterConfig` fills the rest and rejects unknown keys and bad values.

import { resolveSignalConfig } from '../common/config.ts';
import { oneSidedScoreProblem } from '../common/one-sided-score.ts';
import type { StillnessLimits } from '../common/mesh-motion.ts';

export interface JitterConfig extends StillnessLimits {
  /** A timeline observation every this many media seconds. */
  hopSec: number;
  /** The timeline judges the still frames of the last this many seconds. */
  windowSec: number;
  /** Faces smaller than this (frame px, larger side of the mesh box) are not measured. */
  minFaceSizePx: number;
  /** Three frames form a measurement only when each is at most this far from the next, seconds. */
  maxFrameGapSec: number;
  /** … and when the two intervals differ by at most this factor (a dropped frame is not jitter). */
  maxIntervalRatio: number;
  /** Seconds of still head needed before the signal judges. */
  minStillSec: number;
  /**
   * Median jitter (share of the face height) up to which it is what a camera face shows through
   * this face mesh, and from which it counts fully as a re-rendered face's wobble. Measured:
   * docs/signals/jitter.md.
   */
  jitterNormal: number;
  jitterHigh: number;
  /** Score of normal (steady) landmarks: neutral, since a good swap can be steady too. */
  neutralScore: number;
  maxScore: number;
  /** Confidence multiplier for steady landmarks (little evidence either way). */
  steadyWeight: number;
  /** Face size (frame px) at which the confidence from face size reaches 1. */
  fullConfidenceFacePx: number;
}

export const DEFAULT_JITTER_CONFIG: Readonly<JitterConfig> = Object.freeze({
  stillSpanSec: 0.5,
  maxStillSpeed: 0.1,
  maxStillTurnDegPerSec: 10,
  hopSec: 1,
  windowSec: 10,
  minFaceSizePx: 64,
  maxFrameGapSec: 0.2,
  maxIntervalRatio: 1.5,
  minStillSec: 3,
  jitterNormal: 0.0025,
  jitterHigh: 0.006,
  neutralScore: 0.3,
  maxScore: 0.75,
  steadyWeight: 0.25,
  fullConfidenceFacePx: 128,
});

export function resolveJitterConfig(partial: Partial<JitterConfig> = {}): JitterConfig {
  return resolveSignalConfig('jitter', DEFAULT_JITTER_CONFIG, partial, (c) => {
    if (!(c.stillSpanSec > 0 && c.hopSec > 0 && c.windowSec > 0 && c.maxFrameGapSec > 0))
      return 'stillSpanSec, hopSec, windowSec and maxFrameGapSec must be positive';
    if (!(c.maxIntervalRatio >= 1)) return 'maxIntervalRatio must be ≥ 1';
    if (!(c.jitterHigh > c.jitterNormal && c.jitterNormal >= 0)) return 'need 0 ≤ jitterNormal < jitterHigh';
    const scoreProblem = oneSidedScoreProblem({ ...c, restingWeight: c.steadyWeight }, 'steadyWeight');
    if (scoreProblem) return scoreProblem;
    return null;
  });
}
