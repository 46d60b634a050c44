// The one metrics module: every scorer is measured by these same pure functions, so numbers
// compare. Scores are "higher = more likely manipulated"; labels are 1 (manipulated) or 0
// (genuine); one score per item (the video-level score), never per frame.

export type Label = 0 | 1;

/**
 * Area under the ROC curve: the probability that a random manipulated item scores higher than a
 * random genuine one, ties counting one half (Mann–Whitney U with mid-ranks). NaN when a class
 * is empty.
 */
export function rocAuc(scores: readonly number[], labels: readonly Label[]): number {
  checkLengths(scores, labels);
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let nPos = 0;
  let rankSumPos = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!] === 1) {
        nPos++;
        rankSumPos += midRank;
      }
    }
    i = j + 1;
  }
  const nNeg = scores.length - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export interface RocPoint {
  /** False-alarm rate: genuine items at or above the threshold. */
  fpr: number;
  /** Detection rate: manipulated items at or above the threshold. */
  tpr: number;
  /** Score at which this point is reached (+Infinity for the first point). */
  threshold: number;
}

/** ROC curve from (0, 0) to (1, 1), one point per distinct score (ties move diagonally). */
export function rocCurve(scores: readonly number[], labels: readonly Label[]): RocPoint[] {
  checkLengths(scores, labels);
  const nPos = labels.reduce<number>((s, y) => s + y, 0);
  const nNeg = labels.length - nPos;
  if (nPos === 0 || nNeg === 0) return [];
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length;) {
    const threshold = scores[order[i]!]!;
    while (i < order.length && scores[order[i]!] === threshold) {
      if (labels[order[i]!] === 1) tp++;
      else fp++;
      i++;
    }
    points.push({ fpr: fp / nNeg, tpr: tp / nPos, threshold });
  }
  return points;
}

export interface EqualErrorRate {
  /** The rate at which false alarms and misses are equal (interpolated on the ROC curve). */
  eer: number;
  /** Score at the ROC point where the crossing happens. */
  threshold: number;
}

/** Equal error rate: where the false-alarm rate equals the miss rate (1 − tpr). */
export function equalErrorRate(scores: readonly number[], labels: readonly Label[]): EqualErrorRate {
  const roc = rocCurve(scores, labels);
  if (roc.length === 0) return { eer: Number.NaN, threshold: Number.NaN };
  for (let i = 1; i < roc.length; i++) {
    const p = roc[i]!;
    if (1 - p.tpr <= p.fpr) {
      const q = roc[i - 1]!;
      // Along the segment q → p both rates change linearly; find where they meet.
      const a0 = q.fpr;
      const b0 = 1 - q.tpr;
      const da = p.fpr - q.fpr;
      const db = 1 - p.tpr - b0;
      const t = da - db === 0 ? 0 : (b0 - a0) / (da - db);
      return { eer: a0 + t * da, threshold: p.threshold };
    }
  }
  return { eer: 1, threshold: -Infinity };
}

/** Deterministic uniform [0, 1) generator (mulberry32), so confidence intervals reproduce. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ConfidenceInterval {
  low: number;
  high: number;
  /** Resamples that held both classes (the others are drawn again). */
  resamples: number;
  level: number;
}

export interface BootstrapOptions {
  resamples?: number;
  seed?: number;
  /** Coverage, e.g. 0.95. */
  level?: number;
}

export const DEFAULT_BOOTSTRAP: Readonly<Required<BootstrapOptions>> = Object.freeze({
  resamples: 2000,
  seed: 1,
  level: 0.95,
});

/**
 * Percentile bootstrap interval of the AUC: items are resampled with replacement (one score per
 * item, so clips of one video never count as independent); resamples with one class only are
 * drawn again.
 */
export function bootstrapAucCi(
  scores: readonly number[],
  labels: readonly Label[],
  options: BootstrapOptions = {},
): ConfidenceInterval {
  checkLengths(scores, labels);
  return bootstrapInterval(labels, options, (pick) => rocAuc(pick(scores), pick(labels)));
}

/**
 * Paired percentile bootstrap of AUC(b) − AUC(a) for two scores of the SAME items (e.g. face-swap
 * alone and fused with another signal): both are recomputed on each resample, so the interval says
 * whether b ranks better than a beyond what resampling the items would give.
 */
export function bootstrapAucDifferenceCi(
  a: readonly number[],
  b: readonly number[],
  labels: readonly Label[],
  options: BootstrapOptions = {},
): ConfidenceInterval {
  checkLengths(a, labels);
  checkLengths(b, labels);
  return bootstrapInterval(labels, options, (pick) => {
    const y = pick(labels);
    return rocAuc(pick(b), y) - rocAuc(pick(a), y);
  });
}

/** Percentile bootstrap interval of the mean of per-item values (e.g. a paired loss difference). */
export function bootstrapMeanCi(
  values: readonly number[],
  labels: readonly Label[],
  options: BootstrapOptions = {},
): ConfidenceInterval {
  checkLengths(values, labels);
  return bootstrapInterval(labels, options, (pick) => {
    const v = pick(values);
    return v.reduce((a, b) => a + b, 0) / v.length;
  });
}

