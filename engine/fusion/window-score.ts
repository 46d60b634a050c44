// The score of one moment: the confidence-weighted mean of the judging signals' sliding-window
// scores (each signal's latest window). Used for the timeline, the live banner and the evidence log.

import type { SignalObservation } from '../signals/types.ts';

export function fuseWindowScores(
  windows: Iterable<SignalObservation>,
  judgingSignals: ReadonlySet<string>,
): number | null {
  let weight = 0;
  let sum = 0;
  let plain = 0;
  let count = 0;
  for (const o of windows) {
    if (o.status !== 'ok' || o.score === null || !judgingSignals.has(o.signalId)) continue;
    weight += o.confidence;
    sum += o.confidence * o.score;
    plain += o.score;
    count++;
  }
  if (count === 0) return null;
  return weight > 0 ? sum / weight : plain / count;
}
