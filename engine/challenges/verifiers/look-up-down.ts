// "Look up, then down": pitch relative to the caller's neutral pitch (the first moments of the
// stream; the camera's height makes neutral anything from −14° to +8° on the webcam recordings)
// must reach the target both ways, each followed by a return to neutral; either order. Pitch is
// the mesh's (> 0 = looking up, checked on wojtek looking down and franck lifting his chin).

import { resolveChallengeConfig, ramp } from '../config.ts';
import { DEFAULT_MEASURE_CONFIG, measureStream, type MeasureConfig } from '../measures.ts';
import { baseline, evidenceOf, twoSidedExcursion } from '../series.ts';
import type { ChallengeObservation, VerifierResult } from '../types.ts';

export interface LookUpDownConfig {
  /**
   * Pitch change from neutral to reach up and down, degrees. Talking moves it ±5–10° (franck
   * reached +12° lifting his chin once in 100 s); looking at the floor gave −20° (wojtek).
   */
  targetPitchDeg: number;
  /** Back at neutral: within this of the baseline, degrees. */
  returnPitchDeg: number;
  /** Neutral pitch is the median over this first stretch of the stream, seconds. */
  baselineSec: number;
  minFramesAtTarget: number;
}

export const DEFAULT_LOOK_UP_DOWN_CONFIG: Readonly<LookUpDownConfig> = Object.freeze({
  targetPitchDeg: 15,
  returnPitchDeg: 7,
  baselineSec: 0.5,
  minFramesAtTarget: 2,
});

export function resolveLookUpDownConfig(partial?: Partial<LookUpDownConfig>): LookUpDownConfig {
  return resolveChallengeConfig('look-up-down', DEFAULT_LOOK_UP_DOWN_CONFIG, partial, (c) =>
    c.returnPitchDeg < c.targetPitchDeg && c.baselineSec >= 0
      ? null
      : 'returnPitchDeg must be below targetPitchDeg',
  );
}

export function verifyLookUpDown(
  observations: readonly ChallengeObservation[],
  config: Readonly<LookUpDownConfig> = DEFAULT_LOOK_UP_DOWN_CONFIG,
  measureConfig: MeasureConfig = DEFAULT_MEASURE_CONFIG,
): VerifierResult {
  const measures = measureStream(observations, measureConfig);
  const times = measures.map((m) => m.timeSec);
  const neutral = baseline(measures, (m) => m.pitchDeg, config.baselineSec);
  const relative = measures.map((m) =>
    m.pitchDeg === null || neutral === null ? null : m.pitchDeg - neutral,
  );
  const excursion = twoSidedExcursion(times, relative, {
    target: config.targetPitchDeg,
    returnTo: config.returnPitchDeg,
    minFrames: config.minFramesAtTarget,
  });
  const returns = excursion.sides.slice(0, 2).filter((s) => s.returnedSec !== null).length;
  const progress =
    0.35 * ramp(excursion.peakPositive, 0, config.targetPitchDeg) +
    0.35 * ramp(excursion.peakNegative, 0, config.targetPitchDeg) +
    0.15 * returns;
  return {
    performed: excursion.complete,
    progress: excursion.complete ? 1 : Math.min(progress, 0.99),
    peaks: { pitchUpDeg: excursion.peakPositive, pitchDownDeg: -excursion.peakNegative },
    evidence: evidenceOf(
      measures,
      excursion.sides.map((s) => ({
        label: s.sign > 0 ? 'looking-up' : 'looking-down',
        startSec: s.reachedSec,
        endSec: s.returnedSec ?? times[times.length - 1]!,
      })),
      neutral === null ? {} : { neutralPitchDeg: neutral },
    ),
  };
}
