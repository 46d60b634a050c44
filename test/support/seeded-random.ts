// Deterministic pseudo-random numbers for tests (mulberry32).

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` values uniform in [min, max). */
export function randomFloats(count: number, seed: number, min = 0, max = 1): Float32Array {
  const next = seededRandom(seed);
  return Float32Array.from({ length: count }, () => min + (max - min) * next());
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return Number.isNaN(max) ? Infinity : max;
}
