// Cuts a region (a half, a panel) out of a decoded RGB24 frame and greys out parts of it, before
// the region's own face tracker sees it.

import type { RgbImage } from '../../face/image-warp.ts';
import type { FractionRect, RegionGeometry } from './layouts.ts';

/** Mid grey: no face detector fires on a flat patch, and it does not skew exposure much. */
export const MASK_GREY = 128;

/** Pixel columns [x0, x1) of a frame `width` wide that `geometry` keeps. */
export function regionColumns(geometry: RegionGeometry, width: number): { x0: number; x1: number } {
  const x0 = Math.max(0, Math.min(width, Math.round(geometry.xFrom * width)));
  const x1 = Math.max(x0, Math.min(width, Math.round(geometry.xTo * width)));
  return { x0, x1 };
}

/**
 * The region of `frame` as its own image (a new buffer unless the region is the whole, unmasked
 * frame), with `geometry.greyRects` filled with MASK_GREY.
 */
export function extractRegion(frame: RgbImage, geometry: RegionGeometry): RgbImage {
  const { x0, x1 } = regionColumns(geometry, frame.width);
  const width = x1 - x0;
  const { height } = frame;
  if (x0 === 0 && width === frame.width && geometry.greyRects.length === 0) return frame;
  let data: Uint8Array;
  if (x0 === 0 && width === frame.width) {
    // A copy (not .slice(): on a Node Buffer that is a view, and the decoder's frame must stay intact).
    data = new Uint8Array(frame.data);
  } else {
    data = new Uint8Array(width * height * 3);
    const rowBytes = width * 3;
    for (let y = 0; y < height; y++) {
      const from = (y * frame.width + x0) * 3;
      data.set(frame.data.subarray(from, from + rowBytes), y * rowBytes);
    }
  }
  const image = { width, height, data };
  for (const rect of geometry.greyRects) fillGrey(image, rect);
  return image;
}

function fillGrey(image: RgbImage, rect: FractionRect): void {
  const { width, height, data } = image;
  const x0 = Math.max(0, Math.round(rect.x * width));
  const y0 = Math.max(0, Math.round(rect.y * height));
  const x1 = Math.min(width, Math.round((rect.x + rect.width) * width));
  const y1 = Math.min(height, Math.round((rect.y + rect.height) * height));
  for (let y = y0; y < y1; y++) data.fill(MASK_GREY, (y * width + x0) * 3, (y * width + x1) * 3);
}
