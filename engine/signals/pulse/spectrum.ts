// Pulse rate and signal-to-noise ratio of a pulse signal, read from its power spectrum.
// SNR as defined by de Haan & Jeanne (IEEE TBME 60(10), 2013, eq. 12): the power within a small
// band around the spectral peak and around its first harmonic, over the power in the rest of the
// pulse band, in dB.

import { detrendLinear, powerSpectrum } from '../common/dsp.ts';

export interface SpectrumOptions {
  bandLowHz: number;
  bandHighHz: number;
  /** Half-width of the bands around the peak and its harmonic that count as pulse, Hz. */
  peakHalfWidthHz: number;
  /** Zero-pad to at least this many points (power of two) for a finely placed peak. */
  minFftLength: number;
}

export interface PulseSpectrum {
  /** Frequency of the strongest in-band local maximum (parabolically interpolated), Hz; NaN when there is none. */
  rateHz: number;
  /** Power at the peak and harmonic over the rest of the band, dB; −Infinity when there is no peak. */
  snrDb: number;
}

export function pulseSpectrum(signal: ArrayLike<number>, fsHz: number, o: SpectrumOptions): PulseSpectrum {
  const x = detrendLinear(Float64Array.from(signal));
  const { power, binHz } = powerSpectrum(x, fsHz, o.minFftLength);
  const lo = Math.max(1, Math.ceil(o.bandLowHz / binHz));
  const hi = Math.min(power.length - 2, Math.floor(o.bandHighHz / binHz));
  // The strongest local maximum inside the band: a spectrum that only falls from the band's
  // edge (drift, motion) has no pulse peak, however much power sits at the edge.
  let peak = -1;
  for (let k = lo; k <= hi; k++) {
    const isLocalMax = power[k]! >= power[k - 1]! && power[k]! >= power[k + 1]!;
    if (isLocalMax && (peak < 0 || power[k]! > power[peak]!)) peak = k;
  }
  if (peak < 0 || !(power[peak]! > 0)) return { rateHz: Number.NaN, snrDb: Number.NEGATIVE_INFINITY };
  // Parabolic interpolation of the peak on log power (exact for a Gaussian-shaped lobe).
  const a = Math.log(power[peak - 1]! + 1e-300);
  const b = Math.log(power[peak]! + 1e-300);
  const c = Math.log(power[peak + 1]! + 1e-300);
  const den = a - 2 * b + c;
  const offset = den < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / den)) : 0;
  const rateHz = (peak + offset) * binHz;
  let inside = 0;
  let outside = 0;
  for (let k = lo; k <= hi; k++) {
    const f = k * binHz;
    const isPulse =
      Math.abs(f - rateHz) <= o.peakHalfWidthHz || Math.abs(f - 2 * rateHz) <= o.peakHalfWidthHz;
    if (isPulse) inside += power[k]!;
    else outside += power[k]!;
  }
  const snrDb = outside > 0 ? 10 * Math.log10(inside / outside) : Number.POSITIVE_INFINITY;
  return { rateHz, snrDb };
}
