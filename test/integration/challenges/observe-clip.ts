// Runs the challenge observer (face tracker, MoveNet, hand model) over a clip and returns its
// observations, for verifiers to read.

import {
  ChallengeObserver,
  type ChallengeObservation,
  type ObserverOptions,
} from '../../../engine/challenges/index.ts';
import { readFrames } from '../../../engine/media/index.ts';
import type { ModelStore } from '../../../engine/runtime/index.ts';

export async function observeClip(
  path: string,
  store: ModelStore,
  options: ObserverOptions & { sampleFps?: number; maxSeconds?: number; fromSec?: number } = {},
): Promise<ChallengeObservation[]> {
  const observer = await ChallengeObserver.create(store, options);
  const out: ChallengeObservation[] = [];
  const { sampleFps, maxSeconds } = options;
  for await (const frame of readFrames(path, {
    ...(sampleFps ? { sampleFps } : {}),
    ...(maxSeconds ? { maxSeconds } : {}),
  })) {
    if (frame.timeSec < (options.fromSec ?? 0)) continue;
    out.push(await observer.observe(frame));
  }
  return out;
}
