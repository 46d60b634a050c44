// The model input from an aligned face crop: the whole 224×224 crop resized to the model's
// input side, RGB in [0, 1], NHWC. The resize must be the one the trainer used
// (scripts/train/face-swap); both it and the evaluation call these functions.

import { warpToTensor, type RgbImage } from '../../face/image-warp.ts';

/** How the crop is shrunk to the model's input size (OpenCV's names in the trainer). */
export type CropResize = 'bilinear' | 'area';

/**
 * Plain bilinear resize with pixel centres aligned and no antialiasing (OpenCV INTER_LINEAR):
 * output pixel centre x + 0.5 reads input point (x + 0.5)·W/w − 0.5.
 */
export function bilinearResizeToTensor(
  src: RgbImage,
  outW: number,
  outH: number,
  target?: Float32Array,
): Float32Array {
  return warpToTensor(
    src,
    [outW / src.width, 0, 0, 0, outH / src.height, 0],
    outW,
    outH,
    { scale: 1 / 255, offset: 0 },
    target,
  );
}

/**
 * Area resize (OpenCV INTER_AREA when shrinking): each output pixel is the mean of the input
 * area it covers, partial pixels weighted by their covered fraction.
 */
export function areaResizeToTensor(
  src: RgbImage,
  outW: number,
  outH: number,
  target?: Float32Array,
): Float32Array {
  const sx = src.width / outW;
  const sy = src.height / outH;
  // Enlarging: OpenCV's INTER_AREA is bilinear there too.
  if (sx < 1 || sy < 1) return bilinearResizeToTensor(src, outW, outH, target);
  const out = target ?? new Float32Array(outW * outH * 3);
  const xs = coverage(src.width, outW, sx);
  const ys = coverage(src.height, outH, sy);
  const row = new Float64Array(outW * 3);
  for (let oy = 0; oy < outH; oy++) {
    row.fill(0);
    for (const [iy, wy] of ys[oy]!) {
      const base = iy * src.width * 3;
      for (let ox = 0; ox < outW; ox++) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (const [ix, wx] of xs[ox]!) {
          const p = base + ix * 3;
          r += src.data[p]! * wx;
          g += src.data[p + 1]! * wx;
          b += src.data[p + 2]! * wx;
        }
        row[ox * 3] = row[ox * 3]! + r * wy;
        row[ox * 3 + 1] = row[ox * 3 + 1]! + g * wy;
        row[ox * 3 + 2] = row[ox * 3 + 2]! + b * wy;
      }
    }
    const norm = 1 / (sx * sy * 255);
    for (let k = 0; k < outW * 3; k++) out[oy * outW * 3 + k] = row[k]! * norm;
  }
  return out;
}

/** For each output index, the input indices it covers and by how much (sums to `scale`). */
function coverage(inSize: number, outSize: number, scale: number): Array<Array<[number, number]>> {
  const result: Array<Array<[number, number]>> = [];
  for (let o = 0; o < outSize; o++) {
    const from = o * scale;
    const to = Math.min(inSize, (o + 1) * scale);
    const cells: Array<[number, number]> = [];
    for (let i = Math.floor(from); i < to; i++) {
      const w = Math.min(to, i + 1) - Math.max(from, i);
      if (w > 1e-9) cells.push([i, w]);
    }
    result.push(cells);
  }
  return result;
}

export const CROP_RESIZE: Readonly<Record<CropResize, typeof bilinearResizeToTensor>> = Object.freeze({
  bilinear: bilinearResizeToTensor,
  area: areaResizeToTensor,
});

/** The model input for a crop: NHWC dims [1, H, W, 3]. */
export function cropToModelInput(
  crop: RgbImage,
  inputDims: readonly number[],
  resize: CropResize,
  target?: Float32Array,
): Float32Array {
  const [, h, w, c] = inputDims;
  if (inputDims.length !== 4 || c !== 3 || !h || !w)
    throw new Error(`face-swap model input must be NHWC [1, H, W, 3], got [${inputDims.join(', ')}]`);
  return CROP_RESIZE[resize](crop, w, h, target);
}
