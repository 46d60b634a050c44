// Turning a detector's raw track score into a probability, and choosing the verdict thresholds,
// from labelled items. One module, used both where the parameters are fitted (`callsentinel
// eval`, on training folds only) and where they are applied (the signals, through the committed
// models/<model>.calibration.json).
//
// Platt scaling: J. Platt, "Probabilistic outputs for support vector machines and comparisons to
// regularized likelihood methods", 1999; fitted by Newton's method with the target smoothing and
// line search of H.-T. Lin, C.-J. Lin, R. C. Weng, "A note on Platt's probabilistic outputs for
// support vector machines", Machine Learning 68, 2007.

import { readFile } from 'node:fs/promises';
import { CallSentinelError } from '../core/errors.ts';
import { messageRef, type MessageKey, type MessageParams } from '../core/messages.ts';
import type { OperatingPoint } from '../signals/types.ts';

/** p = sigmoid(slope · rawScore + intercept). */
export interface PlattParameters {
  slope: number;
  intercept: number;
}

/** False-alarm rates (on the training folds' genuine items) the verdict thresholds are set for. */
export interface FalseAlarmTargets {
  /** At most this share of genuine items is called `suspicious` or worse. */
  suspicious: number;
  /** At most this share of genuine items is called `likely_fake`. */
  likelyFake: number;
}

export const DEFAULT_FALSE_ALARM_TARGETS: Readonly<FalseAlarmTargets> = Object.freeze({
  suspicious: 0.05,
  likelyFake: 0.01,
});

/** The false-alarm rates a calibration records operating points for (profiles choose among them). */
export const OPERATING_POINT_RATES: readonly number[] = Object.freeze([0.01, 0.02, 0.05, 0.1, 0.2]);

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Probabilities are clamped to [EPS, 1 − EPS] before the logit, so a saturated output stays finite. */
const LOGIT_EPS = 1e-6;

export function logit(p: number): number {
  const q = Math.min(1 - LOGIT_EPS, Math.max(LOGIT_EPS, p));
  return Math.log(q / (1 - q));
}

export function plattProbability(params: PlattParameters, rawScore: number): number {
  return sigmoid(params.slope * rawScore + params.intercept);
}

export interface PlattFit extends PlattParameters {
  /** True when the data ran against the detector (slope < 0) and the slope was set to 0. */
  slopeClamped: boolean;
}

/**
 * Fit Platt scaling to raw scores with labels (1 = manipulated). The slope is kept ≥ 0, so a
 * higher raw score never means a lower probability; a detector that runs backwards on the
 * training items gets slope 0 (every item the same probability) rather than a flipped sign.
 */
export function fitPlatt(scores: readonly number[], labels: readonly (0 | 1)[]): PlattFit {
  if (scores.length !== labels.length) throw new Error('fitPlatt: scores and labels differ in length');
  let nPos = 0;
  for (const y of labels) nPos += y;
  const nNeg = labels.length - nPos;
  if (nPos === 0 || nNeg === 0) throw new Error('fitPlatt needs both genuine and manipulated items');
  // Platt's smoothed targets keep the fit finite on separable data.
  const hi = (nPos + 1) / (nPos + 2);
  const lo = 1 / (nNeg + 2);
  const t = labels.map((y) => (y ? hi : lo));
  const objective = (a: number, b: number): number => {
    let f = 0;
    for (let i = 0; i < scores.length; i++) {
      const x = a * scores[i]! + b;
      // −[t log σ(x) + (1 − t) log(1 − σ(x))], computed without overflow.
      f += x >= 0 ? (1 - t[i]!) * x + Math.log1p(Math.exp(-x)) : -t[i]! * x + Math.log1p(Math.exp(x));
    }
    return f;
  };
  let a = 0;
  let b = Math.log((nPos + 1) / (nNeg + 1));
  let f = objective(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let g1 = 0;
    let g2 = 0;
    let h11 = 1e-12;
    let h22 = 1e-12;
    let h21 = 0;
    for (let i = 0; i < scores.length; i++) {
      const z = scores[i]!;
      const p = sigmoid(a * z + b);
      const d = p - t[i]!;
      const w = p * (1 - p);
      g1 += d * z;
      g2 += d;
      h11 += w * z * z;
      h22 += w;
      h21 += w * z;
    }
    if (Math.abs(g1) < 1e-9 && Math.abs(g2) < 1e-9) break;
    const det = h11 * h22 - h21 * h21;
    const da = -(h22 * g1 - h21 * g2) / det;
    const db = -(-h21 * g1 + h11 * g2) / det;
    const slopeOfLine = g1 * da + g2 * db;
    let step = 1;
    let improved = false;
    while (step >= 1e-10) {
      const na = a + step * da;
      const nb = b + step * db;
      const nf = objective(na, nb);
      if (nf < f + 1e-4 * step * slopeOfLine) {
        a = na;
        b = nb;
        f = nf;
        improved = true;
        break;
      }
      step /= 2;
    }
    if (!improved) break;
  }
  if (a >= 0) return { slope: a, intercept: b, slopeClamped: false };
  const meanTarget = t.reduce((s, v) => s + v, 0) / t.length;
  return { slope: 0, intercept: logit(meanTarget), slopeClamped: true };
}

