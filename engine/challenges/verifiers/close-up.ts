// "Move close to the camera and back": the head's size must grow to the target ratio over its
// size in the first moments, then shrink back. Size is the mesh box; when the mesh loses a face
// that fills the frame, MoveNet's ear span scaled to the mesh size (calibrated on the same stream).

import { resolveChallengeConfig, ramp } from '../config.ts';
import { DEFAULT_MEASURE_CONFIG, measureStream, type MeasureConfig } from '../measures.ts';
import { baseline, evidenceOf, runSpan, runsWhere } from '../series.ts';
import type { ChallengeObservation, VerifierResult } from '../types.ts';

export interface CloseUpConfig {
  /**
   * Head size over its starting size to reach. Leaning in from a normal call distance (~60 cm) to
   * ~35 cm gives ~1.7×; natural sway stays within ±10 % (sway of the bench clips is ±3 %).
   */
  targetSizeRatio: number;
  /** Back: size ratio at or below this after the peak. */
  returnSizeRatio: number;
  /** Starting size is the median over this first stretch, seconds. */
  baselineSec: number;
  minFramesAtTarget: number;
}

export const DEFAULT_CLOSE_UP_CONFIG: Readonly<CloseUpConfig> = Object.freeze({
  targetSizeRatio: 1.5,
  returnSizeRatio: 1.2,
  baselineSec: 0.5,
  minFramesAtTarget: 2,
});

export function resolveCloseUpConfig(partial?: Partial<CloseUpConfig>): CloseUpConfig {
  return resolveChallengeConfig('close-up', DEFAULT_CLOSE_UP_CONFIG, partial, (c) =>
    c.targetSizeRatio > c.returnSizeRatio && c.returnSizeRatio > 1
      ? null
      : 'need targetSizeRatio > returnSizeRatio > 1',
  );
}

export function verifyCloseUp(
  observations: readonly ChallengeObservation[],
  config: Readonly<CloseUpConfig> = DEFAULT_CLOSE_UP_CONFIG,
  measureConfig: MeasureConfig = DEFAULT_MEASURE_CONFIG,
): VerifierResult {
  const measures = measureStream(observations, measureConfig);
  const times = measures.map((m) => m.timeSec);
  const start = baseline(measures, (m) => m.headSizePx, config.baselineSec);
  const ratio = measures.map((m) => (m.headSizePx === null || !start ? null : m.headSizePx / start));
  const close = runsWhere(ratio.length, (i) => (ratio[i] ?? 0) >= config.targetSizeRatio).filter(
    (r) => r.last - r.first + 1 >= config.minFramesAtTarget,
  );
  const reached = close[0];
  const back = reached
    ? ratio.findIndex((r, i) => i > reached.last && r !== null && r <= config.returnSizeRatio)
    : -1;
  const peak = Math.max(1, ...ratio.filter((r): r is number => r !== null));
  const performed = reached !== undefined && back >= 0;
  const progress = 0.7 * ramp(peak, 1, config.targetSizeRatio) + (performed ? 0.3 : 0);
  return {
    performed,
    progress: performed ? 1 : Math.min(progress, 0.99),
    peaks: { sizeRatio: peak },
    evidence: evidenceOf(measures, reached ? [runSpan('close', reached, times)] : [], {
      ...(start ? { startSizePx: start } : {}),
      ...(back >= 0 ? { backSec: times[back]! } : {}),
      framesSizeFromBody: measures.filter((m) => !m.hasFace && m.headSizePx !== null).length,
    }),
  };
}
