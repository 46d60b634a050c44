import { describe, expect, it } from 'vitest';
import { headPose } from '../../../engine/face/head-pose.ts';
import { LANDMARK, MESH_POINTS } from '../../../engine/face/landmark-indices.ts';

/** A face's key points in its own frame (x to the subject's left, y down, z away from camera). */
const FACE_POINTS: Array<[number, [number, number, number]]> = [
  [LANDMARK.rightEyeOuter, [-45, 0, 0]],
  [LANDMARK.leftEyeOuter, [45, 0, 0]],
  [LANDMARK.foreheadTop, [0, -60, 5]],
  [LANDMARK.chin, [0, 80, 5]],
];

/** Landmarks of that face turned by yaw (about y), then pitch (about x), then roll (in the image). */
function posedLandmarks(yawDeg: number, pitchDeg: number, rollDeg: number): Float32Array {
  const [y, p, r] = [yawDeg, pitchDeg, rollDeg].map((d) => (d * Math.PI) / 180) as [number, number, number];
  const out = new Float32Array(MESH_POINTS * 3);
  for (const [i, [x0, y0, z0]] of FACE_POINTS) {
    // yaw > 0: the subject's left side moves away from the camera (+z).
    const x1 = x0 * Math.cos(y) - z0 * Math.sin(y);
    const z1 = x0 * Math.sin(y) + z0 * Math.cos(y);
    // pitch > 0 (looking up): the chin (+y) comes towards the camera (−z).
    const y2 = y0 * Math.cos(p) + z1 * Math.sin(p);
    const z2 = -y0 * Math.sin(p) + z1 * Math.cos(p);
    const x3 = x1 * Math.cos(r) - y2 * Math.sin(r);
    const y3 = x1 * Math.sin(r) + y2 * Math.cos(r);
    out.set([320 + x3, 240 + y3, z2], 3 * i);
  }
  return out;
}

describe('head pose from the mesh', () => {
  it.each([
    [0, 0, 0],
    [30, 0, 0],
    [-50, 0, 0],
    [0, 20, 0],
    [0, -15, 0],
    [0, 0, 25],
    [20, 10, -15],
  ])('recovers yaw %d°, pitch %d°, roll %d°', (yaw, pitch, roll) => {
    const pose = headPose(posedLandmarks(yaw, pitch, roll));
    expect(pose.yawDeg).toBeCloseTo(yaw, 0);
    expect(pose.pitchDeg).toBeCloseTo(pitch, 0);
    expect(pose.rollDeg).toBeCloseTo(roll, 0);
  });

  it('flips the sign of yaw and roll in a mirrored image', () => {
    const lm = posedLandmarks(25, 5, 10);
    const mirrored = new Float32Array(lm.length);
    // Mirroring swaps which image point is the subject's right eye: swap the pairs too.
    for (let i = 0; i < MESH_POINTS; i++)
      mirrored.set([640 - lm[3 * i]!, lm[3 * i + 1]!, lm[3 * i + 2]!], 3 * i);
    const swap = (a: number, b: number) => {
      const pa = mirrored.slice(3 * a, 3 * a + 3);
      mirrored.set(mirrored.slice(3 * b, 3 * b + 3), 3 * a);
      mirrored.set(pa, 3 * b);
    };
    swap(LANDMARK.rightEyeOuter, LANDMARK.leftEyeOuter);
    const pose = headPose(mirrored);
    expect(pose.yawDeg).toBeCloseTo(-25, 0);
    expect(pose.rollDeg).toBeCloseTo(-10, 0);
  });
});
