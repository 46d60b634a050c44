// "Open your mouth wide": inner-lip gap over mouth width must stay above the wide-open level for
// a moment, starting from and returning to a closed mouth.

import { percentile } from '../../core/stats.ts';
import { resolveChallengeConfig, ramp } from '../config.ts';
import { DEFAULT_MEASURE_CONFIG, measureStream, type MeasureConfig } from '../measures.ts';
import { evidenceOf, runSpan, runsWhere } from '../series.ts';
import type { ChallengeObservation, VerifierResult } from '../types.ts';

export interface MouthOpenConfig {
  /**
   * Wide open: gap over width at or above this. A wide-open mouth measured 0.51–0.58 (LivePortrait
   * d18); talking reached 0.44–0.48 at most (cap12_edit, nice_clip1), a closed mouth stays < 0.1.
   */
  openRatio: number;
  /** Closed again: at or below this. */
  closedRatio: number;
  /** Open for at least this many consecutive frames (talking crosses the level only briefly). */
  minFramesOpen: number;
}

export const DEFAULT_MOUTH_OPEN_CONFIG: Readonly<MouthOpenConfig> = Object.freeze({
  openRatio: 0.5,
  closedRatio: 0.2,
  minFramesOpen: 3,
});

export function resolveMouthOpenConfig(partial?: Partial<MouthOpenConfig>): MouthOpenConfig {
  return resolveChallengeConfig('open-mouth', DEFAULT_MOUTH_OPEN_CONFIG, partial, (c) =>
    c.closedRatio < c.openRatio ? null : 'closedRatio must be below openRatio',
  );
}

export function verifyMouthOpen(
  observations: readonly ChallengeObservation[],
  config: Readonly<MouthOpenConfig> = DEFAULT_MOUTH_OPEN_CONFIG,
  measureConfig: MeasureConfig = DEFAULT_MEASURE_CONFIG,
): VerifierResult {
  const measures = measureStream(observations, measureConfig);
  const times = measures.map((m) => m.timeSec);
  const ratio = measures.map((m) => m.mouthOpen);
  const defined = ratio.filter((v): v is number => v !== null);
  const rest = defined.length > 0 ? percentile(defined, 0.1) : Number.POSITIVE_INFINITY;
  const wide = runsWhere(ratio.length, (i) => (ratio[i] ?? 0) >= config.openRatio).filter(
    (r) => r.last - r.first + 1 >= config.minFramesOpen,
  );
  const first = wide[0];
  const closedAfter =
    first !== undefined && ratio.some((r, i) => i > first.last && r !== null && r <= config.closedRatio);
  const peak = defined.length > 0 ? Math.max(...defined) : 0;
  const performed = first !== undefined && closedAfter && rest <= config.closedRatio;
  return {
    performed,
    progress: performed ? 1 : Math.min(0.99, 0.8 * ramp(peak, config.closedRatio, config.openRatio)),
    peaks: { mouthOpenRatio: peak },
    evidence: evidenceOf(measures, first ? [runSpan('mouth-open', first, times)] : [], {
      restingRatio: Number.isFinite(rest) ? rest : -1,
      closedAfter,
    }),
  };
}
