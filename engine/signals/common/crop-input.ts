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
 * Area resize (OpenCV INTER_AREA when shrinking, on uint8 images): each output pixel is the mean
 * of the input area it covers, partial pixels weighted by their covered fraction, rounded to an
 * 8-bit level. Separable: rows are resampled into a float buffer, then columns.
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
  const { data, width: inW, height: inH } = src;
  // Horizontal pass: inH rows × outW columns, sums weighted by covered fraction.
  const rows = new Float32Array(inH * outW * 3);
  for (let y = 0; y < inH; y++) {
    const inRow = y * inW * 3;
    const outRow = y * outW * 3;
    for (let ox = 0; ox < outW; ox++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let c = xs.start[ox]!; c < xs.start[ox + 1]!; c++) {
        const p = inRow + xs.index[c]! * 3;
        const w = xs.weight[c]!;
        r += data[p]! * w;
        g += data[p + 1]! * w;
        b += data[p + 2]! * w;
      }
      const o = outRow + ox * 3;
      rows[o] = r;
      rows[o + 1] = g;
      rows[o + 2] = b;
    }
  }
  // Vertical pass, normalised by the area of one output pixel.
  const norm = 1 / (sx * sy);
  const stride = outW * 3;
  for (let oy = 0; oy < outH; oy++) {
    const o = oy * stride;
    out.fill(0, o, o + stride);
    for (let c = ys.start[oy]!; c < ys.start[oy + 1]!; c++) {
      const from = ys.index[c]! * stride;
      const w = ys.weight[c]! * norm;
      for (let k = 0; k < stride; k++) out[o + k] = out[o + k]! + rows[from + k]! * w;
    }
  }
  // Rounded to 8-bit levels as OpenCV's uint8 resize is (the trainer feeds its uint8 result / 255).
  for (let k = 0; k < out.length; k++) out[k] = Math.round(out[k]!) / 255;
  return out;
}

interface Coverage {
  /** Cells of output i are start[i] .. start[i + 1] − 1. */
  start: Int32Array;
  index: Int32Array;
  weight: Float64Array;
}

/** For each output index, the input indices it covers and by how much (weights sum to `scale`). */
function coverage(inSize: number, outSize: number, scale: number): Coverage {
  const start = new Int32Array(outSize + 1);
  const index: number[] = [];
  const weight: number[] = [];
  for (let o = 0; o < outSize; o++) {
    start[o] = index.length;
    const from = o * scale;
    const to = Math.min(inSize, (o + 1) * scale);
    for (let i = Math.floor(from); i < to; i++) {
      const w = Math.min(to, i + 1) - Math.max(from, i);
      if (w > 1e-9) {
        index.push(i);
        weight.push(w);
      }
    }
  }
  start[outSize] = index.length;
  return { start, index: Int32Array.from(index), weight: Float64Array.from(weight) };
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
