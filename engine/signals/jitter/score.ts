// From the median landmark jitter of a still head to the jitter signal's score: steady
// landmarks land on the neutral value (with reduced weight; a good swap can be steady too),
// jitter beyond what a camera face shows pushes the score up.

import type { MessageKey } from '../../core/messages.ts';
import { ramp } from '../common/config.ts';
import { oneSidedScore } from '../common/one-sided-score.ts';
import type { JitterConfig } from './config.ts';

/** Every reason the jitter signal gives (message-catalogue keys, checked by the compiler). */
export const JITTER_REASON_KEYS = [
  'reason.jitter-high',
  'reason.jitter-normal',
  'reason.jitter-not-still',
] as const satisfies readonly MessageKey[];

export interface JitterVerdict {
  score: number;
  /** 0..1: how far the jitter lies beyond normal. */
  excess: number;
  weight: number;
  reasonKey: 'reason.jitter-high' | 'reason.jitter-normal';
}

export function scoreJitter(
  medianJitter: number,
  c: Pick<JitterConfig, 'jitterNormal' | 'jitterHigh' | 'neutralScore' | 'maxScore' | 'steadyWeight'>,
): JitterVerdict {
  const excess = ramp(medianJitter, c.jitterNormal, c.jitterHigh);
  return {
    ...oneSidedScore(excess, { ...c, restingWeight: c.steadyWeight }),
    excess,
    reasonKey: excess >= 0.5 ? 'reason.jitter-high' : 'reason.jitter-normal',
  };
}
