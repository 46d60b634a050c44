// From the median mouth-to-eyes detail ratio of an open mouth to the signal's score: a mouth as
// detailed as a camera face's lands on the neutral value (with reduced weight), a mouth much
// smoother than the eyes of the same face pushes the score up.

import type { MessageKey } from '../../core/messages.ts';
import { ramp } from '../common/config.ts';
import { oneSidedScore } from '../common/one-sided-score.ts';
import type { MouthTextureConfig } from './config.ts';

/** Every reason the mouth-texture signal gives (message-catalogue keys, checked by the compiler). */
export const MOUTH_TEXTURE_REASON_KEYS = [
  'reason.mouth-texture-smooth',
  'reason.mouth-texture-normal',
  'reason.mouth-texture-closed',
] as const satisfies readonly MessageKey[];

export interface MouthTextureVerdict {
  score: number;
  /** 0..1: how far the mouth is smoother than normal. */
  smoothness: number;
  weight: number;
  reasonKey: 'reason.mouth-texture-smooth' | 'reason.mouth-texture-normal';
}

export function scoreMouthTexture(
  medianRatio: number,
  c: Pick<MouthTextureConfig, 'ratioNormal' | 'ratioLow' | 'neutralScore' | 'maxScore' | 'normalWeight'>,
): MouthTextureVerdict {
  const smoothness = ramp(medianRatio, c.ratioNormal, c.ratioLow);
  return {
    ...oneSidedScore(smoothness, { ...c, restingWeight: c.normalWeight }),
    smoothness,
    reasonKey: smoothness >= 0.5 ? 'reason.mouth-texture-smooth' : 'reason.mouth-texture-normal',
  };
}
