// Learned fusion: an L2-regularised logistic regression over one standardised number per signal
// (fusion-features.ts), fitted by Newton's method on training-fold items. A signal that could not
// judge a face gets its training mean (0 after standardising), so it pulls neither way.

import { sigmoid } from './calibration.ts';

export interface LogisticFusionModel {
  /** Signal ids, in the order of the weights. */
  signals: string[];
  means: number[];
  scales: number[];
  weights: number[];
  bias: number;
  l2: number;
}

export const DEFAULT_FUSION_L2 = 1;

/** Fits the model on rows of feature values (null = missing) and labels (1 = manipulated). */
export function fitLogisticFusion(
  signals: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<number | null>>,
  labels: ReadonlyArray<0 | 1>,
  l2: number = DEFAULT_FUSION_L2,
): LogisticFusionModel {
  if (rows.length !== labels.length) throw new Error('rows and labels differ in length');
  if (!labels.includes(0) || !labels.includes(1)) throw new Error('fusion needs both classes to fit');
  const d = signals.length;
  const means: number[] = [];
  const scales: number[] = [];
  for (let j = 0; j < d; j++) {
    const values = rows.map((r) => r[j]).filter((v): v is number => v !== null && v !== undefined);
    const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
    const variance = values.length ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length : 0;
    means.push(mean);
    scales.push(variance > 1e-12 ? Math.sqrt(variance) : 1);
  }
  const x = rows.map((r) => standardise(r, means, scales));
  // Newton–Raphson on the penalised log-likelihood; parameter 0 is the (unpenalised) bias.
  const beta = new Array<number>(d + 1).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < x.length; i++) {
      const xi = [1, ...x[i]!];
      const p = sigmoid(dot(beta, xi));
      const w = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a <= d; a++) {
        grad[a]! += (labels[i]! - p) * xi[a]!;
        for (let b = 0; b <= d; b++) hess[a]![b]! += w * xi[a]! * xi[b]!;
      }
    }
    for (let a = 1; a <= d; a++) {
      grad[a]! -= l2 * beta[a]!;
      hess[a]![a]! += l2;
    }
    const step = solve(hess, grad);
    let size = 0;
    for (let a = 0; a <= d; a++) {
      beta[a]! += step[a]!;
      size = Math.max(size, Math.abs(step[a]!));
    }
    if (size < 1e-8) break;
  }
  return { signals: [...signals], means, scales, weights: beta.slice(1), bias: beta[0]!, l2 };
}

/** The fused logit of one row of feature values (same order as `model.signals`). */
export function fusedLogit(model: LogisticFusionModel, row: ReadonlyArray<number | null>): number {
  return model.bias + dot(model.weights, standardise(row, model.means, model.scales));
}

function standardise(
  row: ReadonlyArray<number | null>,
  means: readonly number[],
  scales: readonly number[],
): number[] {
  return means.map((m, j) => {
    const v = row[j];
    return v === null || v === undefined ? 0 : (v - m) / scales[j]!;
  });
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Solves A·x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (Math.abs(p) < 1e-15) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / p;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-15 ? 0 : row[n]! / row[i]!));
}
