// `callsentinel eval`: scores every usable crop of the face-crop cache with one registered
// scorer, aggregates each item's frames exactly as the signal aggregates a track, and measures
// the held-out item-level (video-level) results with the one metrics module: AUC with a
// bootstrap CI, EER, the verdicts' false-alarm and miss rates under calibration fitted on the
// training folds only, the share of items that could not be verified, and AUC per method.

import {
  BEAUTY_LEVELS,
  beautyAtCropScale,
  beautyFilter,
  type BeautyFilterOptions,
  type BeautyLevel,
} from './beauty-filter.ts';
import { cropZoom } from '../face/alignment.ts';
import { writeCalibrationFile } from './calibration-file.ts';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CallSentinelError } from '../core/errors.ts';
import { messageRef } from '../core/messages.ts';
import { sha256File } from '../core/hash.ts';
import { DEFAULT_FALSE_ALARM_TARGETS, sigmoid, type FalseAlarmTargets } from '../fusion/calibration.ts';
import type { ModelStore } from '../runtime/index.ts';
import { AGGREGATION_METHOD } from '../signals/common/aggregate.ts';
import { DEFAULT_FACE_SWAP_CONFIG } from '../signals/face-swap/config.ts';
import { isUsableSample, readCropCache } from './crop-cache.ts';
import { samplesByItem, scoredItemOf, scoreItemCrops } from './score-crops.ts';
import type { ItemRecord } from './dataset/types.ts';
import {
  equalErrorRate,
  perGroupAuc,
  rocAuc,
  rocCurve,
  verdictRates,
  verdictSummary,
  type BootstrapOptions,
  type EvalVerdict,
  type GroupAuc,
  type Label,
  type RocPoint,
  type VerdictSummary,
} from './metrics.ts';
import {
  crossFoldVerdicts,
  fitOnItems,
  judge,
  verificationRule,
  type FoldFit,
  type NotVerifiedCause,
  type ScoredItem,
} from './protocol.ts';
import type { ScorerDefinition, ScorerModel } from './scorers/index.ts';
import { pairedRegionComparison, type PairedRegionComparison } from './paired-regions.ts';
import { verdictsAfterFaceTime, type FaceTimeItem, type FaceTimeRow } from './face-time.ts';

export const EVAL_REPORT_SCHEMA_VERSION = 3; // 3: adds afterFaceTime

/** The trainer's record of which fold scored each crop out of fold ({id, itemId, fold, score}). */
export const OOF_SCORES_FILE = 'oof-scores.jsonl';

export interface EvalOptions {
  cacheDir: string;
  scorer: ScorerDefinition;
  models: ModelStore;
  /** Per-fold models and the trainer's oof-scores.jsonl (face-swap). */
  foldModelsDir: string;
  /** Use the cache's folds even when the trainer left no record of its own to check them against. */
  foldsFromCache: boolean;
  allowInSample: boolean;
  /** Aggregation and minimum frames: the signal's (default: face-swap's defaults). */
  trimFraction?: number;
  minScoredFrames?: number;
  targets?: FalseAlarmTargets;
  bootstrap?: BootstrapOptions;
  /** The data folder the cache was built from, recorded when given. */
  dataDir?: string | null;
  onProgress?: (done: number, total: number) => void;
}

export interface ItemResult {
  itemId: string;
  file: string;
  region: string;
  kind: string;
  label: Label;
  method: string | null;
  fold: number;
  framesScored: number;
  rawScore: number | null;
  probability: number | null;
  verdict: EvalVerdict;
  notVerifiedCause: NotVerifiedCause | null;
}

export interface SummaryMetrics extends VerdictSummary {
  /** On the same verified items as the AUC. */
  eer: number;
}

