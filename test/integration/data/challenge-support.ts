// Ground truth for head turns in the shared webcam recordings, established by looking at frames
// (face crops written as PNGs and viewed): for each clear turn, when it happens and which way the
// nose points in the image. Yaw > 0 means the nose towards the image's right (head-pose.ts).

import type { ChallengeMoment } from '../../../engine/challenges/index.ts';

export interface TurnTruth {
  readonly fromSec: number;
  readonly toSec: number;
  /** +1: nose towards the image's right; −1: towards its left. */
  readonly sign: 1 | -1;
}

/** Moments overlapping [fromSec, toSec]. */
export function overlapping(moments: readonly ChallengeMoment[], truth: TurnTruth): ChallengeMoment[] {
  return moments.filter((m) => m.endSec >= truth.fromSec && m.startSec <= truth.toSec);
}

export function describeMoments(moments: readonly ChallengeMoment[]): string {
  return moments
    .map((m) => `${m.kind} ${m.startSec.toFixed(2)}–${m.endSec.toFixed(2)} s peak ${m.peak.toFixed(2)}`)
    .join('; ');
}
