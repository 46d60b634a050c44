// POS, "plane orthogonal to skin" remote photoplethysmography:
//   W. Wang, A. C. den Brinker, S. Stuijk, G. de Haan, "Algorithmic Principles of Remote PPG",
//   IEEE Transactions on Biomedical Engineering 64(7):1479–1491, 2017. doi:10.1109/TBME.2016.2609282
// (Algorithm 1 of the paper.) In each short window the RGB means are divided by their temporal
// mean, projected onto the plane orthogonal to the skin tone — S1 = G − B, S2 = G + B − 2R —
// and combined as h = S1 + (σ(S1)/σ(S2))·S2, which cancels the intensity and specular changes
// that motion causes; the windows are overlap-added into one pulse signal.

import type { RgbTraces } from './rppg-method.ts';

/**
 * Pulse signal from uniformly sampled RGB traces (one value per channel and sample, any scale).
 * `windowSec` is the paper's l (1.6 s: at least one cardiac cycle at 40 bpm).
 */
export function posPulse(rgb: RgbTraces, fsHz: number, windowSec: number): Float64Array {
  const n = rgb.r.length;
  const out = new Float64Array(n);
  const l = Math.min(n, Math.max(2, Math.ceil(windowSec * fsHz)));
  const s1 = new Float64Array(l);
  const s2 = new Float64Array(l);
  for (let end = l; end <= n; end++) {
    const start = end - l;
    let mr = 0;
    let mg = 0;
    let mb = 0;
    for (let k = start; k < end; k++) {
      mr += rgb.r[k]!;
      mg += rgb.g[k]!;
      mb += rgb.b[k]!;
    }
    if (!(mr > 0 && mg > 0 && mb > 0)) continue;
    mr /= l;
    mg /= l;
    mb /= l;
    let m1 = 0;
    let m2 = 0;
    for (let k = 0; k < l; k++) {
      const r = rgb.r[start + k]! / mr;
      const g = rgb.g[start + k]! / mg;
      const b = rgb.b[start + k]! / mb;
      s1[k] = g - b;
      s2[k] = g + b - 2 * r;
      m1 += s1[k]!;
      m2 += s2[k]!;
    }
    m1 /= l;
    m2 /= l;
    let v1 = 0;
    let v2 = 0;
    for (let k = 0; k < l; k++) {
      v1 += (s1[k]! - m1) ** 2;
      v2 += (s2[k]! - m2) ** 2;
    }
    const alpha = v2 > 0 ? Math.sqrt(v1 / v2) : 0;
    let mh = 0;
    for (let k = 0; k < l; k++) mh += s1[k]! + alpha * s2[k]!;
    mh /= l;
    for (let k = 0; k < l; k++) out[start + k] = out[start + k]! + s1[k]! + alpha * s2[k]! - mh;
  }
  return out;
}