export interface EvalReport {
  schemaVersion: number;
  scorer: { name: string; description: string };
  /** True when a model scored items it was trained on: the numbers are then in-sample. */
  inSample: boolean;
  dataset: {
    cacheDir: string;
    itemsSha256: string;
    samplesSha256: string;
    dataManifestSha256: string | null;
    folds: number;
    foldSource: string;
    /** Labelled video items evaluated; still images and unlabelled items are left out. */
    items: { genuine: number; swap: number; stillsSkipped: number; unlabelledSkipped: number };
    cropsScored: number;
    cropsUnusable: number;
  };
  models: ScorerModel[];
  protocol: {
    level: 'item (video)';
    aggregation: { method: typeof AGGREGATION_METHOD; trimFraction: number };
    minScoredFrames: number;
    minJudgeableFacePx: number;
    minUsableFaceSec: number;
    falseAlarmTargets: FalseAlarmTargets;
    calibration: string;
    bootstrap: { resamples: number; seed: number; level: number };
  };
  overall: SummaryMetrics;
  perMethod: GroupAuc[];
  /** Side-by-side and panel clips: does the swapped region score above its genuine twin? */
  pairedRegions: PairedRegionComparison | null;
  perFold: Array<{
    fold: number;
    auc: number;
    platt: { slope: number; intercept: number; slopeClamped: boolean };
    suspiciousThreshold: number;
    likelyFakeThreshold: number;
    train: { genuine: number; swap: number };
    test: { genuine: number; swap: number };
  }>;
  speed: { crops: number; scoringSec: number; cropsPerSec: number; cropsPerSecWithDecode: number };
  /**
   * The verified genuine items rescored with every crop through a phone-style beauty filter
   * (beauty-filter.ts) at each strength, judged by the same held-out fold fits: does beautifying
   * a genuine caller raise false alarms?
   */
  beautyFilter: BeautyFilterResult[];
  /**
   * Every item judged again on its first T seconds only, with T seconds of usable face required
   * (face-time.ts): how the verdict holds when a call has lasted only that long.
   */
  afterFaceTime: FaceTimeRow[];
  /** Our per-crop probabilities against the trainer's out-of-fold scores for the same crops. */
  trainerAgreement: { crops: number; maxAbsDiff: number; meanAbsDiff: number } | null;
  roc: { overall: RocPoint[]; perMethod: Record<string, RocPoint[]> };
  items: ItemResult[];
}

export interface BeautyFilterResult {
  level: BeautyLevel;
  setting: Required<BeautyFilterOptions>;
  /** Verified genuine items (as scored without the filter). */
  genuine: number;
  /** Their false-alarm rate without and with the filter (same items, same fold fits). */
  falseAlarmRate: number;
  falseAlarmRateFiltered: number;
  /** Mean change of their calibrated probability. */
  meanProbabilityShift: number;
}

interface OofRow {
  id: string;
  itemId: string;
  fold: number;
  score: number;
}

async function readOofScores(dir: string): Promise<OofRow[] | null> {
  const file = path.join(dir, OOF_SCORES_FILE);
  if (!existsSync(file)) return null;
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as OofRow);
}

/** Folds of the items: the cache's, checked against the trainer's record when one exists. */
function checkFolds(
  items: readonly ItemRecord[],
  oof: readonly OofRow[] | null,
  options: EvalOptions,
): string {
  if (oof === null) {
    if (!options.foldsFromCache)
      throw new CallSentinelError('E_USAGE', {
        detail: messageRef('usage.eval-oof-missing', {
          path: path.join(options.foldModelsDir, OOF_SCORES_FILE),
        }),
      });
    return 'cache folds.json';
  }
  const trainerFold = new Map<string, number>();
  for (const r of oof) trainerFold.set(r.itemId, r.fold);
  for (const item of items) {
    const f = trainerFold.get(item.itemId);
    if (f !== undefined && f !== item.fold)
      throw new CallSentinelError('E_USAGE', {
        detail: messageRef('usage.eval-fold-mismatch', {
          item: item.itemId,
          cacheFold: item.fold,
          trainerFold: f,
          file: OOF_SCORES_FILE,
        }),
      });
  }
  return `cache folds.json (agrees with the trainer's ${OOF_SCORES_FILE})`;
}

