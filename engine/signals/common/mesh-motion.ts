// Rigid head motion from the face mesh, shared by the signals that need a still head (pulse,
// jitter, boundary flicker): a 2-D similarity fit between two sets of landmarks, and the face
// speed in face sizes per second.

import { LANDMARK } from '../../face/landmark-indices.ts';

/**
 * Landmarks that move with the skull and not with expressions: eye corners, the nose bridge and
 * tip, the forehead and the cheekbones on the face outline (no lips, eyelids, brows or jaw).
 */
export const STABLE_LANDMARKS = [
  33, 133, 362, 263, 168, 6, 197, 195, 5, 4, 1, 10, 151, 9, 108, 337, 234, 454, 127, 356, 116, 345,
] as const;

/** Similarity (uniform scale, rotation, translation): p → s·R·p + t, as R = [[c, −d], [d, c]] with s folded in. */
export interface Similarity {
  /** s·cos θ */
  c: number;
  /** s·sin θ */
  d: number;
  tx: number;
  ty: number;
}

/**
 * Least-squares 2-D similarity mapping `from` onto `to` (Umeyama 1991, without reflection);
 * both are flat [x0, y0, x1, y1, …] of equal length.
 */
export function fitSimilarity(from: ArrayLike<number>, to: ArrayLike<number>): Similarity {
  const n = from.length / 2;
  let fx = 0;
  let fy = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < n; i++) {
    fx += from[2 * i]!;
    fy += from[2 * i + 1]!;
    tx += to[2 * i]!;
    ty += to[2 * i + 1]!;
  }
  fx /= n;
  fy /= n;
  tx /= n;
  ty /= n;
  let sxx = 0;
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    const px = from[2 * i]! - fx;
    const py = from[2 * i + 1]! - fy;
    const qx = to[2 * i]! - tx;
    const qy = to[2 * i + 1]! - ty;
    sxx += px * px + py * py;
    a += px * qx + py * qy;
    b += px * qy - py * qx;
  }
  const c = sxx > 0 ? a / sxx : 1;
  const d = sxx > 0 ? b / sxx : 0;
  return { c, d, tx: tx - (c * fx - d * fy), ty: ty - (d * fx + c * fy) };
}

export function applySimilarity(m: Similarity, x: number, y: number): [number, number] {
  return [m.c * x - m.d * y + m.tx, m.d * x + m.c * y + m.ty];
}

/** The (x, y) of `indices` from a 468×3 landmark array, flat. */
export function pickPoints(landmarks: Float32Array, indices: readonly number[]): Float64Array {
  const out = new Float64Array(indices.length * 2);
  indices.forEach((i, k) => {
    out[2 * k] = landmarks[3 * i]!;
    out[2 * k + 1] = landmarks[3 * i + 1]!;
  });
  return out;
}

/** Face size for normalising motion: forehead-top to chin distance, frame px (stable under yaw). */
export function faceHeightPx(landmarks: Float32Array): number {
  const a = 3 * LANDMARK.foreheadTop;
  const b = 3 * LANDMARK.chin;
  return Math.hypot(landmarks[a]! - landmarks[b]!, landmarks[a + 1]! - landmarks[b + 1]!);
}

/** Distance between the outer eye corners, frame px. */
export function eyeSpanPx(landmarks: Float32Array): number {
  const a = 3 * LANDMARK.rightEyeOuter;
  const b = 3 * LANDMARK.leftEyeOuter;
  return Math.hypot(landmarks[a]! - landmarks[b]!, landmarks[a + 1]! - landmarks[b + 1]!);
}

/** Per-frame summary of where the head is, enough to tell how fast it moves. */
export interface HeadPlacement {
  timeSec: number;
  /** Centroid of the stable landmarks, frame px. */
  x: number;
  y: number;
  faceHeightPx: number;
  yawDeg: number;
  pitchDeg: number;
  rollDeg: number;
}

export function headPlacement(
  timeSec: number,
  landmarks: Float32Array,
  pose: { yawDeg: number; pitchDeg: number; rollDeg: number },
): HeadPlacement {
  let x = 0;
  let y = 0;
  for (const i of STABLE_LANDMARKS) {
    x += landmarks[3 * i]!;
    y += landmarks[3 * i + 1]!;
  }
  return {
    timeSec,
    x: x / STABLE_LANDMARKS.length,
    y: y / STABLE_LANDMARKS.length,
    faceHeightPx: faceHeightPx(landmarks),
    yawDeg: pose.yawDeg,
    pitchDeg: pose.pitchDeg,
    rollDeg: pose.rollDeg,
  };
}

export interface HeadSpeed {
  /** Translation plus scale change, in face heights per second. */
  faceHeightsPerSec: number;
  /** Largest of the yaw, pitch and roll rates, degrees per second. */
  degPerSec: number;
}

/** How fast the head moved between two placements (null when they share a timestamp). */
export function headSpeed(prev: HeadPlacement, next: HeadPlacement): HeadSpeed | null {
  const dt = next.timeSec - prev.timeSec;
  if (!(dt > 0)) return null;
  const size = (prev.faceHeightPx + next.faceHeightPx) / 2 || 1;
  const move = Math.hypot(next.x - prev.x, next.y - prev.y) + Math.abs(next.faceHeightPx - prev.faceHeightPx);
  return {
    faceHeightsPerSec: move / size / dt,
    degPerSec:
      Math.max(
        Math.abs(next.yawDeg - prev.yawDeg),
        Math.abs(next.pitchDeg - prev.pitchDeg),
        Math.abs(next.rollDeg - prev.rollDeg),
      ) / dt,
  };
}

/** Thresholds under which the head counts as still. */
export interface StillnessLimits {
  /** Head speed is measured between the current frame and the one this many seconds before. */
  stillSpanSec: number;
  /** Translation + scale change, face heights per second. */
  maxStillSpeed: number;
  /** Yaw, pitch or roll rate, degrees per second. */
  maxStillTurnDegPerSec: number;
}

/**
 * A track's recent head placements, for telling whether the head is still right now. Speed is
 * measured over `stillSpanSec` rather than frame to frame, where the mesh's own jitter
 * (a fraction of a pixel per frame) would read as motion at high frame rates.
 */
export class PlacementHistory {
  private readonly placements: HeadPlacement[] = [];

  constructor(private readonly limits: StillnessLimits) {}

  /** Add this frame's placement; returns the head speed over the span (null until the span is covered). */
  push(p: HeadPlacement): HeadSpeed | null {
    this.placements.push(p);
    const from = p.timeSec - this.limits.stillSpanSec;
    while (this.placements.length > 2 && this.placements[1]!.timeSec <= from) this.placements.shift();
    const first = this.placements[0]!;
    const span = p.timeSec - first.timeSec;
    if (first === p || span < 0.5 * this.limits.stillSpanSec || span > 2 * this.limits.stillSpanSec)
      return null;
    return headSpeed(first, p);
  }

  isStill(speed: HeadSpeed | null): boolean {
    return (
      speed !== null &&
      speed.faceHeightsPerSec <= this.limits.maxStillSpeed &&
      speed.degPerSec <= this.limits.maxStillTurnDegPerSec
    );
  }

  clear(): void {
    this.placements.length = 0;
  }
}
