// The skin regions the pulse is read from: three patches of the 468-point mesh that are bare skin
// on almost every face and move little with expressions — the forehead above the brows and the
// two cheeks below the eyes. Each region is the convex hull of its mesh points (so point order
// does not matter); its colour is the mean RGB of the frame pixels whose centres lie inside.

import { forEachPolygonSpan } from '../../face/polygon-spans.ts';

export const SKIN_REGIONS = {
  /** Mid forehead, between the hairline row of the face outline and the row above the brows. */
  forehead: [10, 109, 67, 69, 108, 151, 337, 299, 297, 338],
  /** The subject's right cheek (image left in an unmirrored view), below the eye, beside the nose. */
  rightCheek: [116, 117, 118, 100, 126, 142, 203, 206, 216, 192, 213, 147, 123],
  /** The subject's left cheek, mirror of the right. */
  leftCheek: [345, 346, 347, 329, 355, 371, 423, 426, 436, 416, 433, 376, 352],
} as const;

export type SkinRegionId = keyof typeof SKIN_REGIONS;
export const SKIN_REGION_IDS = Object.keys(SKIN_REGIONS) as SkinRegionId[];

/** Mean colour of one region in one frame. */
export interface RegionColour {
  r: number;
  g: number;
  b: number;
  /** Pixels averaged (0: the region fell outside the frame or was degenerate). */
  pixels: number;
}

/** Convex hull (Andrew's monotone chain), anticlockwise in image coordinates; flat [x, y, …] in. */
export function convexHull(points: ArrayLike<number>): Array<[number, number]> {
  const pts: Array<[number, number]> = [];
  for (let i = 0; i + 1 < points.length; i += 2) pts.push([points[i]!, points[i + 1]!]);
  pts.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  if (pts.length < 3) return pts;
  const cross = (o: [number, number], a: [number, number], b: [number, number]) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Array<[number, number]> = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0)
      lower.pop();
    lower.push(p);
  }
  const upper: Array<[number, number]> = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0)
      upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

/**
 * Mean RGB of the pixels of an RGB24 frame whose centres lie inside `polygon` (frame pixels,
 * continuous coordinates with pixel centres at +0.5), by scanline filling.
 */
export function meanColourInPolygon(
  data: Uint8Array,
  width: number,
  height: number,
  polygon: ReadonlyArray<readonly [number, number]>,
): RegionColour {
  let r = 0;
  let g = 0;
  let b = 0;
  let pixels = 0;
  forEachPolygonSpan(polygon, width, height, (y, from, to) => {
    for (let o = (y * width + from) * 3, end = (y * width + to) * 3; o <= end; o += 3) {
      r += data[o]!;
      g += data[o + 1]!;
      b += data[o + 2]!;
      pixels++;
    }
  });
  return pixels ? { r: r / pixels, g: g / pixels, b: b / pixels, pixels } : { r: 0, g: 0, b: 0, pixels: 0 };
}

/**
 * The last result per face landmarks array: pulse and neck-colour both read the skin regions of
 * the same face in the same frame, and the tracker gives each face of each frame its own array.
 */
const lastColours = new WeakMap<Float32Array, { data: Uint8Array; colours: RegionColour[] }>();

/** The mean colour of every skin region of one face in one frame, in SKIN_REGION_IDS order. */
export function skinRegionColours(
  data: Uint8Array,
  width: number,
  height: number,
  landmarks: Float32Array,
): RegionColour[] {
  const cached = lastColours.get(landmarks);
  if (cached && cached.data === data) return cached.colours;
  const colours = SKIN_REGION_IDS.map((id) => {
    const indices = SKIN_REGIONS[id];
    const flat = new Float64Array(indices.length * 2);
    indices.forEach((i, k) => {
      flat[2 * k] = landmarks[3 * i]!;
      flat[2 * k + 1] = landmarks[3 * i + 1]!;
    });
    return meanColourInPolygon(data, width, height, convexHull(flat));
  });
  lastColours.set(landmarks, { data, colours });
  return colours;
}
