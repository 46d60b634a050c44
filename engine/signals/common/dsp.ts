// Small signal-processing kit for the temporal signals: resampling irregular frame times to a
// uniform rate, detrending, windows, a radix-2 FFT, band-limited filtering and correlation.
// Plain functions on Float64Arrays; nothing here keeps state.

/**
 * Linear interpolation of samples taken at `times` (seconds, increasing) onto `n` uniform
 * instants `start + k / fsHz`. Instants outside the samples take the nearest end value.
 */
export function resampleUniform(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  start: number,
  fsHz: number,
  n: number,
): Float64Array {
  const out = new Float64Array(n);
  const m = times.length;
  if (m === 0) return out;
  let j = 0;
  for (let k = 0; k < n; k++) {
    const t = start + k / fsHz;
    while (j + 1 < m && times[j + 1]! <= t) j++;
    if (t <= times[0]!) out[k] = values[0]!;
    else if (j + 1 >= m) out[k] = values[m - 1]!;
    else {
      const t0 = times[j]!;
      const t1 = times[j + 1]!;
      const u = t1 > t0 ? (t - t0) / (t1 - t0) : 0;
      out[k] = values[j]! + (values[j + 1]! - values[j]!) * u;
    }
  }
  return out;
}

/** Subtract the least-squares straight line, in place; returns `x`. */
export function detrendLinear(x: Float64Array): Float64Array {
  const n = x.length;
  if (n < 2) {
    if (n === 1) x[0] = 0;
    return x;
  }
  const meanK = (n - 1) / 2;
  let meanX = 0;
  for (let k = 0; k < n; k++) meanX += x[k]!;
  meanX /= n;
  let num = 0;
  let den = 0;
  for (let k = 0; k < n; k++) {
    num += (k - meanK) * (x[k]! - meanX);
    den += (k - meanK) * (k - meanK);
  }
  const slope = num / den;
  for (let k = 0; k < n; k++) x[k] = x[k]! - meanX - slope * (k - meanK);
  return x;
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return x.length ? s / x.length : 0;
}

/** Population standard deviation. */
export function std(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - m) * (x[i]! - m);
  return x.length ? Math.sqrt(s / x.length) : 0;
}

/** Pearson correlation; 0 when either input is constant. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** Periodic Hann window of length n. */
export function hann(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let k = 0; k < n; k++) w[k] = 0.5 - 0.5 * Math.cos((2 * Math.PI * k) / n);
  return w;
}

export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** In-place iterative radix-2 FFT of (re, im); length must be a power of two. `inverse` scales by 1/n. */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (n !== im.length || (n & (n - 1)) !== 0) throw new Error(`fft: length ${n} is not a power of two`);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  const sign = inverse ? 1 : -1;
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (sign * 2 * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    const half = len >> 1;
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < half; k++) {
        const a = i + k;
        const b = a + half;
        const tr = re[b]! * cr - im[b]! * ci;
        const ti = re[b]! * ci + im[b]! * cr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
        const ncr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = ncr;
      }
    }
  }
  if (inverse) {
    for (let i = 0; i < n; i++) {
      re[i] = re[i]! / n;
      im[i] = im[i]! / n;
    }
  }
}

export interface PowerSpectrum {
  /** |X(f)|² for bins 0 … nfft/2. */
  power: Float64Array;
  /** Width of one bin, Hz. */
  binHz: number;
}

/**
 * Power spectrum of `x` (sampled at `fsHz`) after a Hann taper, zero-padded to at least
 * `minFftLength` points (a power of two) so that a peak can be located finer than 1/duration.
 */
export function powerSpectrum(x: ArrayLike<number>, fsHz: number, minFftLength: number): PowerSpectrum {
  const nfft = nextPowerOfTwo(Math.max(minFftLength, x.length));
  const re = new Float64Array(nfft);
  const im = new Float64Array(nfft);
  const w = hann(x.length);
  for (let k = 0; k < x.length; k++) re[k] = x[k]! * w[k]!;
  fft(re, im);
  const power = new Float64Array(nfft / 2 + 1);
  for (let k = 0; k <= nfft / 2; k++) power[k] = re[k]! * re[k]! + im[k]! * im[k]!;
  return { power, binHz: fsHz / nfft };
}

/** Keep only the frequencies in [loHz, hiHz] (ideal filter via FFT); returns a new array of x's length. */
export function bandLimit(x: ArrayLike<number>, fsHz: number, loHz: number, hiHz: number): Float64Array {
  const n = x.length;
  const nfft = nextPowerOfTwo(2 * n);
  const re = new Float64Array(nfft);
  const im = new Float64Array(nfft);
  // Mirror-pad so the ends do not ring against the zero padding.
  for (let k = 0; k < nfft; k++) {
    const p = k % (2 * n);
    re[k] = p < n ? x[p]! : x[2 * n - 1 - p]!;
  }
  fft(re, im);
  for (let k = 0; k < nfft; k++) {
    const f = (Math.min(k, nfft - k) * fsHz) / nfft;
    if (f < loHz || f > hiHz) {
      re[k] = 0;
      im[k] = 0;
    }
  }
  fft(re, im, true);
  return re.slice(0, n);
}
