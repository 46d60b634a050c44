// Every constant of the boundary-flicker signal, with its default and why. Callers pass a
// partial config; `resolveBoundaryFlickerConfig` fills the rest and rejects unknown keys and bad values.

import { resolveSignalConfig } from '../common/config.ts';
import { oneSidedScoreProblem } from '../common/one-sided-score.ts';
import type { StillnessLimits } from '../common/mesh-motion.ts';

export interface BoundaryFlickerConfig extends StillnessLimits {
  /** A timeline observation every this many media seconds. */
  hopSec: number;
  /** The timeline judges the still frames of the last this many seconds. */
  windowSec: number;
  /** Faces smaller than this (frame px, larger side of the mesh box) are not measured. */
  minFaceSizePx: number;
  /** Width of the inner and of the outer band, as a fraction of the face outline's size. */
  bandFraction: number;
  /** Gap left on each side of the outline (where a sub-pixel shift of the crop moves a band's mean most). */
  gapFraction: number;
  /** Sample every n-th crop pixel in each direction (3: a ninth of the pixels, still hundreds per band). */
  sampleStep: number;
  /** A zone with fewer sampled pixels than this makes the frame unusable. */
  minZonePixels: number;
  /** Frames further apart than this do not form a pair, seconds. */
  maxFrameGapSec: number;
  /** Interior flicker below this (grey levels) counts as this, so a very steady interior does not inflate the ratio. */
  noiseFloorLevels: number;
  /** Seconds of still head needed before the signal judges. */
  minStillSec: number;
  /**
   * Seam ratio up to which the boundary is as steady as camera faces measured here, and from
   * which it counts fully as a flickering paste-in seam (docs/signals/boundary-flicker.md).
   */
  ratioNormal: number;
  ratioHigh: number;
  /** Score of a steady boundary: neutral (a good swap can have a steady seam too). */
  neutralScore: number;
  maxScore: number;
  /** Confidence multiplier for a steady boundary (little evidence either way). */
  steadyWeight: number;
  /** Face size (frame px) at which the confidence from face size reaches 1. */
  fullConfidenceFacePx: number;
}

export const DEFAULT_BOUNDARY_FLICKER_CONFIG: Readonly<BoundaryFlickerConfig> = Object.freeze({
  stillSpanSec: 0.5,
  maxStillSpeed: 0.1,
  maxStillTurnDegPerSec: 10,
  hopSec: 1,
  windowSec: 10,
  minFaceSizePx: 64,
  bandFraction: 0.07,
  gapFraction: 0.03,
  sampleStep: 3,
  minZonePixels: 30,
  maxFrameGapSec: 0.2,
  noiseFloorLevels: 0.3,
  minStillSec: 3,
  ratioNormal: 4.5,
  ratioHigh: 9,
  neutralScore: 0.3,
  maxScore: 0.75,
  steadyWeight: 0.25,
  fullConfidenceFacePx: 128,
});

export function resolveBoundaryFlickerConfig(
  partial: Partial<BoundaryFlickerConfig> = {},
): BoundaryFlickerConfig {
  return resolveSignalConfig('boundary-flicker', DEFAULT_BOUNDARY_FLICKER_CONFIG, partial, (c) => {
    if (!(c.stillSpanSec > 0 && c.hopSec > 0 && c.windowSec > 0 && c.maxFrameGapSec > 0))
      return 'stillSpanSec, hopSec, windowSec and maxFrameGapSec must be positive';
    if (!(c.bandFraction > 0 && c.gapFraction >= 0 && c.gapFraction + c.bandFraction < 0.5))
      return 'need bandFraction > 0, gapFraction ≥ 0 and their sum < 0.5';
    if (!(Number.isInteger(c.sampleStep) && c.sampleStep >= 1)) return 'sampleStep must be an integer ≥ 1';
    if (!(c.noiseFloorLevels > 0)) return 'noiseFloorLevels must be positive';
    if (!(c.ratioHigh > c.ratioNormal && c.ratioNormal >= 0)) return 'need 0 ≤ ratioNormal < ratioHigh';
    const scoreProblem = oneSidedScoreProblem({ ...c, restingWeight: c.steadyWeight }, 'steadyWeight');
    if (scoreProblem) return scoreProblem;
    return null;
  });
}