export async function runEvaluation(options: EvalOptions): Promise<EvalReport> {
  const trimFraction = options.trimFraction ?? DEFAULT_FACE_SWAP_CONFIG.trimFraction;
  const minScoredFrames = options.minScoredFrames ?? DEFAULT_FACE_SWAP_CONFIG.minScoredFrames;
  const targets = options.targets ?? DEFAULT_FALSE_ALARM_TARGETS;
  const bootstrap = { resamples: 2000, seed: 1, level: 0.95, ...options.bootstrap };
  const rule = verificationRule(minScoredFrames);

  const cache = await readCropCache(options.cacheDir);
  const isLabelled = (i: ItemRecord): i is ItemRecord & { label: Label } => i.label === 0 || i.label === 1;
  // Video level: a still image is one frame, which the signal never judges (insufficient-data).
  const labelled = cache.items.filter(
    (i): i is ItemRecord & { label: Label } => isLabelled(i) && i.durationSec > 0,
  );
  const stillsSkipped = cache.items.filter((i) => isLabelled(i) && !(i.durationSec > 0)).length;
  if (!labelled.some((i) => i.label === 0) || !labelled.some((i) => i.label === 1))
    throw new CallSentinelError('E_CACHE_MISSING', {
      path: options.cacheDir,
      detail: 'it needs both genuine and swap items',
    });
  const folds = [...new Set(labelled.map((i) => i.fold))].sort((a, b) => a - b);

  const byItem = samplesByItem(cache);
  const usableCrops = (items: readonly ItemRecord[]) =>
    items.reduce((n, i) => n + (byItem.get(i.itemId) ?? []).filter(isUsableSample).length, 0);
  const genuineItems = labelled.filter((i) => i.label === 0);
  const levels = Object.keys(BEAUTY_LEVELS) as BeautyLevel[];
  // Progress counts the genuine crops once as they are, then once per beauty-filter strength.
  const totalCrops = usableCrops(labelled) + levels.length * usableCrops(genuineItems);

  const scorer = await options.scorer.create({
    models: options.models,
    foldModelsDir: options.foldModelsDir,
    folds,
    allowInSample: options.allowInSample,
  });
  const usesFoldModels = options.scorer.calibrates !== undefined && !scorer.inSample;
  let oof: OofRow[] | null;
  let foldSource: string;
  try {
    oof = usesFoldModels ? await readOofScores(options.foldModelsDir) : null;
    foldSource = usesFoldModels ? checkFolds(labelled, oof, options) : 'cache folds.json';
  } catch (error) {
    await scorer.dispose();
    throw error;
  }
  const frameProbability = new Map<string, number>();
  const filtered = new Map<BeautyLevel, Map<string, number | null>>();
  const scored: ScoredItem[] = [];
  const timed: FaceTimeItem[] = [];
  let cropsScored = 0;
  let progressed = 0;
  let cropsUnusable = 0;
  let scoringMs = 0;
  const started = performance.now();
  try {
    for (const item of labelled) {
      const crops = await scoreItemCrops(cache, item, byItem.get(item.itemId) ?? [], scorer, () => {
        cropsScored++;
        options.onProgress?.(++progressed, totalCrops);
      });
      cropsUnusable += crops.unusable;
      scoringMs += crops.scoringMs;
      for (const c of crops.scored) frameProbability.set(c.sample.id, sigmoid(c.logit));
      const scoredItem = scoredItemOf(item, item.label, crops, trimFraction);
      scored.push(scoredItem);
      const logitOf = new Map(crops.scored.map((c) => [c.sample.id, c.logit]));
      timed.push({
        item: scoredItem,
        samples: (byItem.get(item.itemId) ?? []).map((s) => ({
          timeSec: s.timeSec,
          logit: logitOf.get(s.id) ?? null,
        })),
      });
    }
    for (const level of levels) {
      // The same smoothing of the face whichever crop the model sees (the context crop shows it at half scale).
      const look = beautyAtCropScale(BEAUTY_LEVELS[level], cropZoom(scorer.crop));
      const raw = new Map<string, number | null>();
      for (const item of genuineItems) {
        const crops = await scoreItemCrops(
          cache,
          item,
          byItem.get(item.itemId) ?? [],
          scorer,
          () => options.onProgress?.(++progressed, totalCrops),
          (image) => beautyFilter(image, look),
        );
        raw.set(item.itemId, scoredItemOf(item, 0, crops, trimFraction).rawScore);
      }
      filtered.set(level, raw);
    }
  } finally {
    await scorer.dispose();
  }
  const totalSec = (performance.now() - started) / 1000;

  const cross = crossFoldVerdicts(scored, rule, targets);
  const outcomes = new Map(cross.outcomes.map((o) => [o.itemId, o]));
  const items: ItemResult[] = labelled.map((item, k) => {
    const s = scored[k]!;
    const o = outcomes.get(item.itemId)!;
    return {
      itemId: item.itemId,
      file: item.file,
      region: item.region,
      kind: item.kind,
      label: item.label,
      method: item.method,
      fold: item.fold,
      framesScored: s.framesScored,
      rawScore: s.rawScore,
      probability: o.probability,
      verdict: o.verdict,
      notVerifiedCause: o.cause,
    };
  });
  const verified = items.filter((i) => i.probability !== null);
  // Ranking metrics on the items' raw (aggregated, out-of-fold) scores: calibration is monotone
  // within a fold, and a fold whose calibration came out flat must not erase its ranking.
  const vScores = verified.map((i) => i.rawScore!);
  const vLabels = verified.map((i) => i.label);
  const perMethodItems = verified.map((i) => ({
    score: i.rawScore!,
    label: i.label,
    group: i.method === null ? null : methodFamily(i.method),
  }));
  const perMethod = perGroupAuc(perMethodItems, bootstrap);
  const rocPerMethod: Record<string, RocPoint[]> = {};
  for (const g of perMethod) {
    const subset = perMethodItems.filter((i) => i.label === 0 || (i.group ?? 'unknown') === g.group);
    rocPerMethod[g.group] = rocCurve(
      subset.map((i) => i.score),
      subset.map((i) => i.label),
    );
  }

  return {
    schemaVersion: EVAL_REPORT_SCHEMA_VERSION,
    scorer: { name: options.scorer.name, description: options.scorer.description },
    inSample: scorer.inSample,
    dataset: {
      cacheDir: cache.dir,
      itemsSha256: cache.itemsSha256,
      samplesSha256: cache.samplesSha256,
      dataManifestSha256: options.dataDir
        ? await sha256OfFile(path.join(options.dataDir, 'MANIFEST.tsv'))
        : null,
      folds: folds.length,
      foldSource,
      items: {
        genuine: labelled.filter((i) => i.label === 0).length,
        swap: labelled.filter((i) => i.label === 1).length,
        stillsSkipped,
        unlabelledSkipped: cache.items.length - labelled.length - stillsSkipped,
      },
      cropsScored,
      cropsUnusable,
    },
    models: [...scorer.models],
    protocol: {
      level: 'item (video)',
      aggregation: { method: AGGREGATION_METHOD, trimFraction },
      minScoredFrames,
      minJudgeableFacePx: rule.minJudgeableFacePx,
      minUsableFaceSec: rule.minUsableFaceSec,
      falseAlarmTargets: targets,
      calibration:
        'for held-out fold k: Platt scaling and thresholds fitted on the verified items of the other folds, applied to fold k',
      bootstrap,
    },
    overall: {
      ...verdictSummary(items, vScores, vLabels, bootstrap),
      eer: equalErrorRate(vScores, vLabels).eer,
    },
    perMethod,
    pairedRegions: pairedRegionComparison(
      items.map((i) => ({ file: i.file, label: i.label, score: i.probability === null ? null : i.rawScore })),
    ),
    perFold: cross.folds.map((f: FoldFit) => {
      const test = verified.filter((i) => i.fold === f.fold);
      return {
        fold: f.fold,
        auc: rocAuc(
          test.map((i) => i.rawScore!),
          test.map((i) => i.label),
        ),
        platt: f.calibration.platt,
        suspiciousThreshold: f.suspiciousThreshold,
        likelyFakeThreshold: f.likelyFakeThreshold,
        train: f.train,
        test: {
          genuine: test.filter((i) => i.label === 0).length,
          swap: test.filter((i) => i.label === 1).length,
        },
      };
    }),
    speed: {
      crops: cropsScored,
      scoringSec: round(scoringMs / 1000, 3),
      cropsPerSec: round(cropsScored / Math.max(1e-9, scoringMs / 1000), 1),
      cropsPerSecWithDecode: round(cropsScored / Math.max(1e-9, totalSec), 1),
    },
    beautyFilter: [...filtered].map(([level, raw]) => beautyFilterResult(level, items, raw, cross.folds)),
    afterFaceTime: verdictsAfterFaceTime(timed, cross.folds, rule, trimFraction, bootstrap),
    trainerAgreement: oof ? agreement(oof, frameProbability) : null,
    roc: { overall: rocCurve(vScores, vLabels), perMethod: rocPerMethod },
    items,
  };
}

