// 2-D affine transforms and boxes in frame pixels. An Affine maps (x, y) to
// (a*x + b*y + c, d*x + e*y + f); it is stored as [a, b, c, d, e, f].

export type Affine = readonly [number, number, number, number, number, number];
export type Point = readonly [number, number];

export interface BoxPx {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function applyAffine(m: Affine, p: Point): [number, number] {
  return [m[0] * p[0] + m[1] * p[1] + m[2], m[3] * p[0] + m[4] * p[1] + m[5]];
}

/** (outer ∘ inner): first apply `inner`, then `outer`. */
export function composeAffine(outer: Affine, inner: Affine): Affine {
  return [
    outer[0] * inner[0] + outer[1] * inner[3],
    outer[0] * inner[1] + outer[1] * inner[4],
    outer[0] * inner[2] + outer[1] * inner[5] + outer[2],
    outer[3] * inner[0] + outer[4] * inner[3],
    outer[3] * inner[1] + outer[4] * inner[4],
    outer[3] * inner[2] + outer[4] * inner[5] + outer[5],
  ];
}

export function invertAffine(m: Affine): Affine {
  const det = m[0] * m[4] - m[1] * m[3];
  if (Math.abs(det) < 1e-12) throw new Error('affine transform is not invertible');
  const a = m[4] / det;
  const b = -m[1] / det;
  const d = -m[3] / det;
  const e = m[0] / det;
  return [a, b, -(a * m[2] + b * m[5]), d, e, -(d * m[2] + e * m[5])];
}

/**
 * The transform that maps a square region of the frame — centred at `center`, `sizePx` wide,
 * rotated by `angleRad` (clockwise in image coordinates) — onto an `outSize`×`outSize` crop,
 * upright. Its inverse maps crop pixels back to the frame.
 */
export function frameToCropAffine(center: Point, sizePx: number, angleRad: number, outSize: number): Affine {
  const s = outSize / sizePx;
  const cos = Math.cos(angleRad);
  const sin = Math.sin(angleRad);
  // Rotate the frame by -angle about the centre, scale, then move the centre to the crop centre.
  const a = s * cos;
  const b = s * sin;
  const d = -s * sin;
  const e = s * cos;
  const half = outSize / 2;
  return [a, b, half - (a * center[0] + b * center[1]), d, e, half - (d * center[0] + e * center[1])];
}

export function boxCenter(box: BoxPx): [number, number] {
  return [box.x + box.width / 2, box.y + box.height / 2];
}

export function boxArea(box: BoxPx): number {
  return Math.max(0, box.width) * Math.max(0, box.height);
}

export function intersectionOverUnion(a: BoxPx, b: BoxPx): number {
  const x0 = Math.max(a.x, b.x);
  const y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.width, b.x + b.width);
  const y1 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  const union = boxArea(a) + boxArea(b) - inter;
  return union > 0 ? inter / union : 0;
}

/** Axis-aligned bounding box of points given as a flat [x0, y0, x1, y1, ...] or [x, y, z] stride. */
export function boundingBox(points: ArrayLike<number>, stride = 2): BoxPx {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < points.length; i += stride) {
    const x = points[i]!;
    const y = points[i + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
