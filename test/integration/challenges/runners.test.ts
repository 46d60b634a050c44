// The MoveNet and hand-model runners map their outputs back to frame pixels: on a real photo,
// MoveNet's nose and eyes land on the face mesh's (within its heatmap's resolution), whether the
// face is small in the frame or large, and the hand model sees no hand on a face.

import { describe, expect, it } from 'vitest';
import {
  BodyKeypointModel,
  HandPresenceModel,
  regionAroundFace,
  wholeFrameRegion,
} from '../../../engine/challenges/index.ts';
import { makeMotionClip } from '../../../engine/eval/synthetic/motion-clips.ts';
import { createFaceTracker } from '../../../engine/face/index.ts';
import { readFrames } from '../../../engine/media/index.ts';
import { useModelStore } from '../../support/model-store.ts';

describe('challenge model runners', () => {
  const store = useModelStore();

  it.each([110, 300])('MoveNet keypoints sit on the mesh (face %i px tall)', async (faceHeight) => {
    const clip = await makeMotionClip({ motion: 'static', seconds: 0.2, faceHeight });
    const tracker = await createFaceTracker(store());
    const body = await BodyKeypointModel.load(store());
    const hand = await HandPresenceModel.load(store());
    for await (const frame of readFrames(clip.path)) {
      const face = (await tracker.process(frame)).faces[0]!;
      const L = face.landmarks;
      const at = (...indices: number[]) => [
        indices.reduce((s, i) => s + L[3 * i]!, 0) / indices.length,
        indices.reduce((s, i) => s + L[3 * i + 1]!, 0) / indices.length,
      ];
      const mesh = { nose: at(1), rightEye: at(33, 133), leftEye: at(263, 362) };
      for (const region of [
        regionAroundFace(face.boxPx, frame, { scale: 2.5, shiftDown: 0.4 }),
        wholeFrameRegion(frame),
      ]) {
        const { points } = await body.run(frame, region);
        for (const name of ['nose', 'rightEye', 'leftEye'] as const) {
          const [x, y] = mesh[name];
          const error = Math.hypot(points[name].x - x!, points[name].y - y!) / face.boxPx.width;
          // MoveNet's heatmap cells are 4 input px (13 frame px in a 640 px square): its nose sat
          // 0.07–0.18 face widths from the mesh's nose tip, its eyes 0.02–0.09 from the mesh's.
          expect(error, `${name}, region ${Math.round(region.sizePx)} px`).toBeLessThan(
            name === 'nose' ? 0.22 : 0.12,
          );
          expect(points[name].score).toBeGreaterThan(0.3);
        }
        // Left and right are the subject's own: the right eye is on the image's left.
        expect(points.rightEye.x).toBeLessThan(points.leftEye.x);
        expect(points.rightEar.x).toBeLessThan(points.nose.x);
        expect(points.leftEar.x).toBeGreaterThan(points.nose.x);
      }
      const seen = await hand.run(frame, regionAroundFace(face.boxPx, frame, { scale: 1.5, shiftDown: 0 }));
      expect(seen.presence).toBeLessThan(0.1);
      expect(seen.landmarksPx).toHaveLength(42);
      break;
    }
  });
});
