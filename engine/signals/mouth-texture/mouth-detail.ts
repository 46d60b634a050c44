// Per-frame measurement of the mouth-texture signal, in the aligned crop: how open the mouth is,
// and the fine detail (mean absolute Laplacian of luma) inside the open mouth against the detail
// of the two eyes. Talking-head generators and face swappers render the mouth interior — teeth,
// tongue, lip edges — from a low-resolution latent and it comes out smoother than the eyes of the
// same face, while a camera resolves both alike. The eyes are the reference because they are the
// other high-detail part of every face and sit at the same distance from the camera.

import { applyAffine, type Affine } from '../../face/geometry.ts';
import { LANDMARK, LEFT_EYE_CONTOUR, RIGHT_EYE_CONTOUR } from '../../face/landmark-indices.ts';
import { forEachPolygonSpan } from '../../face/polygon-spans.ts';
import { convexHull } from '../pulse/skin-regions.ts';

/** The inner lip contour (the mouth opening) of the 468-point mesh. */
export const INNER_LIPS = [
  78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 324, 318, 402, 317, 14, 87, 178, 88, 95,
] as const;

/** Eye outlines are grown about their centre by this factor so lashes and lid edges count too. */
const EYE_GROWTH = 1.4;

export type Point = readonly [number, number];

/** Inner-lip gap over mouth width (0 = closed), from frame-space mesh points. */
export function mouthOpening(landmarks: ArrayLike<number>): number {
  const p = (i: number): Point => [landmarks[3 * i]!, landmarks[3 * i + 1]!];
  const [ux, uy] = p(LANDMARK.upperLipTop);
  const [lx, ly] = p(LANDMARK.lowerLipBottom);
  const [rx, ry] = p(LANDMARK.mouthRight);
  const [qx, qy] = p(LANDMARK.mouthLeft);
  const width = Math.hypot(qx - rx, qy - ry);
  return width > 0 ? Math.hypot(lx - ux, ly - uy) / width : 0;
}

export interface RegionDetail {
  /** Mean absolute 4-neighbour Laplacian of luma (0..255 scale) over the region's pixels. */
  detail: number;
  pixels: number;
}

/**
 * Mean |Laplacian| of luma over the pixels of an RGB24 image whose centres lie inside `polygon`
 * (pixels on the image border are skipped: they have no four neighbours).
 */
export function regionDetail(
  rgb: Uint8Array,
  width: number,
  height: number,
  polygon: readonly Point[],
): RegionDetail {
  const luma = (x: number, y: number) => {
    const o = 3 * (y * width + x);
    return 0.299 * rgb[o]! + 0.587 * rgb[o + 1]! + 0.114 * rgb[o + 2]!;
  };
  let sum = 0;
  let pixels = 0;
  forEachPolygonSpan(polygon, width, height, (y, from, to) => {
    if (y < 1 || y > height - 2) return;
    for (let x = Math.max(1, from); x <= Math.min(width - 2, to); x++) {
      const lap = luma(x - 1, y) + luma(x + 1, y) + luma(x, y - 1) + luma(x, y + 1) - 4 * luma(x, y);
      sum += Math.abs(lap);
      pixels++;
    }
  });
  return { detail: pixels ? sum / pixels : 0, pixels };
}

export interface MouthDetail {
  mouth: RegionDetail;
  eyes: RegionDetail;
  /** mouth.detail / eyes.detail (NaN when the eyes show no detail). */
  ratio: number;
}

/** Mouth and eye detail of one face in its aligned crop (`frameToCrop` maps mesh points into it). */
export function mouthDetail(
  crop: { data: Uint8Array; width: number; height: number },
  landmarks: ArrayLike<number>,
  frameToCrop: Affine,
): MouthDetail {
  const hull = (indices: readonly number[], grow = 1): Point[] => {
    const pts = convexHull(
      indices.flatMap((i) => applyAffine(frameToCrop, [landmarks[3 * i]!, landmarks[3 * i + 1]!])),
    );
    if (grow === 1 || pts.length === 0) return pts;
    const cx = pts.reduce((s, q) => s + q[0], 0) / pts.length;
    const cy = pts.reduce((s, q) => s + q[1], 0) / pts.length;
    return pts.map(([x, y]): Point => [cx + (x - cx) * grow, cy + (y - cy) * grow]);
  };
  const mouth = regionDetail(crop.data, crop.width, crop.height, hull(INNER_LIPS));
  const right = regionDetail(crop.data, crop.width, crop.height, hull(RIGHT_EYE_CONTOUR, EYE_GROWTH));
  const left = regionDetail(crop.data, crop.width, crop.height, hull(LEFT_EYE_CONTOUR, EYE_GROWTH));
  const eyePixels = right.pixels + left.pixels;
  const eyes = {
    detail: eyePixels ? (right.detail * right.pixels + left.detail * left.pixels) / eyePixels : 0,
    pixels: eyePixels,
  };
  return { mouth, eyes, ratio: eyes.detail > 0 ? mouth.detail / eyes.detail : Number.NaN };
}
