// Small order statistics shared by the face pipeline, signals and evaluation.

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** Linear-interpolated percentile, q in 0..1; NaN for no values. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((p, r) => p - r);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
