// Bilinear resampling of RGB24 frames through an affine transform. Used for every model input
// (detector letterbox, mesh ROI, aligned crop), so it works straight from the decoded frame
// into the tensor the model wants, with no intermediate images.

import type { Affine } from './geometry.ts';
import { invertAffine } from './geometry.ts';

export interface RgbImage {
  width: number;
  height: number;
  /** RGB24, row-major, length width*height*3. */
  data: Uint8Array;
}

/** value_out = value_in * scale + offset, applied per channel when writing a float tensor. */
export interface Normalization {
  scale: number;
  offset: number;
}

/**
 * Fill an NHWC float tensor (`outW`×`outH`×3) by sampling `src` through `frameToOut`
 * (which maps frame pixels to output pixels). Pixels that fall outside the frame read
 * as `border` (in 0..255 units, before normalisation).
 */
export function warpToTensor(
  src: RgbImage,
  frameToOut: Affine,
  outW: number,
  outH: number,
  norm: Normalization,
  target?: Float32Array,
  border = 0,
): Float32Array {
  const out = target ?? new Float32Array(outW * outH * 3);
  sampleBilinear(src, invertAffine(frameToOut), outW, outH, out, norm.scale, norm.offset, border);
  return out;
}

/** Same sampling, into an 8-bit RGB image (used for aligned face crops and thumbnails). */
export function warpToImage(
  src: RgbImage,
  frameToOut: Affine,
  outW: number,
  outH: number,
  border = 0,
): RgbImage {
  const data = new Uint8Array(outW * outH * 3);
  // Uint8Array assignment truncates: the +0.5 offset rounds to nearest.
  sampleBilinear(src, invertAffine(frameToOut), outW, outH, data, 1, 0.5, border);
  return { width: outW, height: outH, data };
}

/**
 * The one resampling loop (hot: it runs for every model input of every frame), written flat
 * without per-pixel calls. Writes `value * scale + offset` per channel into `out`.
 */
function sampleBilinear(
  src: RgbImage,
  outToFrame: Affine,
  outW: number,
  outH: number,
  out: Float32Array | Uint8Array,
  scale: number,
  offset: number,
  border: number,
): void {
  const { width: w, height: h, data } = src;
  const [a, b, c, d, e, f] = outToFrame;
  const stride = w * 3;
  const borderValue = border * scale + offset;
  for (let y = 0; y < outH; y++) {
    // Sample at pixel centres: output (x+0.5, y+0.5) maps to a frame point, minus 0.5 for its index.
    const yc = y + 0.5;
    let fx = a * 0.5 + b * yc + c - 0.5;
    let fy = d * 0.5 + e * yc + f - 0.5;
    let o = y * outW * 3;
    for (let x = 0; x < outW; x++, o += 3, fx += a, fy += d) {
      if (fx < -0.5 || fy < -0.5 || fx > w - 0.5 || fy > h - 0.5) {
        out[o] = borderValue;
        out[o + 1] = borderValue;
        out[o + 2] = borderValue;
        continue;
      }
      const cx = fx < 0 ? 0 : fx > w - 1 ? w - 1 : fx;
      const cy = fy < 0 ? 0 : fy > h - 1 ? h - 1 : fy;
      const x0 = cx | 0;
      const y0 = cy | 0;
      const dx = x0 + 1 < w ? 3 : 0;
      const dy = y0 + 1 < h ? stride : 0;
      const wx = cx - x0;
      const wy = cy - y0;
      const p = y0 * stride + x0 * 3;
      const w00 = (1 - wx) * (1 - wy);
      const w01 = wx * (1 - wy);
      const w10 = (1 - wx) * wy;
      const w11 = wx * wy;
      for (let k = 0; k < 3; k++) {
        const q = p + k;
        const v = data[q]! * w00 + data[q + dx]! * w01 + data[q + dy]! * w10 + data[q + dy + dx]! * w11;
        out[o + k] = v * scale + offset;
      }
    }
  }
}
