// Scripted observation streams for the challenge verifiers: a rigid 3-D head (the mesh points the
// verifiers read, MoveNet's head keypoints) posed by yaw / pitch / roll exactly as
// engine/face/head-pose.ts defines them, with eyelids, mouth, size and a hand set per frame.
// Beyond `meshLostAbsYawDeg` the mesh is lost (null face), as the real mesh is at profile, so
// only MoveNet's keypoints carry the yaw there.

import type { BodyKeypoint, BodyKeypointName } from '../../engine/challenges/body-keypoints.ts';
import { BODY_KEYPOINT_NAMES } from '../../engine/challenges/body-keypoints.ts';
import type { HandObservation } from '../../engine/challenges/hand-presence.ts';
import type { ChallengeObservation } from '../../engine/challenges/types.ts';
import { boundingBox, type BoxPx } from '../../engine/face/geometry.ts';
import { MESH_POINTS } from '../../engine/face/landmark-indices.ts';
import { seededRandom } from './seeded-random.ts';

type Vec3 = readonly [number, number, number];

/** Canonical head, frontal, in face widths: x to the image's right, y down, z away from the camera. */
const HEAD: Readonly<Record<number, Vec3>> = {
  10: [0, -0.45, 0.05], // forehead top
  152: [0, 0.55, 0.05], // chin
  1: [0, 0.12, -0.25], // nose tip
  33: [-0.22, -0.05, 0.05], // right eye outer (image left)
  133: [-0.08, -0.05, 0.02],
  263: [0.22, -0.05, 0.05], // left eye outer
  362: [0.08, -0.05, 0.02],
  61: [-0.15, 0.32, 0.05], // mouth corners
  291: [0.15, 0.32, 0.05],
  205: [-0.2, 0.15, 0.05], // cheeks
  425: [0.2, 0.15, 0.05],
  234: [-0.45, 0.05, 0.3],
  454: [0.45, 0.05, 0.3],
};

/** Eyelid points: [upper, lower, x] per lid column; the gap is eyeAspect × eye width (0.14). */
const LIDS: readonly (readonly [number, number, number])[] = [
  [160, 144, -0.18],
  [158, 153, -0.12],
  [387, 373, 0.18],
  [385, 380, 0.12],
];
const EYE_WIDTH = 0.14;
const MOUTH_WIDTH = 0.3;

const BODY_HEAD: Partial<Record<BodyKeypointName, Vec3>> = {
  nose: [0, 0.12, -0.25],
  leftEye: [0.15, -0.05, 0.03],
  rightEye: [-0.15, -0.05, 0.03],
  leftEar: [0.48, 0, 0.45],
  rightEar: [-0.48, 0, 0.45],
};

export interface HandSpec {
  readonly presence: number;
  /** Hand box centre and side, in face widths from the face centre (frontal, before pose). */
  readonly centre: readonly [number, number];
  readonly size: number;
  /** Index fingertip, in face widths from the face centre; default the box centre. */
  readonly indexTip?: readonly [number, number];
}

export interface FrameSpec {
  readonly yawDeg?: number;
  readonly pitchDeg?: number;
  readonly rollDeg?: number;
  /** Eye-aspect ratio (lid gap over eye width); open eyes ~0.3. */
  readonly eyeAspect?: number;
  /** Inner-lip gap over mouth width; closed 0. */
  readonly mouthOpen?: number;
  /** Face width in pixels. */
  readonly faceWidthPx?: number;
  readonly centre?: readonly [number, number];
  readonly hand?: HandSpec | null;
  /** Force the mesh lost (a hand over the face, …). */
  readonly meshLost?: boolean;
}

export interface StreamOptions {
  readonly fps?: number;
  readonly width?: number;
  readonly height?: number;
  /** The mesh is lost beyond this |yaw| (default 50°). */
  readonly meshLostAbsYawDeg?: number;
  /** Std of pose noise, degrees (default 0.5), and of landmark noise, px (default 0.3). */
  readonly poseNoiseDeg?: number;
  readonly pointNoisePx?: number;
  readonly seed?: number;
  /** Run MoveNet / the hand model (default true): when false, body / hand are null. */
  readonly body?: boolean;
  readonly hand?: boolean;
}

const RAD = Math.PI / 180;

/** R = Rz(roll)·Rx(pitch)·Ry(yaw) applied to p (head-pose.ts conventions). */
export function rotate(p: Vec3, yawDeg: number, pitchDeg: number, rollDeg: number): [number, number, number] {
  const [cy, sy] = [Math.cos(yawDeg * RAD), Math.sin(yawDeg * RAD)];
  const [cp, sp] = [Math.cos(pitchDeg * RAD), Math.sin(pitchDeg * RAD)];
  const [cr, sr] = [Math.cos(rollDeg * RAD), Math.sin(rollDeg * RAD)];
  // Yaw: the nose (z < 0) moves towards +x.
  const x1 = p[0] * cy - p[2] * sy;
  const z1 = p[0] * sy + p[2] * cy;
  // Pitch up: the nose moves up, the chin towards the camera.
  const y2 = p[1] * cp + z1 * sp;
  const z2 = -p[1] * sp + z1 * cp;
  // Roll: clockwise in the image (y down).
  return [x1 * cr - y2 * sr, x1 * sr + y2 * cr, z2];
}

