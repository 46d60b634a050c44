// Every constant of the neck-colour signal, with its default and why. Callers pass a partial
// config; `resolveNeckColourConfig` fills the rest and rejects unknown keys and bad values.

import { resolveSignalConfig } from '../common/config.ts';
import { oneSidedScoreProblem } from '../common/one-sided-score.ts';

export interface NeckColourConfig {
  /** A timeline observation every this many media seconds. */
  hopSec: number;
  /** The timeline judges the measured frames of the last this many seconds. */
  windowSec: number;
  /** Faces smaller than this (frame px) are not measured: the neck patch would be a few pixels. */
  minFaceSizePx: number;
  /** Beyond this yaw or pitch (degrees) the patch below the chin is jaw or collar, not neck. */
  maxYawDeg: number;
  maxPitchDeg: number;
  /** Neck patch below the chin, in face heights (forehead top to chin): from `neckTop` to `neckBottom` below the chin … */
  neckTop: number;
  neckBottom: number;
  /** … and `neckWidth` face heights wide, centred under the chin. */
  neckWidth: number;
  /** Two measured frames further apart than this are not compared (a gap is not a change). */
  maxFrameGapSec: number;
  /** Frame-to-frame comparisons needed before the signal judges. */
  minChanges: number;
  /**
   * Median frame-to-frame step of the face-minus-neck chromaticity, in thousandths: up to
   * `driftNormal` what camera faces show, from `driftHigh` fully a face whose colour is matched
   * anew each frame. Measured: docs/signals/neck-colour.md.
   */
  driftNormal: number;
  driftHigh: number;
  neutralScore: number;
  maxScore: number;
  /** Confidence multiplier for a steady face–neck relation (little evidence either way). */
  steadyWeight: number;
  /** Face size (frame px) at which the confidence from face size reaches 1. */
  fullConfidenceFacePx: number;
}

export const DEFAULT_NECK_COLOUR_CONFIG: Readonly<NeckColourConfig> = Object.freeze({
  hopSec: 1,
  windowSec: 10,
  minFaceSizePx: 80,
  maxYawDeg: 30,
  maxPitchDeg: 25,
  neckTop: 0.08,
  neckBottom: 0.3,
  neckWidth: 0.35,
  maxFrameGapSec: 0.2,
  minChanges: 30,
  driftNormal: 5,
  driftHigh: 10,
  neutralScore: 0.3,
  maxScore: 0.75,
  steadyWeight: 0.25,
  fullConfidenceFacePx: 160,
});

export function resolveNeckColourConfig(partial: Partial<NeckColourConfig> = {}): NeckColourConfig {
  return resolveSignalConfig('neck-colour', DEFAULT_NECK_COLOUR_CONFIG, partial, (c) => {
    if (!(c.hopSec > 0 && c.windowSec > 0 && c.maxFrameGapSec > 0))
      return 'hopSec, windowSec and maxFrameGapSec must be positive';
    if (!(c.neckBottom > c.neckTop && c.neckTop >= 0 && c.neckWidth > 0))
      return 'need 0 ≤ neckTop < neckBottom and neckWidth > 0';
    if (!(Number.isInteger(c.minChanges) && c.minChanges >= 2)) return 'minChanges must be an integer ≥ 2';
    if (!(c.driftHigh > c.driftNormal && c.driftNormal >= 0)) return 'need 0 ≤ driftNormal < driftHigh';
    const scoreProblem = oneSidedScoreProblem({ ...c, restingWeight: c.steadyWeight }, 'steadyWeight');
    if (scoreProblem) return scoreProblem;
    return null;
  });
}
