// From a track's blink statistics to the signal's score. One-sided like the pulse: a face that
// never blinks (a photo, a frozen or replayed face) or blinks implausibly (one eye only, a
// one-frame flicker) pushes the score up; normal blinking only brings it to `neutralScore`, with
// reduced weight, because a live face swap passes the driver's own blinks through.

import type { MessageKey } from '../../core/messages.ts';
import { ramp } from '../common/config.ts';
import { oneSidedScore } from '../common/one-sided-score.ts';
import type { BlinkConfig } from './config.ts';

/** Every reason the blink signal gives (message-catalogue keys, checked by the compiler). */
export const BLINK_REASON_KEYS = [
  'reason.blink-normal',
  'reason.blink-none',
  'reason.blink-odd',
  'reason.blink-watching',
] as const satisfies readonly MessageKey[];

export type BlinkReasonKey = 'reason.blink-normal' | 'reason.blink-none' | 'reason.blink-odd';

export interface BlinkSummary {
  /** Seconds during which both eyes were measurable. */
  observedSec: number;
  blinks: number;
  implausible: number;
  /** Longest stretch of measurable eyes without any eye-closure event, seconds. */
  longestBlinkFreeSec: number;
}

export interface BlinkVerdict {
  score: number;
  /** 0..1: how strongly the blinking looks wrong. */
  oddness: number;
  weight: number;
  reasonKey: BlinkReasonKey;
}

/** null while too little was seen to judge: no eye event yet, and not yet `noBlinkSec` without one. */
export function scoreBlinks(
  s: BlinkSummary,
  c: Pick<
    BlinkConfig,
    | 'noBlinkSec'
    | 'noBlinkFullSec'
    | 'minImplausibleEvents'
    | 'implausibleShareLow'
    | 'implausibleShareHigh'
    | 'neutralScore'
    | 'maxScore'
    | 'normalBlinkWeight'
  >,
): BlinkVerdict | null {
  const events = s.blinks + s.implausible;
  if (events === 0 && s.longestBlinkFreeSec < c.noBlinkSec) return null;
  const never = ramp(s.longestBlinkFreeSec, c.noBlinkSec, c.noBlinkFullSec);
  const odd =
    s.implausible >= c.minImplausibleEvents
      ? ramp(s.implausible / events, c.implausibleShareLow, c.implausibleShareHigh)
      : 0;
  const oddness = Math.max(never, odd);
  return {
    ...oneSidedScore(oddness, { ...c, restingWeight: c.normalBlinkWeight }),
    oddness,
    // A face that blinks but once went a little over `noBlinkSec` without: still "normal" in words.
    reasonKey:
      oddness >= 0.5 || (s.blinks === 0 && oddness > 0)
        ? never >= odd
          ? 'reason.blink-none'
          : 'reason.blink-odd'
        : 'reason.blink-normal',
  };
}
