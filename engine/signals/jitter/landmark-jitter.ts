// The jitter signal's core, a pure function: three consecutive meshes of a still head → how far
// the middle one's stable landmarks stray from where their neighbours put them, once the head's
// own motion is removed, as a fraction of the face height.
//
// Method: each neighbour's stable landmarks are mapped onto the middle frame by a least-squares
// 2-D similarity (Umeyama, "Least-squares estimation of transformation parameters between two
// point patterns", IEEE TPAMI 13(4), 1991), which removes translation, rotation and scale; the
// residual of the middle frame from the mean of the two mapped neighbours is a temporal second
// difference, so smooth non-rigid changes (a slow expression) cancel and what remains is
// frame-to-frame jitter. Live face swappers re-render the face every frame, and the
// re-rendered face's features wobble while the person sits still ("stillness jitter" in
// DeepFaceLive / Deep-Live-Cam user reports, see docs/signals/jitter.md); a camera face's do not.

import { applySimilarity, fitSimilarity, STABLE_LANDMARKS } from '../common/mesh-motion.ts';

export { STABLE_LANDMARKS };

/**
 * RMS distance (frame px) between the middle frame's stable points and the average of its two
 * neighbours' points mapped onto it by similarity fits; all three are flat [x0, y0, …].
 */
export function secondDifferenceResidualPx(
  prev: ArrayLike<number>,
  mid: ArrayLike<number>,
  next: ArrayLike<number>,
): number {
  const a = fitSimilarity(prev, mid);
  const b = fitSimilarity(next, mid);
  const n = mid.length / 2;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const [ax, ay] = applySimilarity(a, prev[2 * i]!, prev[2 * i + 1]!);
    const [bx, by] = applySimilarity(b, next[2 * i]!, next[2 * i + 1]!);
    const ex = mid[2 * i]! - (ax + bx) / 2;
    const ey = mid[2 * i + 1]! - (ay + by) / 2;
    sum += ex * ex + ey * ey;
  }
  return n ? Math.sqrt(sum / n) : 0;
}

/** Per-frame jitter as a share of the face height (dimensionless; 0.001 = 0.1 % of the face). */
export function frameJitter(
  prev: ArrayLike<number>,
  mid: ArrayLike<number>,
  next: ArrayLike<number>,
  faceHeightPx: number,
): number {
  return faceHeightPx > 0 ? secondDifferenceResidualPx(prev, mid, next) / faceHeightPx : Number.NaN;
}
