// Every constant of the mouth-texture signal, with its default and why. Callers pass a partial
// config; `resolveMouthTextureConfig` fills the rest and rejects unknown keys and bad values.

import { resolveSignalConfig } from '../common/config.ts';
import { oneSidedScoreProblem } from '../common/one-sided-score.ts';

export interface MouthTextureConfig {
  /** A timeline observation every this many media seconds. */
  hopSec: number;
  /** The timeline judges the open-mouth frames of the last this many seconds. */
  windowSec: number;
  /** Faces smaller than this (frame px) are not measured: below it the crop is mostly interpolation. */
  minFaceSizePx: number;
  /** Beyond this yaw or pitch (degrees) one side of the mouth hides and the eyes foreshorten. */
  maxYawDeg: number;
  maxPitchDeg: number;
  /** The mouth counts as open when the inner lips are at least this far apart, as a share of the mouth width. */
  minOpening: number;
  /** Seconds of open mouth needed before the signal judges. */
  minOpenSec: number;
  /** A measured frame stands for at most this many seconds (a gap in the track is not open time). */
  maxFrameGapSec: number;
  /**
   * Median ratio of fine detail inside the open mouth to the detail of the eyes: at `ratioNormal`
   * and above it is what camera faces show, at `ratioLow` and below it counts fully as a
   * re-rendered mouth (blurred teeth and tongue). Measured: docs/signals/mouth-texture.md.
   */
  ratioNormal: number;
  ratioLow: number;
  /** Score of a normal mouth: neutral, since a good generator can draw sharp teeth too. */
  neutralScore: number;
  maxScore: number;
  /** Confidence multiplier for a normal mouth (little evidence either way). */
  normalWeight: number;
  /** Face size (frame px) at which the confidence from face size reaches 1. */
  fullConfidenceFacePx: number;
}

export const DEFAULT_MOUTH_TEXTURE_CONFIG: Readonly<MouthTextureConfig> = Object.freeze({
  hopSec: 1,
  windowSec: 10,
  minFaceSizePx: 80,
  maxYawDeg: 30,
  maxPitchDeg: 25,
  minOpening: 0.12,
  minOpenSec: 1,
  maxFrameGapSec: 0.2,
  ratioNormal: 0.5,
  ratioLow: 0.3,
  neutralScore: 0.3,
  maxScore: 0.75,
  normalWeight: 0.25,
  fullConfidenceFacePx: 160,
});

export function resolveMouthTextureConfig(partial: Partial<MouthTextureConfig> = {}): MouthTextureConfig {
  return resolveSignalConfig('mouth-texture', DEFAULT_MOUTH_TEXTURE_CONFIG, partial, (c) => {
    if (!(c.hopSec > 0 && c.windowSec > 0 && c.maxFrameGapSec > 0 && c.minOpenSec > 0))
      return 'hopSec, windowSec, maxFrameGapSec and minOpenSec must be positive';
    if (!(c.minOpening > 0 && c.minOpening < 1)) return 'minOpening must be in (0, 1)';
    if (!(c.ratioNormal > c.ratioLow && c.ratioLow >= 0)) return 'need 0 ≤ ratioLow < ratioNormal';
    const scoreProblem = oneSidedScoreProblem({ ...c, restingWeight: c.normalWeight }, 'normalWeight');
    if (scoreProblem) return scoreProblem;
    return null;
  });
}
