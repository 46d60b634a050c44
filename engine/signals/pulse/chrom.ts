// CHROM, chrominance-based remote photoplethysmography:
//   G. de Haan, V. Jeanne, "Robust Pulse Rate From Chrominance-Based rPPG",
//   IEEE Transactions on Biomedical Engineering 60(10):2878–2886, 2013. doi:10.1109/TBME.2013.2266196
// In each window the RGB means are divided by their temporal mean and mixed into two
// chrominance signals X = 3R − 2G and Y = 1.5R + G − 1.5B (the paper's standardised skin tone);
// both are band-passed and combined as S = X − (σ(X)/σ(Y))·Y, which cancels specular and
// intensity changes. Windows (half-overlapping, Hann-weighted) are added into one signal.

import { bandLimit, hann } from '../common/dsp.ts';
import type { RgbTraces } from './rppg-method.ts';

export function chromPulse(
  rgb: RgbTraces,
  fsHz: number,
  windowSec: number,
  bandLowHz: number,
  bandHighHz: number,
): Float64Array {
  const n = rgb.r.length;
  const out = new Float64Array(n);
  // An even window length, so half-overlapping Hann windows sum to a constant.
  const l = Math.min(n - (n % 2), Math.max(4, 2 * Math.ceil((windowSec * fsHz) / 2)));
  if (l < 4) return out;
  const w = hann(l);
  const x = new Float64Array(l);
  const y = new Float64Array(l);
  const step = l / 2;
  for (let start = 0; start + l <= n; start += step) {
    let mr = 0;
    let mg = 0;
    let mb = 0;
    for (let k = start; k < start + l; k++) {
      mr += rgb.r[k]!;
      mg += rgb.g[k]!;
      mb += rgb.b[k]!;
    }
    if (!(mr > 0 && mg > 0 && mb > 0)) continue;
    mr /= l;
    mg /= l;
    mb /= l;
    for (let k = 0; k < l; k++) {
      const r = rgb.r[start + k]! / mr;
      const g = rgb.g[start + k]! / mg;
      const b = rgb.b[start + k]! / mb;
      x[k] = 3 * r - 2 * g;
      y[k] = 1.5 * r + g - 1.5 * b;
    }
    const xf = bandLimit(x, fsHz, bandLowHz, bandHighHz);
    const yf = bandLimit(y, fsHz, bandLowHz, bandHighHz);
    const sx = rms(xf);
    const sy = rms(yf);
    const alpha = sy > 0 ? sx / sy : 0;
    for (let k = 0; k < l; k++) out[start + k] = out[start + k]! + w[k]! * (xf[k]! - alpha * yf[k]!);
  }
  return out;
}

function rms(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return v.length ? Math.sqrt(s / v.length) : 0;
}
