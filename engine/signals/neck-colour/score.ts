// From the median step of the face-minus-neck colour to the neck-colour signal's score: a face
// whose colour moves with its neck lands on the neutral value (with reduced weight), a face whose
// colour jumps against its neck from frame to frame pushes the score up.

import type { MessageKey } from '../../core/messages.ts';
import { ramp } from '../common/config.ts';
import { oneSidedScore } from '../common/one-sided-score.ts';
import type { NeckColourConfig } from './config.ts';

/** Every reason the neck-colour signal gives (message-catalogue keys, checked by the compiler). */
export const NECK_COLOUR_REASON_KEYS = [
  'reason.neck-colour-drift',
  'reason.neck-colour-normal',
  'reason.neck-colour-unseen',
] as const satisfies readonly MessageKey[];

export interface NeckColourVerdict {
  score: number;
  excess: number;
  weight: number;
  reasonKey: 'reason.neck-colour-drift' | 'reason.neck-colour-normal';
}

export function scoreNeckColour(
  step: number,
  c: Pick<NeckColourConfig, 'driftNormal' | 'driftHigh' | 'neutralScore' | 'maxScore' | 'steadyWeight'>,
): NeckColourVerdict {
  const excess = ramp(step, c.driftNormal, c.driftHigh);
  return {
    ...oneSidedScore(excess, { ...c, restingWeight: c.steadyWeight }),
    excess,
    reasonKey: excess >= 0.5 ? 'reason.neck-colour-drift' : 'reason.neck-colour-normal',
  };
}
