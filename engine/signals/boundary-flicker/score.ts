// From the seam ratio of a still head to the boundary-flicker signal's score: a boundary as
// steady as a camera face's lands on the neutral value (with reduced weight), a seam that
// flickers well beyond the interior pushes the score up.

import type { MessageKey } from '../../core/messages.ts';
import { ramp } from '../common/config.ts';
import { oneSidedScore } from '../common/one-sided-score.ts';
import type { BoundaryFlickerConfig } from './config.ts';

/** Every reason the boundary-flicker signal gives (message-catalogue keys, checked by the compiler). */
export const BOUNDARY_FLICKER_REASON_KEYS = [
  'reason.boundary-flicker-high',
  'reason.boundary-flicker-normal',
  'reason.boundary-flicker-too-short',
] as const satisfies readonly MessageKey[];

export interface BoundaryFlickerVerdict {
  score: number;
  excess: number;
  weight: number;
  reasonKey: 'reason.boundary-flicker-high' | 'reason.boundary-flicker-normal';
}

export function scoreBoundaryFlicker(
  seamRatio: number,
  c: Pick<BoundaryFlickerConfig, 'ratioNormal' | 'ratioHigh' | 'neutralScore' | 'maxScore' | 'steadyWeight'>,
): BoundaryFlickerVerdict {
  const excess = ramp(seamRatio, c.ratioNormal, c.ratioHigh);
  return {
    ...oneSidedScore(excess, { ...c, restingWeight: c.steadyWeight }),
    excess,
    reasonKey: excess >= 0.5 ? 'reason.boundary-flicker-high' : 'reason.boundary-flicker-normal',
  };
}