function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/** One observation at `timeSec` from `spec`. */
export function syntheticObservation(
  timeSec: number,
  spec: FrameSpec,
  options: StreamOptions = {},
  next: () => number = seededRandom(options.seed ?? 1),
): ChallengeObservation {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const poseNoise = options.poseNoiseDeg ?? 0.5;
  const pointNoise = options.pointNoisePx ?? 0.3;
  const yaw = (spec.yawDeg ?? 0) + poseNoise * gaussian(next);
  const pitch = (spec.pitchDeg ?? 0) + poseNoise * gaussian(next);
  const roll = (spec.rollDeg ?? 0) + poseNoise * gaussian(next);
  const scale = spec.faceWidthPx ?? 160;
  const [cx, cy] = spec.centre ?? [width / 2, height / 2];
  const project = (p: Vec3, noise: number): [number, number, number] => {
    const [x, y, z] = rotate(p, yaw, pitch, roll);
    return [cx + scale * x + noise * gaussian(next), cy + scale * y + noise * gaussian(next), scale * z];
  };

  const points = new Map<number, Vec3>(Object.entries(HEAD).map(([k, v]) => [Number(k), v]));
  const eyeGap = (spec.eyeAspect ?? 0.3) * EYE_WIDTH;
  for (const [upper, lower, x] of LIDS) {
    points.set(upper, [x, -0.05 - eyeGap / 2, 0.03]);
    points.set(lower, [x, -0.05 + eyeGap / 2, 0.03]);
  }
  const mouthGap = (spec.mouthOpen ?? 0) * MOUTH_WIDTH;
  points.set(13, [0, 0.32 - mouthGap / 2, 0.03]);
  points.set(14, [0, 0.32 + mouthGap / 2, 0.03]);
  const landmarks = new Float32Array(MESH_POINTS * 3);
  for (let i = 0; i < MESH_POINTS; i++) {
    // Points the verifiers do not read lie on the face oval, so the mesh box is face-sized.
    const a = (2 * Math.PI * i) / MESH_POINTS;
    const p = points.get(i) ?? ([0.45 * Math.cos(a), 0.05 + 0.55 * Math.sin(a), 0.2] as const);
    const [x, y, z] = project(p, pointNoise);
    landmarks.set([x, y, z], 3 * i);
  }
  const meshLost = spec.meshLost === true || Math.abs(yaw) > (options.meshLostAbsYawDeg ?? 50);
  const boxPx: BoxPx = boundingBox(landmarks, 3);
  const face = meshLost
    ? null
    : { trackId: 1, pose: { yawDeg: yaw, pitchDeg: pitch, rollDeg: roll }, landmarks, boxPx };

  let body: ChallengeObservation['body'] = null;
  if (options.body !== false) {
    const out = {} as Record<BodyKeypointName, BodyKeypoint>;
    for (const name of BODY_KEYPOINT_NAMES) {
      const p = BODY_HEAD[name];
      if (!p) {
        out[name] = {
          x: cx + scale * (name.startsWith('left') ? 0.9 : -0.9),
          y: cy + scale * 1.3,
          score: 0.5,
        };
        continue;
      }
      const [x, y, z] = project(p, 1);
      // A keypoint turned away from the camera (pushed back by the turn) scores lower.
      const score = z - scale * p[2] > scale * 0.15 ? 0.25 : 0.7;
      out[name] = { x, y, score };
    }
    body = { points: out, region: { center: [cx, cy], sizePx: scale * 2.5, angleRad: 0 } };
  }

  let hand: HandObservation | null = null;
  if (options.hand !== false) {
    const h = spec.hand;
    const centre = h ? [cx + scale * h.centre[0], cy + scale * h.centre[1]] : [cx, cy];
    const side = h ? scale * h.size : scale;
    const tip = h?.indexTip ? [cx + scale * h.indexTip[0], cy + scale * h.indexTip[1]] : centre;
    const landmarksPx = new Float32Array(42);
    for (let i = 0; i < 21; i++) landmarksPx.set([tip[0]!, tip[1]!], 2 * i);
    hand = {
      presence: h ? h.presence : 0.003,
      landmarksPx,
      boxPx: { x: centre[0]! - side / 2, y: centre[1]! - side / 2, width: side, height: side },
      region: { center: [cx, cy], sizePx: scale * 1.5, angleRad: 0 },
    };
  }
  return { timeSec, frameWidth: width, frameHeight: height, face, body, hand };
}

/** A stream of `seconds` at `fps` (default 30), frame i from `specAt(timeSec)`. */
export function syntheticStream(
  seconds: number,
  specAt: (timeSec: number) => FrameSpec,
  options: StreamOptions = {},
): ChallengeObservation[] {
  const fps = options.fps ?? 30;
  const next = seededRandom(options.seed ?? 1);
  const frames = Math.round(seconds * fps);
  return Array.from({ length: frames }, (_, i) =>
    syntheticObservation(i / fps, specAt(i / fps), options, next),
  );
}

/** Piecewise-linear value through (time, value) knots, flat before the first and after the last. */
export function keyframes(knots: readonly (readonly [number, number])[]): (timeSec: number) => number {
  return (t) => {
    if (t <= knots[0]![0]) return knots[0]![1];
    for (let i = 1; i < knots.length; i++) {
      const [t1, v1] = knots[i]!;
      const [t0, v0] = knots[i - 1]!;
      if (t <= t1) return v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
    }
    return knots[knots.length - 1]![1];
  };
}