/**
 * The lowest threshold whose false-alarm rate on `genuine` is at most `maxRate`: a score
 * ≥ threshold raises an alarm. It sits halfway between the highest genuine score that must stay
 * below it and the next higher score of any training item (or halfway to 1 when there is none),
 * so held-out items are not decided by which side of a training score they fall on.
 */
export function falseAlarmThreshold(
  genuine: readonly number[],
  all: readonly number[],
  maxRate: number,
): number {
  if (genuine.length === 0) throw new Error('falseAlarmThreshold needs genuine items');
  const sorted = [...genuine].sort((x, y) => y - x);
  const allowed = Math.floor(maxRate * sorted.length + 1e-9);
  if (allowed >= sorted.length) return -Infinity;
  const bound = sorted[allowed]!;
  let next = Infinity;
  for (const s of all) if (s > bound && s < next) next = s;
  return next === Infinity ? bound + (1 - bound) / 2 : bound + (next - bound) / 2;
}

/** Operating points from calibrated training-item scores, one per rate. */
export function fitOperatingPoints(
  genuine: readonly number[],
  all: readonly number[],
  rates: readonly number[] = OPERATING_POINT_RATES,
): OperatingPoint[] {
  return rates.map((falseAlarmRate) => ({
    falseAlarmRate,
    threshold: falseAlarmThreshold(genuine, all, falseAlarmRate),
  }));
}

/**
 * The threshold for a target false-alarm rate: that of the operating point with the largest
 * rate not above the target (the strictest point when the target is below all of them).
 */
export function thresholdAt(points: readonly OperatingPoint[], targetRate: number): number {
  if (points.length === 0) throw new Error('thresholdAt needs operating points');
  const sorted = [...points].sort((a, b) => a.falseAlarmRate - b.falseAlarmRate);
  let chosen = sorted[0]!;
  for (const p of sorted) if (p.falseAlarmRate <= targetRate + 1e-12) chosen = p;
  return chosen.threshold;
}

export interface CalibrationItem {
  /** Aggregated raw score of the item (the signal's track aggregation). */
  score: number;
  label: 0 | 1;
}

export interface FittedCalibration {
  platt: PlattFit;
  operatingPoints: OperatingPoint[];
}

/** Platt parameters and operating points from labelled training items. */
export function fitCalibration(
  items: readonly CalibrationItem[],
  rates: readonly number[] = OPERATING_POINT_RATES,
): FittedCalibration {
  const platt = fitPlatt(
    items.map((i) => i.score),
    items.map((i) => i.label),
  );
  const probs = items.map((i) => plattProbability(platt, i.score));
  const genuine = probs.filter((_, k) => items[k]!.label === 0);
  return { platt, operatingPoints: fitOperatingPoints(genuine, probs, rates) };
}

