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
  const inv = invertAffine(frameToOut);
  const borderValue = border * norm.scale + norm.offset;
  sampleBilinear(src, inv, outW, outH, (o, r, g, b, inside) => {
    if (inside) {
      out[o] = r * norm.scale + norm.offset;
      out[o + 1] = g * norm.scale + norm.offset;
      out[o + 2] = b * norm.scale + norm.offset;
    } else {
      out[o] = borderValue;
      out[o + 1] = borderValue;
      out[o + 2] = borderValue;
    }
  });
  return out;
}

/** Same sampling, into an 8-bit RGB image (used for aligned face crops and thumbnails). */
export function warpToImage(src: RgbImage, frameToOut: Affine, outW: number, outH: number, border = 0): RgbImage {
  const data = new Uint8Array(outW * outH * 3);
  const inv = invertAffine(frameToOut);
  sampleBilinear(src, inv, outW, outH, (o, r, g, b, inside) => {
    data[o] = inside ? r + 0.5 : border;
    data[o + 1] = inside ? g + 0.5 : border;
    data[o + 2] = inside ? b + 0.5 : border;
  });
  return { width: outW, height: outH, data };
}

type PixelSink = (offset: number, r: number, g: number, b: number, inside: boolean) => void;

function sampleBilinear(src: RgbImage, outToFrame: Affine, outW: number, outH: number, sink: PixelSink): void {
  const { width: w, height: h, data } = src;
  const [a, b, c, d, e, f] = outToFrame;
  const stride = w * 3;
  for (let y = 0; y < outH; y++) {
    // Sample at pixel centres: output (x+0.5, y+0.5) maps to a frame point, minus 0.5 for its index.
    const yc = y + 0.5;
    let fx = a * 0.5 + b * yc + c - 0.5;
    let fy = d * 0.5 + e * yc + f - 0.5;
    let o = y * outW * 3;
    for (let x = 0; x < outW; x++, o += 3, fx += a, fy += d) {
      if (fx < -0.5 || fy < -0.5 || fx > w - 0.5 || fy > h - 0.5) {
        sink(o, 0, 0, 0, false);
        continue;
      }
      const cx = fx < 0 ? 0 : fx > w - 1 ? w - 1 : fx;
      const cy = fy < 0 ? 0 : fy > h - 1 ? h - 1 : fy;
      const x0 = cx | 0;
      const y0 = cy | 0;
      const x1 = x0 + 1 < w ? x0 + 1 : x0;
      const y1 = y0 + 1 < h ? y0 + 1 : y0;
      const wx = cx - x0;
      const wy = cy - y0;
      const p00 = y0 * stride + x0 * 3;
      const p01 = y0 * stride + x1 * 3;
      const p10 = y1 * stride + x0 * 3;
      const p11 = y1 * stride + x1 * 3;
      const w00 = (1 - wx) * (1 - wy);
      const w01 = wx * (1 - wy);
      const w10 = (1 - wx) * wy;
      const w11 = wx * wy;
      sink(
        o,
        data[p00]! * w00 + data[p01]! * w01 + data[p10]! * w10 + data[p11]! * w11,
        data[p00 + 1]! * w00 + data[p01 + 1]! * w01 + data[p10 + 1]! * w10 + data[p11 + 1]! * w11,
        data[p00 + 2]! * w00 + data[p01 + 2]! * w01 + data[p10 + 2]! * w10 + data[p11 + 2]! * w11,
        true,
      );
    }
  }
}
