// Head pose from the 3-D mesh: the face's own axes (eye to eye, forehead to chin) expressed in
// camera coordinates give yaw, pitch and roll without a 3-D face model.
//
// Conventions (image coordinates: x right, y down, z away from the camera):
//   yawDeg   > 0 when the subject turns towards their own left (nose moves to the image's right
//            in an unmirrored view); a horizontally mirrored image flips its sign.
//   pitchDeg > 0 when the subject looks up.
//   rollDeg  > 0 when the eye line turns clockwise in the image.

import { LANDMARK } from './landmark-indices.ts';

export interface HeadPose {
  yawDeg: number;
  pitchDeg: number;
  rollDeg: number;
}

const DEG = 180 / Math.PI;

export function headPose(landmarks: Float32Array): HeadPose {
  const xAxis = normalize(difference(landmarks, LANDMARK.leftEyeOuter, LANDMARK.rightEyeOuter));
  const down = difference(landmarks, LANDMARK.chin, LANDMARK.foreheadTop);
  // Make the downward axis orthogonal to the eye line, so roll and yaw do not leak into pitch.
  const dot = down[0] * xAxis[0] + down[1] * xAxis[1] + down[2] * xAxis[2];
  const yAxis = normalize([down[0] - dot * xAxis[0], down[1] - dot * xAxis[1], down[2] - dot * xAxis[2]]);
  const zAxis = cross(xAxis, yAxis);
  // The face's axes are R·(unit axes) with R = Rz(roll)·Rx(pitch)·Ry(yaw): yaw turns the head,
  // pitch nods it, roll then tilts the result in the image. Read the angles back from R.
  return {
    yawDeg: Math.atan2(xAxis[2], zAxis[2]) * DEG,
    pitchDeg: Math.asin(clamp(-yAxis[2])) * DEG,
    rollDeg: Math.atan2(-yAxis[0], yAxis[1]) * DEG,
  };
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

type Vec3 = [number, number, number];

function difference(p: Float32Array, to: number, from: number): Vec3 {
  return [p[3 * to]! - p[3 * from]!, p[3 * to + 1]! - p[3 * from + 1]!, p[3 * to + 2]! - p[3 * from + 2]!];
}

function normalize(v: Vec3): Vec3 {
  const n = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / n, v[1] / n, v[2] / n];
}

function clamp(v: number): number {
  return v < -1 ? -1 : v > 1 ? 1 : v;
}
