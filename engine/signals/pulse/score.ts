// From a window's pulse measurements to the signal's score. One-sided by design: a pulse that
// is missing or disagrees across the face pushes the score up towards `maxScore`; a clear,
// coherent pulse only brings it down to `neutralScore` (never towards 0) and with reduced
// weight, because a live face swap carries the driver's real pulse.

import type { MessageKey } from '../../core/messages.ts';
import { ramp } from '../common/config.ts';
import type { PulseConfig } from './config.ts';

/** Every reason the pulse signal gives (message-catalogue keys, checked by the compiler). */
export const PULSE_REASON_KEYS = [
  'reason.pulse-present',
  'reason.pulse-none',
  'reason.pulse-incoherent',
  'reason.pulse-window-filling',
  'reason.pulse-face-moving',
] as const satisfies readonly MessageKey[];

export type PulseReasonKey = 'reason.pulse-present' | 'reason.pulse-none' | 'reason.pulse-incoherent';

export interface PulseVerdict {
  score: number;
  /** 0..1: how clearly a coherent pulse is present (1 = strong SNR and regions agree). */
  pulseQuality: number;
  /** Multiplier on the evidence confidence: `absentPulseWeight` for a missing pulse, `presentPulseWeight` for a clear one. */
  weight: number;
  reasonKey: PulseReasonKey;
}

export function scorePulse(
  m: { snrDb: number; coherence: number },
  c: Pick<
    PulseConfig,
    | 'snrGoodDb'
    | 'snrBadDb'
    | 'coherenceGood'
    | 'coherenceBad'
    | 'neutralScore'
    | 'maxScore'
    | 'presentPulseWeight'
    | 'absentPulseWeight'
  >,
): PulseVerdict {
  const strength = Number.isFinite(m.snrDb) ? ramp(m.snrDb, c.snrBadDb, c.snrGoodDb) : m.snrDb > 0 ? 1 : 0;
  const agreement = ramp(m.coherence, c.coherenceBad, c.coherenceGood);
  const pulseQuality = Math.min(strength, agreement);
  const score = c.neutralScore + (c.maxScore - c.neutralScore) * (1 - pulseQuality);
  const weight = c.absentPulseWeight + (c.presentPulseWeight - c.absentPulseWeight) * pulseQuality;
  const reasonKey: PulseReasonKey =
    pulseQuality >= 0.5
      ? 'reason.pulse-present'
      : strength <= agreement
        ? 'reason.pulse-none'
        : 'reason.pulse-incoherent';
  return { score, pulseQuality, weight, reasonKey };
}