export const CALIBRATION_SCHEMA_VERSION = 1;

/** models/<model>.calibration.json: what a signal applies to its aggregated raw score. */
export interface SignalCalibration {
  schemaVersion: typeof CALIBRATION_SCHEMA_VERSION;
  signalId: string;
  /** The model whose scores were calibrated; a different file makes the calibration invalid. */
  model: { name: string; sha256: string };
  /** The track aggregation the raw scores came from (must match the signal's config). */
  aggregation: { method: 'trimmed-mean-logit'; trimFraction: number };
  platt: PlattParameters;
  /** Calibrated-score thresholds for false-alarm rates on the genuine items fitted on. */
  operatingPoints: OperatingPoint[];
  /** What the parameters were fitted on. */
  fit: {
    items: number;
    genuine: number;
    swap: number;
    /** Where the raw scores came from, e.g. out-of-fold models of folds 0..4. */
    scores: string;
    datasetSha256: string;
    slopeClamped: boolean;
    command: string;
  };
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Check a calibration document's shape; a reason string when it is not valid. */
export function parseSignalCalibration(text: string): SignalCalibration | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
  const c = json as Partial<SignalCalibration> | null;
  if (!c || typeof c !== 'object') return 'not an object';
  if (c.schemaVersion !== CALIBRATION_SCHEMA_VERSION) return `schemaVersion ${String(c.schemaVersion)}`;
  if (typeof c.signalId !== 'string') return 'signalId missing';
  if (!c.model || !/^[0-9a-f]{64}$/.test(String(c.model.sha256))) return 'model.sha256 missing';
  if (c.aggregation?.method !== 'trimmed-mean-logit' || !isFiniteNumber(c.aggregation.trimFraction))
    return 'aggregation missing';
  if (!isFiniteNumber(c.platt?.slope) || !isFiniteNumber(c.platt?.intercept) || c.platt.slope < 0)
    return 'platt parameters missing or slope < 0';
  const points = c.operatingPoints;
  if (
    !Array.isArray(points) ||
    points.length === 0 ||
    !points.every((p) => isFiniteNumber(p?.falseAlarmRate) && isFiniteNumber(p?.threshold))
  )
    return 'operatingPoints missing';
  return c as SignalCalibration;
}

export interface CalibrationExpectation {
  signalId: string;
  modelName: string;
  modelSha256: string;
  trimFraction: number;
}

type CalibrationDetailKey = Extract<MessageKey, `calibration.detail.${string}`>;

/** Read a signal's calibration and check that it belongs to this model and aggregation. */
export async function readSignalCalibration(
  path: string,
  expected: CalibrationExpectation,
): Promise<SignalCalibration> {
  // The detail is a catalogue text, so the message reads whole in the user's language.
  const fail = (key: CalibrationDetailKey, params: MessageParams = {}, cause?: unknown): never => {
    const detail = messageRef(key, params);
    throw new CallSentinelError('E_MODEL_CALIBRATION', { path, name: expected.modelName, detail }, { cause });
  };
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') fail('calibration.detail.missing', {}, error);
    fail('calibration.detail.unreadable', { reason: String(error) }, error);
  }
  const parsed = parseSignalCalibration(text);
  if (typeof parsed === 'string') return fail('calibration.detail.invalid', { reason: parsed });
  if (parsed.signalId !== expected.signalId)
    fail('calibration.detail.other-signal', { signal: parsed.signalId });
  if (parsed.model.sha256 !== expected.modelSha256)
    // 12 hex digits name a model file unambiguously here and fit on one line.
    fail('calibration.detail.other-model', {
      fitted: parsed.model.sha256.slice(0, 12),
      actual: expected.modelSha256.slice(0, 12),
    });
  if (Math.abs(parsed.aggregation.trimFraction - expected.trimFraction) > 1e-9)
    fail('calibration.detail.other-aggregation', {
      fitted: parsed.aggregation.trimFraction,
      actual: expected.trimFraction,
    });
  return parsed;
}
