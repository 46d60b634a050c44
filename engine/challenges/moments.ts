// `--challenges auto` groundwork: moments of a recording where the caller did on their own what a
// challenge would ask (turned the head far, passed a hand over the face, came close to the
// camera). Those are where real-time swappers break, so later stages look at them first.

import { median } from '../core/stats.ts';
import { resolveChallengeConfig } from './config.ts';
import { DEFAULT_MEASURE_CONFIG, measureStream, type MeasureConfig } from './measures.ts';
import { mergeRuns, runsWhere, type Run } from './series.ts';
import type { ChallengeObservation } from './types.ts';

export type MomentKind = 'head-turn' | 'hand-over-face' | 'close-up';

export interface ChallengeMoment {
  readonly kind: MomentKind;
  readonly startSec: number;
  readonly endSec: number;
  /** head-turn: signed yaw of largest magnitude (degrees; > 0 = nose towards the image's right,
   *  as in head-pose.ts); hand-over-face: highest presence; close-up: largest size ratio. */
  readonly peak: number;
}

export interface MomentConfig {
  /**
   * |yaw| of a head turn, degrees. The webcam recordings' deliberate turns peak at 16–26° (mesh),
   * their conversational movement stays within about ±10°.
   */
  minYawDeg: number;
  /** Size over the recording's median head size for a close-up. */
  closeUpRatio: number;
  /** A moment lasts at least this many frames (a single frame may be a glitch). */
  minFrames: number;
  /** Gaps up to this long inside one moment are closed, seconds. */
  maxGapSec: number;
}

export const DEFAULT_MOMENT_CONFIG: Readonly<MomentConfig> = Object.freeze({
  minYawDeg: 15,
  closeUpRatio: 1.4,
  minFrames: 2,
  maxGapSec: 0.3,
});

export function resolveMomentConfig(partial?: Partial<MomentConfig>): MomentConfig {
  return resolveChallengeConfig('challenge moments', DEFAULT_MOMENT_CONFIG, partial, (c) =>
    c.minYawDeg > 0 && c.closeUpRatio > 1 && c.minFrames >= 1 ? null : 'need minYawDeg > 0, closeUpRatio > 1',
  );
}

/** Challenge-like moments of a recorded stream, in time order. */
export function findChallengeMoments(
  observations: readonly ChallengeObservation[],
  config: Readonly<MomentConfig> = DEFAULT_MOMENT_CONFIG,
  measureConfig: MeasureConfig = DEFAULT_MEASURE_CONFIG,
): ChallengeMoment[] {
  const measures = measureStream(observations, measureConfig);
  const times = measures.map((m) => m.timeSec);
  const moments: ChallengeMoment[] = [];
  const collect = (kind: MomentKind, holds: (i: number) => boolean, peakOf: (run: Run) => number) => {
    const runs = mergeRuns(runsWhere(measures.length, holds), times, config.maxGapSec);
    for (const run of runs) {
      let frames = 0;
      for (let i = run.first; i <= run.last; i++) if (holds(i)) frames++;
      if (frames < config.minFrames) continue;
      moments.push({ kind, startSec: times[run.first]!, endSec: times[run.last]!, peak: peakOf(run) });
    }
  };
  const yaw = measures.map((m) => m.yawDeg);
  for (const sign of [1, -1]) {
    collect(
      'head-turn',
      (i) => yaw[i] !== null && sign * yaw[i]! >= config.minYawDeg,
      (run) => sign * Math.max(...yaw.slice(run.first, run.last + 1).map((v) => (v === null ? 0 : sign * v))),
    );
  }
  collect(
    'hand-over-face',
    (i) => measures[i]!.handSeen,
    (run) => Math.max(...measures.slice(run.first, run.last + 1).map((m) => m.handPresence ?? 0)),
  );
  const sizes = measures.map((m) => m.headSizePx).filter((s): s is number => s !== null);
  const typical = sizes.length > 0 ? median(sizes) : 0;
  if (typical > 0) {
    collect(
      'close-up',
      (i) => (measures[i]!.headSizePx ?? 0) >= config.closeUpRatio * typical,
      (run) => Math.max(...measures.slice(run.first, run.last + 1).map((m) => (m.headSizePx ?? 0) / typical)),
    );
  }
  return moments.sort((a, b) => a.startSec - b.startSec || a.kind.localeCompare(b.kind));
}