/**
 * The family a manifest method belongs to, for per-method AUC: its first word ("DeepFaceLive
 * (DeepFaceLab-trained DFM model, real-time)" → "DeepFaceLive"), so a family's variants pool.
 */
export function methodFamily(method: string): string {
  return method.trim().split(/[\s(]/)[0] || method;
}

/** The verified genuine items' verdicts with and without the beauty filter, under their fold's fit. */
function beautyFilterResult(
  level: BeautyLevel,
  items: readonly ItemResult[],
  filteredRaw: ReadonlyMap<string, number | null>,
  fits: readonly FoldFit[],
): BeautyFilterResult {
  const fitOf = new Map(fits.map((f) => [f.fold, f]));
  const genuine = items.filter((i) => i.label === 0 && i.probability !== null);
  // The filter changes pixels, not which crops are usable, so every item keeps a raw score.
  const after = genuine.map((i) => ({
    label: i.label,
    ...judge(fitOf.get(i.fold)!, filteredRaw.get(i.itemId) ?? i.rawScore!),
  }));
  const shift = after.reduce((sum, a, k) => sum + a.probability - genuine[k]!.probability!, 0);
  return {
    level,
    setting: { ...BEAUTY_LEVELS[level] },
    genuine: genuine.length,
    falseAlarmRate: verdictRates(genuine).falseAlarmRate,
    falseAlarmRateFiltered: verdictRates(after).falseAlarmRate,
    meanProbabilityShift: round(shift / Math.max(1, genuine.length), 4),
  };
}

function agreement(
  oof: readonly OofRow[],
  ours: ReadonlyMap<string, number>,
): EvalReport['trainerAgreement'] {
  let n = 0;
  let max = 0;
  let sum = 0;
  for (const r of oof) {
    const p = ours.get(r.id);
    if (p === undefined) continue;
    const d = Math.abs(p - r.score);
    n++;
    sum += d;
    max = Math.max(max, d);
  }
  return n === 0 ? null : { crops: n, maxAbsDiff: round(max, 6), meanAbsDiff: round(sum / n, 6) };
}

/**
 * The calibration the signal ships with: Platt scaling and operating points fitted on the
 * out-of-fold scores of ALL verified items (every fold's items scored by their own fold model).
 */
export function finalCalibration(
  report: EvalReport,
  targets: FalseAlarmTargets = DEFAULT_FALSE_ALARM_TARGETS,
) {
  const verified: ScoredItem[] = report.items
    .filter((i) => i.notVerifiedCause === null && i.rawScore !== null)
    .map((i) => ({
      itemId: i.itemId,
      label: i.label,
      fold: i.fold,
      method: i.method,
      isStill: false,
      usableFaceSec: Infinity,
      medianFaceSizePx: Infinity,
      framesScored: i.framesScored,
      rawScore: i.rawScore,
    }));
  return fitOnItems(verified, targets);
}

/**
 * Write the calibration the signal ships with (models/<model>.calibration.json, named in the
 * trained-model manifest), fitted by finalCalibration on out-of-fold scores only.
 */
export async function writeSignalCalibration(
  report: EvalReport,
  target: NonNullable<ScorerDefinition['calibrates']>,
  models: ModelStore,
  command: string,
): Promise<string> {
  if (report.inSample)
    throw new CallSentinelError('E_USAGE', {
      detail: messageRef('usage.calibration-in-sample'),
    });
  const fit = finalCalibration(report);
  const verified = report.items.filter((i) => i.notVerifiedCause === null);
  return writeCalibrationFile(target, models, fit, {
    trimFraction: report.protocol.aggregation.trimFraction,
    items: verified.length,
    genuine: verified.filter((i) => i.label === 0).length,
    swap: verified.filter((i) => i.label === 1).length,
    scoresFrom: 'out-of-fold',
    foldModels: report.models,
    datasetSha256: report.dataset.itemsSha256,
    command,
  });
}

async function sha256OfFile(file: string): Promise<string | null> {
  return existsSync(file) ? sha256File(file) : null;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