/** Items resampled with replacement; resamples with one class only are drawn again. */
function bootstrapInterval(
  labels: readonly Label[],
  options: BootstrapOptions,
  statistic: (pick: <T>(values: readonly T[]) => T[]) => number,
): ConfidenceInterval {
  const { resamples, seed, level } = { ...DEFAULT_BOOTSTRAP, ...options };
  const n = labels.length;
  const nPos = labels.reduce<number>((s, y) => s + y, 0);
  if (nPos === 0 || nPos === n) return { low: Number.NaN, high: Number.NaN, resamples: 0, level };
  const random = seededRandom(seed);
  const values: number[] = [];
  const index = new Array<number>(n);
  const pick = <T>(v: readonly T[]): T[] => index.map((k) => v[k]!);
  let attempts = 0;
  while (values.length < resamples && attempts < resamples * 100) {
    attempts++;
    let pos = 0;
    for (let i = 0; i < n; i++) {
      index[i] = Math.floor(random() * n);
      pos += labels[index[i]!]!;
    }
    if (pos === 0 || pos === n) continue;
    values.push(statistic(pick));
  }
  values.sort((p, q) => p - q);
  const tail = (1 - level) / 2;
  return {
    low: quantileSorted(values, tail),
    high: quantileSorted(values, 1 - tail),
    resamples: values.length,
    level,
  };
}

function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export type EvalVerdict = 'likely_real' | 'suspicious' | 'likely_fake' | 'not_verified';

export interface VerdictRates {
  genuine: number;
  swap: number;
  /** Verified genuine items called `suspicious` or `likely_fake`, over verified genuine items. */
  falseAlarmRate: number;
  /** Verified manipulated items called `likely_real`, over verified manipulated items. */
  missRate: number;
  /** Genuine items that got `not_verified`, over all genuine items. */
  notVerifiedGenuine: number;
  notVerifiedSwap: number;
}

/** Rates of the verdicts an evaluation gave, per true label. */
export function verdictRates(items: ReadonlyArray<{ label: Label; verdict: EvalVerdict }>): VerdictRates {
  let genuine = 0;
  let swap = 0;
  let nvGenuine = 0;
  let nvSwap = 0;
  let falseAlarms = 0;
  let misses = 0;
  for (const { label, verdict } of items) {
    if (label === 0) {
      genuine++;
      if (verdict === 'not_verified') nvGenuine++;
      else if (verdict !== 'likely_real') falseAlarms++;
    } else {
      swap++;
      if (verdict === 'not_verified') nvSwap++;
      else if (verdict === 'likely_real') misses++;
    }
  }
  return {
    genuine,
    swap,
    falseAlarmRate: ratio(falseAlarms, genuine - nvGenuine),
    missRate: ratio(misses, swap - nvSwap),
    notVerifiedGenuine: ratio(nvGenuine, genuine),
    notVerifiedSwap: ratio(nvSwap, swap),
  };
}

export interface VerdictSummary extends VerdictRates {
  /** Verified items the AUC is computed on. */
  verified: { genuine: number; swap: number };
  auc: number;
  ci: ConfidenceInterval;
}

/**
 * The verdict rates of all `items` with the ranking of the verified ones: `scores` and `labels`
 * are the verified items' (their raw scores; calibration is monotone within a fold).
 */
export function verdictSummary(
  items: ReadonlyArray<{ label: Label; verdict: EvalVerdict }>,
  scores: readonly number[],
  labels: readonly Label[],
  bootstrap: BootstrapOptions,
): VerdictSummary {
  return {
    ...verdictRates(items),
    verified: {
      genuine: labels.filter((y) => y === 0).length,
      swap: labels.filter((y) => y === 1).length,
    },
    auc: rocAuc(scores, labels),
    ci: bootstrapAucCi(scores, labels, bootstrap),
  };
}

export interface GroupAuc {
  group: string;
  /** Manipulated items of this group. */
  positives: number;
  /** Genuine items (all of them: every group is compared with every genuine item). */
  negatives: number;
  auc: number;
  ci: ConfidenceInterval;
}

/**
 * AUC of each group's manipulated items (e.g. one generation method) against all genuine items,
 * so a method is judged by how it separates from real faces, not from other methods.
 */
export function perGroupAuc(
  items: ReadonlyArray<{ score: number; label: Label; group: string | null }>,
  options: BootstrapOptions = {},
  /** Below this many positives a group gets no interval (resampling one or two items says nothing). */
  minPositivesForCi = 3,
): GroupAuc[] {
  const negatives = items.filter((i) => i.label === 0);
  const groups = new Map<string, number[]>();
  for (const i of items) {
    if (i.label !== 1) continue;
    const g = i.group ?? 'unknown';
    const list = groups.get(g) ?? [];
    list.push(i.score);
    groups.set(g, list);
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, pos]) => {
      const scores = [...pos, ...negatives.map((n) => n.score)];
      const labels: Label[] = [...pos.map((): Label => 1), ...negatives.map((): Label => 0)];
      return {
        group,
        positives: pos.length,
        negatives: negatives.length,
        auc: rocAuc(scores, labels),
        ci:
          pos.length >= minPositivesForCi
            ? bootstrapAucCi(scores, labels, options)
            : {
                low: Number.NaN,
                high: Number.NaN,
                resamples: 0,
                level: options.level ?? DEFAULT_BOOTSTRAP.level,
              },
      };
    });
}

function ratio(a: number, b: number): number {
  return b === 0 ? Number.NaN : a / b;
}

function checkLengths(scores: readonly number[], labels: readonly Label[]): void {
  if (scores.length !== labels.length) throw new Error('scores and labels differ in length');
}

/** A rate's confidence interval (e.g. APCER, the share of same-clip pairs). */
export interface RateInterval {
  low: number;
  high: number;
}

/** Wilson score interval for k successes in n trials (z = 1.96). NaNs for n = 0. */
export function wilsonInterval(k: number, n: number, z = 1.96): RateInterval {
  if (n === 0) return { low: Number.NaN, high: Number.NaN };
  const p = k / n;
  const d = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
