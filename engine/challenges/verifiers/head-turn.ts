// "Turn your head slowly to the left profile and back, then to the right": yaw must reach the
// target on both sides, each followed by a return to facing the camera. Either order passes, since
// a call's video may arrive mirrored (then the caller's left shows as yaw < 0); the order seen is
// reported. Yaw is the mesh's, and MoveNet's past the mesh's range or where it lost the face
// (measures.ts), so a profile the mesh cannot follow still counts. In-plane rotation does not read
// as yaw: the mesh's yaw is taken from its 3-D axes and MoveNet's along the head's rolled axis.

import { resolveChallengeConfig, ramp } from '../config.ts';
import { DEFAULT_MEASURE_CONFIG, measureStream, type MeasureConfig } from '../measures.ts';
import { evidenceOf, twoSidedExcursion } from '../series.ts';
import type { ChallengeObservation, VerifierResult } from '../types.ts';

export interface HeadTurnConfig {
  /**
   * |yaw| to reach on each side, degrees. Real-time swappers degrade past ~45° and fail past ~60°
   * (docs: FIELD-NOTES); a cooperative subject asked for a profile reached 41° (wojtek), so 40°
   * is what "performed" requires, and the peaks say how far the caller actually went.
   */
  targetYawDeg: number;
  /** Back to facing the camera: |yaw| at or below this, degrees. */
  returnYawDeg: number;
  /** Consecutive frames at or past the target (a one-frame glitch does not count). */
  minFramesAtTarget: number;
}

export const DEFAULT_HEAD_TURN_CONFIG: Readonly<HeadTurnConfig> = Object.freeze({
  targetYawDeg: 40,
  returnYawDeg: 15,
  minFramesAtTarget: 2,
});

export function resolveHeadTurnConfig(partial?: Partial<HeadTurnConfig>): HeadTurnConfig {
  return resolveChallengeConfig('turn-head', DEFAULT_HEAD_TURN_CONFIG, partial, (c) =>
    c.returnYawDeg < c.targetYawDeg && c.minFramesAtTarget >= 1
      ? null
      : 'returnYawDeg must be below targetYawDeg, minFramesAtTarget ≥ 1',
  );
}

export function verifyHeadTurn(
  observations: readonly ChallengeObservation[],
  config: Readonly<HeadTurnConfig> = DEFAULT_HEAD_TURN_CONFIG,
  measureConfig: MeasureConfig = DEFAULT_MEASURE_CONFIG,
): VerifierResult {
  const measures = measureStream(observations, measureConfig);
  const times = measures.map((m) => m.timeSec);
  const yaw = measures.map((m) => m.yawDeg);
  const excursion = twoSidedExcursion(times, yaw, {
    target: config.targetYawDeg,
    returnTo: config.returnYawDeg,
    minFrames: config.minFramesAtTarget,
  });
  const returns = excursion.sides.slice(0, 2).filter((s) => s.returnedSec !== null).length;
  const progress =
    0.35 * ramp(excursion.peakPositive, 0, config.targetYawDeg) +
    0.35 * ramp(excursion.peakNegative, 0, config.targetYawDeg) +
    0.15 * returns;
  let maxSpeed = 0;
  for (let i = 1; i < measures.length; i++) {
    const a = yaw[i - 1];
    const b = yaw[i];
    const dt = times[i]! - times[i - 1]!;
    if (a != null && b != null && dt > 0) maxSpeed = Math.max(maxSpeed, Math.abs(b - a) / dt);
  }
  const first = excursion.sides[0];
  return {
    performed: excursion.complete,
    progress: excursion.complete ? 1 : Math.min(progress, 0.99),
    peaks: { yawPositiveDeg: excursion.peakPositive, yawNegativeDeg: -excursion.peakNegative },
    evidence: evidenceOf(
      measures,
      excursion.sides.map((s) => ({
        label: s.sign > 0 ? 'yaw-positive' : 'yaw-negative',
        startSec: s.reachedSec,
        endSec: s.returnedSec ?? times[times.length - 1]!,
      })),
      {
        order: first ? (first.sign > 0 ? 'positive-first' : 'negative-first') : 'none',
        framesYawFromBody: measures.filter((m) => m.yawSource === 'body').length,
        framesWithoutYaw: measures.filter((m) => m.yawDeg === null).length,
        maxYawSpeedDegPerSec: maxSpeed,
      },
    ),
  };
}
