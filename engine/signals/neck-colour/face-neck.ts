// Per-frame measurement of the neck-colour signal: the chromaticity of the face's skin (forehead
// and cheeks, the pulse signal's regions) minus that of a patch of neck below the chin, in frame
// pixels. Light that changes on a real person changes face and neck together, so the difference
// moves slowly; a swapped face is colour-matched to the target frame by frame and its difference
// to the untouched neck jumps from frame to frame. The typical size of those jumps is the cue.

import { LANDMARK } from '../../face/landmark-indices.ts';
import { faceHeightPx } from '../common/mesh-motion.ts';
import { meanColourInPolygon, skinRegionColours, type RegionColour } from '../pulse/skin-regions.ts';
import type { NeckColourConfig } from './config.ts';

/** Chromaticity (r, g of r+g+b) and mean luma of a colour. */
export interface Chroma {
  r: number;
  g: number;
  luma: number;
}

/** Fewer pixels than this in the face skin or the neck patch: the frame is not measured. */
export const MIN_PATCH_PIXELS = 40;

export function chromaOf(c: Pick<RegionColour, 'r' | 'g' | 'b'>): Chroma {
  const sum = c.r + c.g + c.b;
  return sum > 0
    ? { r: c.r / sum, g: c.g / sum, luma: 0.299 * c.r + 0.587 * c.g + 0.114 * c.b }
    : { r: 1 / 3, g: 1 / 3, luma: 0 };
}

/** The neck patch below the chin (frame pixels), or null when it leaves the frame. */
export function neckPatch(
  landmarks: Float32Array,
  width: number,
  height: number,
  c: Pick<NeckColourConfig, 'neckTop' | 'neckBottom' | 'neckWidth'>,
): Array<[number, number]> | null {
  const h = faceHeightPx(landmarks);
  const cx = landmarks[3 * LANDMARK.chin]!;
  const cy = landmarks[3 * LANDMARK.chin + 1]!;
  const x0 = cx - (c.neckWidth * h) / 2;
  const x1 = cx + (c.neckWidth * h) / 2;
  const y0 = cy + c.neckTop * h;
  const y1 = cy + c.neckBottom * h;
  if (!(h > 0) || x0 < 0 || y0 < 0 || x1 > width || y1 > height) return null;
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

/** Face-skin minus neck chromaticity of one face in one frame; null when either patch is unusable. */
export function faceNeckDifference(
  data: Uint8Array,
  width: number,
  height: number,
  landmarks: Float32Array,
  c: Pick<NeckColourConfig, 'neckTop' | 'neckBottom' | 'neckWidth'>,
): { dr: number; dg: number } | null {
  const patch = neckPatch(landmarks, width, height, c);
  if (!patch) return null;
  const neck = meanColourInPolygon(data, width, height, patch);
  const regions = skinRegionColours(data, width, height, landmarks);
  const pixels = regions.reduce((n, r) => n + r.pixels, 0);
  if (neck.pixels < MIN_PATCH_PIXELS || pixels < MIN_PATCH_PIXELS) return null;
  const mean = (k: 'r' | 'g' | 'b') => regions.reduce((s, r) => s + r[k] * r.pixels, 0) / pixels;
  const face = chromaOf({ r: mean('r'), g: mean('g'), b: mean('b') });
  const n = chromaOf(neck);
  return { dr: face.r - n.r, dg: face.g - n.g };
}

/** Median frame-to-frame step of the face-minus-neck difference, in thousandths of chromaticity. */
export function medianStep(steps: readonly number[]): number {
  if (steps.length === 0) return Number.NaN;
  const sorted = [...steps].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return 1000 * median;
}
