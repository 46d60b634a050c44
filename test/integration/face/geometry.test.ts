// Geometry that cannot come out right by accident: clips the fixtures render from a photo with a
// known transform per frame (pan, zoom, rotation, mirror). The tracker must keep one track, its
// landmarks must move with the known transform, roll must follow the rotation, and yaw must flip
// sign in the mirror image.

import { describe, expect, it } from 'vitest';
import { median } from '../../../engine/core/stats.ts';
import { applyAffine, invertAffine } from '../../../engine/face/geometry.ts';
import { MESH_POINTS } from '../../../engine/face/landmark-indices.ts';
import {
  makeMotionClip,
  type MotionClip,
  type MotionClipOptions,
} from '../../../engine/eval/synthetic/motion-clips.ts';
import { useModelStore } from '../../support/model-store.ts';
import { trackClip, type TrackedFrame } from './track-clip.ts';

const models = useModelStore();

async function run(opts: MotionClipOptions): Promise<{ clip: MotionClip; frames: TrackedFrame[] }> {
  const clip = await makeMotionClip(opts);
  const { frames } = await trackClip(clip.path, models());
  expect(frames).toHaveLength(clip.frames);
  return { clip, frames };
}

/** One track, holding a face in at least 95 % of frames. */
function expectOneStableTrack(frames: TrackedFrame[]): void {
  const ids = new Set(frames.flatMap((f) => f.faces.map((face) => face.trackId)));
  expect([...ids]).toHaveLength(1);
  const withFace = frames.filter((f) => f.faces.length === 1).length;
  expect(withFace / frames.length).toBeGreaterThanOrEqual(0.95);
}

/**
 * Landmark error against the known motion: every frame's landmarks are mapped back into the
 * source photo, the per-landmark median there is the reference, and the reference mapped forward
 * by each frame's transform is where the landmark should be. Returns the median error in px.
 */
function landmarkErrorPx(clip: MotionClip, frames: TrackedFrame[]): number {
  const seen = frames.filter((f) => f.faces.length === 1);
  const inSource = seen.map((f) => {
    const inv = invertAffine(clip.transforms[f.index]!);
    const lm = f.faces[0]!.landmarks;
    return Array.from({ length: MESH_POINTS }, (_, i) => applyAffine(inv, [lm[3 * i]!, lm[3 * i + 1]!]));
  });
  const reference = Array.from({ length: MESH_POINTS }, (_, i): [number, number] => [
    median(inSource.map((pts) => pts[i]![0])),
    median(inSource.map((pts) => pts[i]![1])),
  ]);
  const errors: number[] = [];
  for (const f of seen) {
    const t = clip.transforms[f.index]!;
    const lm = f.faces[0]!.landmarks;
    for (let i = 0; i < MESH_POINTS; i++) {
      const [x, y] = applyAffine(t, reference[i]!);
      errors.push(Math.hypot(lm[3 * i]! - x, lm[3 * i + 1]! - y));
    }
  }
  return median(errors);
}

describe('face tracking on clips with known motion', () => {
  it.each(['pan', 'zoom', 'rotate'] as const)(
    '%s: one stable track, landmarks follow the motion within 2 px',
    async (motion) => {
      const { clip, frames } = await run({ motion });
      expectOneStableTrack(frames);
      expect(landmarkErrorPx(clip, frames)).toBeLessThanOrEqual(2);
    },
  );

  it('rotate: roll follows the known in-plane rotation within 3°', async () => {
    const { clip, frames } = await run({ motion: 'rotate' });
    const pairs = frames
      .filter((f) => f.faces.length === 1)
      .map((f) => ({
        roll: f.faces[0]!.pose.rollDeg,
        rotation:
          clip.params.rotateDeg[0] +
          (clip.params.rotateDeg[1] - clip.params.rotateDeg[0]) * (f.index / (clip.frames - 1)),
      }));
    // The photo's own head tilt is a constant offset between roll and the applied rotation.
    const offset = median(pairs.map((p) => p.roll - p.rotation));
    const worst = Math.max(...pairs.map((p) => Math.abs(p.roll - p.rotation - offset)));
    expect(Math.abs(offset)).toBeLessThan(10);
    expect(worst).toBeLessThanOrEqual(3);
  });

  it('mirror: one stable track, landmarks follow, yaw flips sign', async () => {
    const photo = 'facedetect-woman-auburn' as const;
    const mirrored = await run({ motion: 'mirror', photo });
    expectOneStableTrack(mirrored.frames);
    expect(landmarkErrorPx(mirrored.clip, mirrored.frames)).toBeLessThanOrEqual(2);
    const plain = await run({ motion: 'static', photo });
    const yaw = (frames: TrackedFrame[]) =>
      median(frames.flatMap((f) => f.faces.map((face) => face.pose.yawDeg)));
    const [yawPlain, yawMirrored] = [yaw(plain.frames), yaw(mirrored.frames)];
    expect(Math.abs(yawPlain)).toBeGreaterThan(3);
    expect(Math.sign(yawMirrored)).toBe(-Math.sign(yawPlain));
    expect(Math.abs(yawPlain + yawMirrored)).toBeLessThan(Math.abs(yawPlain) / 2);
  });
});
