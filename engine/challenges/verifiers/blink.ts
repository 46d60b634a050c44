// "Blink twice": eye-aspect ratio (lid gap over eye width, both eyes, from the mesh) must dip
// below a fraction of its open level and come back, at least twice. The open level is a high
// percentile over the stream, so the blinks themselves do not lower it. Frames turned more than
// a little are left out: the ratio shrinks with yaw without any blink.

import { percentile } from '../../core/stats.ts';
import { resolveChallengeConfig } from '../config.ts';
import { DEFAULT_MEASURE_CONFIG, measureStream, type MeasureConfig } from '../measures.ts';
import { evidenceOf, runSeconds, runSpan, runsWhere } from '../series.ts';
import type { ChallengeObservation, VerifierResult } from '../types.ts';

export interface BlinkConfig {
  requiredBlinks: number;
  /** Closed: ratio below this fraction of the open level (open eyes vary ±15 % frame to frame). */
  closedFraction: number;
  /** Reopened: back above this fraction of the open level. */
  reopenFraction: number;
  /** A closure longer than this is not a blink (eyes shut on purpose), seconds. */
  maxClosedSec: number;
  /** Open level: this percentile of the ratio over the stream. */
  openPercentile: number;
  /** Open eyes measured 0.22–0.35 on the webcam recordings; below this nothing is judged. */
  minOpenRatio: number;
  /** Frames with |yaw| above this are not used, degrees. */
  maxAbsYawDeg: number;
}

export const DEFAULT_BLINK_CONFIG: Readonly<BlinkConfig> = Object.freeze({
  requiredBlinks: 2,
  closedFraction: 0.55,
  reopenFraction: 0.8,
  maxClosedSec: 0.6,
  openPercentile: 0.9,
  minOpenRatio: 0.15,
  maxAbsYawDeg: 30,
});

export function resolveBlinkConfig(partial?: Partial<BlinkConfig>): BlinkConfig {
  return resolveChallengeConfig('blink-twice', DEFAULT_BLINK_CONFIG, partial, (c) =>
    c.closedFraction < c.reopenFraction && c.reopenFraction < 1 && c.requiredBlinks >= 1
      ? null
      : 'need closedFraction < reopenFraction < 1 and requiredBlinks ≥ 1',
  );
}

export function verifyBlink(
  observations: readonly ChallengeObservation[],
  config: Readonly<BlinkConfig> = DEFAULT_BLINK_CONFIG,
  measureConfig: MeasureConfig = DEFAULT_MEASURE_CONFIG,
): VerifierResult {
  const measures = measureStream(observations, measureConfig);
  const times = measures.map((m) => m.timeSec);
  const usable = measures.map((m) =>
    m.eyeAspect !== null && m.yawDeg !== null && Math.abs(m.yawDeg) <= config.maxAbsYawDeg
      ? m.eyeAspect
      : null,
  );
  const defined = usable.filter((v): v is number => v !== null);
  const open = defined.length > 0 ? percentile(defined, config.openPercentile) : 0;
  const judged = open >= config.minOpenRatio;
  const closed = judged
    ? runsWhere(usable.length, (i) => usable[i] !== null && usable[i]! < config.closedFraction * open)
    : [];
  // A blink: a short closure followed by a reopened frame.
  const blinks = closed.filter((run) => {
    if (runSeconds(run, times) > config.maxClosedSec) return false;
    const next = usable.slice(run.last + 1).findIndex((v) => v !== null);
    return next >= 0 && usable[run.last + 1 + next]! >= config.reopenFraction * open;
  });
  const lowest = defined.length > 0 ? Math.min(...defined) : 0;
  const performed = blinks.length >= config.requiredBlinks;
  return {
    performed,
    progress: Math.min(1, blinks.length / config.requiredBlinks),
    peaks: { blinks: blinks.length, lowestEyeRatio: open > 0 ? lowest / open : 1 },
    evidence: evidenceOf(
      measures,
      blinks.map((run) => runSpan('blink', run, times)),
      { openEyeRatio: open, judged, framesUsed: defined.length },
    ),
  };
}
