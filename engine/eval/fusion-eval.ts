// `callsentinel eval --protocol fusion`: does adding the liveness and temporal signals to face-swap
// help, on held-out folds? Every video item of the crop cache (genuine, swap, talking head) gets
// face-swap's out-of-fold score (its fold model on the item's crops, as `eval` scores it) and the
// other signals' per-face numbers from the signal table (the real scan, engine/eval/signal-table).
// For each feature set — face-swap alone, face-swap plus one signal, face-swap plus all — and each
// held-out fold k, a logistic fusion and its verdict thresholds are fitted on the other folds'
// verified items only, then applied to fold k. Reported per task (swap, talking head vs genuine):
// AUC with a bootstrap CI, false alarms, misses, not_verified. A signal is kept when it helps.
// Per-task sets ask the same question of a different shape: face-swap alone for swaps OR a second
// fusion fitted on talking heads only, since some cues point opposite ways for the two tasks.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CallSentinelError } from '../core/errors.ts';
import {
  DEFAULT_FALSE_ALARM_TARGETS,
  falseAlarmThreshold,
  sigmoid,
  type FalseAlarmTargets,
} from '../fusion/calibration.ts';
import { FUSION_FEATURES, fusionValue } from '../fusion/fusion-features.ts';
import { fitLogisticFusion, fusedLogit, type LogisticFusionModel } from '../fusion/logistic-fusion.ts';
import type { ModelStore } from '../runtime/index.ts';

import { DEFAULT_FACE_SWAP_CONFIG } from '../signals/face-swap/config.ts';
import { isUsableSample, readCropCache } from './crop-cache.ts';
import type { MediaCategory } from './data-manifest.ts';
import {
  bootstrapAucCi,
  bootstrapAucDifferenceCi,
  bootstrapMeanCi,
  rocAuc,
  verdictRates,
  type ConfidenceInterval,
  type EvalVerdict,
  type Label,
} from './metrics.ts';
import { pairedRegionComparison, type PairedRegionComparison } from './paired-regions.ts';
import { notVerifiedCause, verificationRule, type NotVerifiedCause } from './protocol.ts';
import { samplesByItem, scoredItemOf, scoreItemCrops } from './score-crops.ts';
import type { ScorerDefinition } from './scorers/index.ts';
import {
  CROP_SCORED_SIGNAL,
  type SignalTable,
  type SignalTableItem,
} from './signal-table/build-signal-table.ts';

export const FUSION_REPORT_SCHEMA_VERSION = 3; // 3: pairedRegions

/** The manipulated categories fusion is asked to tell from genuine faces. */
export const FUSION_TASKS = ['swap', 'talking_head'] as const;
export type FusionTask = (typeof FUSION_TASKS)[number];

/**
 * When a signal is kept: with it, the held-out log-loss of the fused probability falls beyond
 * resampling noise (the paired bootstrap interval of the per-item improvement lies above 0), AUC
 * falls by no more than maxAucLoss on any task, and false alarms rise by no more than
 * maxFalseAlarmRise (one fused score serves every task, so a signal for talking heads may cost swaps
a little; not more than that). The loss, not an AUC gain, decides: with a few dozen manipulated items and a
 * detector near chance, a pure-noise signal re-ranks them enough to "gain" several hundredths of AUC.
 */
export interface KeepRule {
  ciLevel: number;
  maxAucLoss: number;
  maxFalseAlarmRise: number;
}
export const KEEP_RULE: Readonly<KeepRule> = Object.freeze({
  ciLevel: 0.95,
  maxAucLoss: 0.05,
  maxFalseAlarmRise: 0.02,
});

export interface FusionEvalOptions {
  cropCacheDir: string;
  table: SignalTable;
  /** The face-swap scorer (its fold models give the out-of-fold face-swap score). */
  faceSwapScorer: ScorerDefinition;
  foldModelsDir: string;
  models: ModelStore;
  targets?: FalseAlarmTargets;
  resamples?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface FusionItem {
  itemId: string;
  file: string;
  region: string;
  category: MediaCategory;
  label: Label;
  fold: number;
  cause: NotVerifiedCause | 'scan-failed' | null;
  /** FUSION_FEATURES order; null = the signal could not judge this face. */
  values: Array<number | null>;
}

export interface TaskMetrics {
  task: FusionTask;
  /** Verified items of the task and verified genuine items the AUC is computed on. */
  verified: { genuine: number; manipulated: number };
  auc: number;
  ci: ConfidenceInterval;
  missRate: number;
  notVerifiedManipulated: number;
}

export interface FeatureSetResult {
  /** e.g. `face-swap`, `face-swap + pulse`, `face-swap + all`, `per task: + pulse`. */
  name: string;
  /** The signals of the one fusion, or of a per-task set's swap fusion. */
  signals: string[];
  /**
   * A per-task set only: the signals of its second fusion, fitted on talking heads against genuine
   * faces (the first then sees swaps against genuine faces); an item's fused probability is the
   * larger of the two, so either may raise the verdict.
   */
  talkingHeadSignals?: string[];
  falseAlarmRate: number;
  notVerifiedGenuine: number;
  tasks: TaskMetrics[];
  /** The fusion(s) fitted on all verified items (what would ship), for reading the weights. */
  fittedOnAll: LogisticFusionModel[];
  /** Held-out fused logit per verified item id. */
  heldOut: Record<string, number>;
}

export interface SignalDecision {
  /** The added signal; for a per-task set, the set's name. */
  signalId: string;
  kept: boolean;
  /** Mean held-out log-loss improvement per verified item over face-swap alone, with its interval. */
  lossGain: { mean: number; ci: ConfidenceInterval };
  /** Per task: the AUC gain over face-swap alone and its paired bootstrap interval. */
  gains: Array<{ task: FusionTask; auc: number; ci: ConfidenceInterval }>;
  falseAlarmRise: number;
  why: string;
}

export interface FusionReport {
  schemaVersion: number;
  protocol: string;
  crops: { cacheDir: string; itemsSha256: string; foldModels: string[] };
  table: { dir: string; maxSeconds: number; signals: string[] };
  items: Record<string, { total: number; verified: number }>;
  features: typeof FUSION_FEATURES;
  /** Per signal: the share of verified items on which it could judge the face. */
  coverage: Record<string, number>;
  targets: FalseAlarmTargets;
  keepRule: KeepRule;
  sets: FeatureSetResult[];
  kept: string[];
  decisions: SignalDecision[];
  /** Each per-task set against face-swap alone, by the same rule (the live verdict has no per-task fusion yet). */
  perTaskDecisions: SignalDecision[];
  /** Per signal, its own number on the swapped and the genuine half of the same clips (paired-regions.ts). */
  pairedRegions: SignalPairs[];
}

export interface SignalPairs {
  signalId: string;
  /** Null when no clip has a verified genuine and a verified swap region this signal could judge. */
  comparison: PairedRegionComparison | null;
}

export async function runFusionEvaluation(options: FusionEvalOptions): Promise<FusionReport> {
  const targets = options.targets ?? DEFAULT_FALSE_ALARM_TARGETS;
  const cache = await readCropCache(options.cropCacheDir);
  const tableById = new Map(options.table.items.map((i) => [i.itemId, i]));
  const wanted = new Set<MediaCategory>(['genuine', ...FUSION_TASKS]);
  const cropItems = cache.items.filter(
    (i) => wanted.has(i.category) && i.durationSec > 0 && tableById.has(i.itemId),
  );
  if (!cropItems.some((i) => i.category === 'genuine') || !cropItems.some((i) => i.category !== 'genuine'))
    throw new CallSentinelError('E_CACHE_MISSING', {
      path: options.table.dir,
      detail: 'the signal table needs genuine and manipulated video items',
    });

  // Face-swap's out-of-fold score per item, exactly as `callsentinel eval` computes it.
  const folds = [...new Set(cropItems.map((i) => i.fold))].sort((a, b) => a - b);
  const scorer = await options.faceSwapScorer.create({
    models: options.models,
    foldModelsDir: options.foldModelsDir,
    folds,
    allowInSample: false,
  });
  const byItem = samplesByItem(cache);
  const rule = verificationRule(DEFAULT_FACE_SWAP_CONFIG.minScoredFrames);
  const total = cropItems.reduce((n, i) => n + (byItem.get(i.itemId) ?? []).filter(isUsableSample).length, 0);
  let done = 0;
  const items: FusionItem[] = [];
  try {
    for (const item of cropItems) {
      const crops = await scoreItemCrops(cache, item, byItem.get(item.itemId) ?? [], scorer, () =>
        options.onProgress?.(++done, total),
      );
      const label: Label = item.category === 'genuine' ? 0 : 1;
      const scored = scoredItemOf(item, label, crops, DEFAULT_FACE_SWAP_CONFIG.trimFraction);
      const row = tableById.get(item.itemId)!;
      const cause = notVerifiedCause(scored, rule);
      items.push({
        itemId: item.itemId,
        file: item.file,
        region: item.region,
        category: item.category,
        label,
        fold: item.fold,
        cause: cause ?? (row.error !== null ? 'scan-failed' : null),
        values: FUSION_FEATURES.map((f) =>
          f.signalId === CROP_SCORED_SIGNAL ? scored.rawScore : fusionValue(f, tableSignal(row, f.signalId)),
        ),
      });
    }
  } finally {
    await scorer.dispose();
  }

  const verified = items.filter((i) => i.cause === null);
  const others = FUSION_FEATURES.map((f) => f.signalId).filter((id) => id !== CROP_SCORED_SIGNAL);
  const setsToTry: string[][] = [
    [CROP_SCORED_SIGNAL],
    ...others.map((id) => [CROP_SCORED_SIGNAL, id]),
    [CROP_SCORED_SIGNAL, ...others],
  ];
  const perTaskToTry: string[][] = [
    ...others.map((id) => [CROP_SCORED_SIGNAL, id]),
    [CROP_SCORED_SIGNAL, ...others],
  ];
  const sets = [
    ...setsToTry.map((signals) => crossFoldFusion(signals, items, verified, targets, options.resamples)),
    ...perTaskToTry.map((talkingHead) =>
      crossFoldFusion([CROP_SCORED_SIGNAL], items, verified, targets, options.resamples, talkingHead),
    ),
  ];
  const decisions = signalDecisions(sets, items, options.resamples);
  const kept = decisions.filter((d) => d.kept).map((d) => d.signalId);
  const perTask = perTaskDecisions(sets, items, options.resamples);

  const counts: Record<string, { total: number; verified: number }> = {};
  for (const i of items) {
    const c = (counts[i.category] ??= { total: 0, verified: 0 });
    c.total++;
    if (i.cause === null) c.verified++;
  }
  return {
    schemaVersion: FUSION_REPORT_SCHEMA_VERSION,
    protocol:
      'grouped K-fold over identity groups; per held-out fold, logistic fusion (L2, standardised features, ' +
      'missing = training mean) and thresholds at the false-alarm targets fitted on the other folds; ' +
      'face-swap scored by its fold model; positives for fitting: swap and talking-head items',
    crops: {
      cacheDir: cache.dir,
      itemsSha256: cache.itemsSha256,
      foldModels: scorer.models.map((m) => `${m.file} ${m.sha256.slice(0, 16)}`),
    },
    table: {
      dir: options.table.dir,
      maxSeconds: options.table.settings.maxSeconds,
      signals: options.table.settings.signals,
    },
    items: counts,
    features: FUSION_FEATURES,
    coverage: Object.fromEntries(
      FUSION_FEATURES.map((f, j) => [
        f.signalId,
        round(verified.filter((i) => i.values[j] !== null).length / Math.max(1, verified.length), 3),
      ]),
    ),
    targets,
    keepRule: KEEP_RULE,
    sets,
    kept,
    decisions,
    perTaskDecisions: perTask,
    pairedRegions: pairedRegionsBySignal(verified),
  };
}

/**
 * Each signal's fusion number on the two halves of the same clips (verified genuine and swap
 * items): swap evidence with the clip's camera, light and codec held equal. A share far from 0.5
 * in either direction is evidence (each number's meaning, and so its suspicious direction, is in
 * engine/fusion/fusion-features.ts).
 */
export function pairedRegionsBySignal(items: readonly FusionItem[]): SignalPairs[] {
  const regions = items.filter(
    (i) => i.cause === null && (i.category === 'genuine' || i.category === 'swap'),
  );
  return FUSION_FEATURES.map((f, j) => ({
    signalId: f.signalId,
    comparison: pairedRegionComparison(
      regions.map((i) => ({ file: i.file, label: i.label, score: i.values[j] ?? null })),
    ),
  }));
}

function tableSignal(row: SignalTableItem, signalId: string) {
  return row.error === null ? row.signals[signalId] : undefined;
}

/** Cross-fold fusion of one feature set; every number comes from folds the fit did not see. */
export function crossFoldFusion(
  signals: readonly string[],
  items: readonly FusionItem[],
  verified: readonly FusionItem[],
  targets: FalseAlarmTargets,
  resamples: number | undefined,
  talkingHeadSignals?: readonly string[],
): FeatureSetResult {
  const folds = [...new Set(verified.map((i) => i.fold))].sort((a, b) => a - b);
  const heldOut = new Map<string, { logit: number; verdict: EvalVerdict }>();
  for (const fold of folds) {
    const train = verified.filter((i) => i.fold !== fold);
    const fitted = fitFeatureSet(signals, talkingHeadSignals, train);
    const trainProb = train.map((i) => sigmoid(fitted.logit(i)));
    const genuineProb = trainProb.filter((_, k) => train[k]!.label === 0);
    const suspicious = falseAlarmThreshold(genuineProb, trainProb, targets.suspicious);
    const likelyFake = Math.max(suspicious, falseAlarmThreshold(genuineProb, trainProb, targets.likelyFake));
    for (const i of verified.filter((x) => x.fold === fold)) {
      const logit = fitted.logit(i);
      const p = sigmoid(logit);
      heldOut.set(i.itemId, {
        logit,
        verdict: p >= likelyFake ? 'likely_fake' : p >= suspicious ? 'suspicious' : 'likely_real',
      });
    }
  }
  const verdictOf = (i: FusionItem): EvalVerdict => heldOut.get(i.itemId)?.verdict ?? 'not_verified';
  const genuine = items.filter((i) => i.category === 'genuine');
  const genuineRates = verdictRates(genuine.map((i) => ({ label: i.label, verdict: verdictOf(i) })));
  const tasks = FUSION_TASKS.map((task): TaskMetrics => {
    const fakes = items.filter((i) => i.category === task);
    const scored = [...genuine, ...fakes].filter((i) => heldOut.has(i.itemId));
    const scores = scored.map((i) => heldOut.get(i.itemId)!.logit);
    const labels = scored.map((i) => i.label);
    const rates = verdictRates(fakes.map((i) => ({ label: i.label, verdict: verdictOf(i) })));
    const hasBoth = labels.includes(0) && labels.includes(1);
    return {
      task,
      verified: {
        genuine: labels.filter((l) => l === 0).length,
        manipulated: labels.filter((l) => l === 1).length,
      },
      auc: hasBoth ? round(rocAuc(scores, labels), 4) : Number.NaN,
      ci: bootstrapAucCi(scores, labels, resamples === undefined ? {} : { resamples }),
      missRate: round(rates.missRate, 4),
      notVerifiedManipulated: round(rates.notVerifiedSwap, 4),
    };
  });
  return {
    name: featureSetName(signals, talkingHeadSignals),
    signals: [...signals],
    ...(talkingHeadSignals ? { talkingHeadSignals: [...talkingHeadSignals] } : {}),
    falseAlarmRate: round(genuineRates.falseAlarmRate, 4),
    notVerifiedGenuine: round(genuineRates.notVerifiedGenuine, 4),
    tasks,
    fittedOnAll: fitFeatureSet(signals, talkingHeadSignals, verified).models,
    heldOut: Object.fromEntries([...heldOut].map(([id, h]) => [id, round(h.logit, 5)])),
  };
}

function featureSetName(signals: readonly string[], talkingHead?: readonly string[]): string {
  const all = (ids: readonly string[]) => ids.length === FUSION_FEATURES.length;
  if (talkingHead) return `per task: + ${all(talkingHead) ? 'all' : talkingHead.slice(1).join(' + ')}`;
  return all(signals) ? `${signals[0]} + all` : signals.join(' + ');
}

/**
 * Fits a feature set on training items: one fusion of every manipulated item against genuine ones,
 * or, with `talkingHead`, a swap fusion (swaps vs genuine) and a talking-head fusion (talking heads
 * vs genuine) whose larger probability is the item's — the larger logit, as sigmoid is monotone.
 */
function fitFeatureSet(
  signals: readonly string[],
  talkingHead: readonly string[] | undefined,
  train: readonly FusionItem[],
): { models: LogisticFusionModel[]; logit: (item: FusionItem) => number } {
  const fit = (ids: readonly string[], on: readonly FusionItem[]) => {
    const columns = ids.map((id) => FUSION_FEATURES.findIndex((f) => f.signalId === id));
    const rowOf = (i: FusionItem) => columns.map((j) => i.values[j]!);
    const model = fitLogisticFusion(
      ids,
      on.map(rowOf),
      on.map((i) => i.label),
    );
    return { model, logit: (i: FusionItem) => fusedLogit(model, rowOf(i)) };
  };
  if (!talkingHead) {
    const one = fit(signals, train);
    return { models: [one.model], logit: one.logit };
  }
  const swap = fit(
    signals,
    train.filter((i) => i.category !== 'talking_head'),
  );
  const talking = fit(
    talkingHead,
    train.filter((i) => i.category !== 'swap'),
  );
  return {
    models: [swap.model, talking.model],
    logit: (i) => Math.max(swap.logit(i), talking.logit(i)),
  };
}

/** Each added signal against face-swap alone (the first set), judged by KEEP_RULE. */
export function signalDecisions(
  sets: readonly FeatureSetResult[],
  items: readonly FusionItem[],
  resamples?: number,
  rule: KeepRule = KEEP_RULE,
): SignalDecision[] {
  return sets
    .filter((set) => set.signals.length === 2 && !set.talkingHeadSignals)
    .map((set) => decide(sets[0]!, set, set.signals[1]!, items, resamples, rule));
}

/** Each per-task set against face-swap alone (the first set), by the same rule. */
export function perTaskDecisions(
  sets: readonly FeatureSetResult[],
  items: readonly FusionItem[],
  resamples?: number,
  rule: KeepRule = KEEP_RULE,
): SignalDecision[] {
  return sets
    .filter((set) => set.talkingHeadSignals)
    .map((set) => decide(sets[0]!, set, set.name, items, resamples, rule));
}

function decide(
  base: FeatureSetResult,
  set: FeatureSetResult,
  signalId: string,
  items: readonly FusionItem[],
  resamples: number | undefined,
  rule: KeepRule,
): SignalDecision {
  const bootstrap = { level: rule.ciLevel, ...(resamples === undefined ? {} : { resamples }) };
  const logLoss = (logit: number, label: Label) =>
    -Math.log(Math.max(sigmoid(label === 1 ? logit : -logit), 1e-12));
  const gains = FUSION_TASKS.map((task, k) => {
    const scored = items.filter(
      (i) =>
        (i.category === 'genuine' || i.category === task) &&
        i.itemId in set.heldOut &&
        i.itemId in base.heldOut,
    );
    const labels = scored.map((i) => i.label);
    const ci = bootstrapAucDifferenceCi(
      scored.map((i) => base.heldOut[i.itemId]!),
      scored.map((i) => set.heldOut[i.itemId]!),
      labels,
      bootstrap,
    );
    return { task, auc: round(set.tasks[k]!.auc - base.tasks[k]!.auc, 4), ci };
  });
  const both = items.filter((i) => i.itemId in set.heldOut && i.itemId in base.heldOut);
  const improvement = both.map(
    (i) => logLoss(base.heldOut[i.itemId]!, i.label) - logLoss(set.heldOut[i.itemId]!, i.label),
  );
  const lossCi = bootstrapMeanCi(
    improvement,
    both.map((i) => i.label),
    bootstrap,
  );
  const mean = improvement.reduce((a, b) => a + b, 0) / Math.max(1, both.length);
  const lossGain = { mean: round(mean, 5), ci: lossCi };
  const falseAlarmRise = round(set.falseAlarmRate - base.falseAlarmRate, 4);
  const helps = lossCi.low > 0;
  const hurts = gains.some((g) => g.auc < -rule.maxAucLoss) || falseAlarmRise > rule.maxFalseAlarmRise;
  const text = [
    `log-loss ${signed(-mean, 4)} [${signed(-lossCi.high, 4)}, ${signed(-lossCi.low, 4)}]`,
    ...gains.map((g) => `${g.task} AUC ${signed(g.auc)} [${signed(g.ci.low)}, ${signed(g.ci.high)}]`),
  ].join(', ');
  const kept = helps && !hurts;
  const reason = kept
    ? 'kept'
    : hurts
      ? 'left out (it costs another task or raises false alarms)'
      : 'left out (no held-out gain beyond resampling noise)';
  return {
    signalId,
    kept,
    lossGain,
    gains,
    falseAlarmRise,
    why: `${reason}: ${text}; false alarms ${signed(falseAlarmRise)}`,
  };
}

/** The report as a Markdown table (the README's "with and without" table comes from here). */
export function formatFusionReport(r: FusionReport): string {
  const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : '—');
  const auc = (t: TaskMetrics) =>
    Number.isFinite(t.auc) ? `${t.auc.toFixed(3)} [${t.ci.low.toFixed(2)}, ${t.ci.high.toFixed(2)}]` : '—';
  const lines = [
    `Held-out fusion (${Object.entries(r.items)
      .map(([c, n]) => `${c} ${n.verified}/${n.total} verified`)
      .join(', ')})`,
    '',
    '| signals | swap AUC [95 % CI] | swap missed | talking-head AUC [95 % CI] | talking-head missed | false alarms (genuine) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...r.sets.map((s) => {
      const [swap, th] = s.tasks as [TaskMetrics, TaskMetrics];
      return `| ${s.name} | ${auc(swap)} | ${pct(swap.missRate)} | ${auc(th)} | ${pct(th.missRate)} | ${pct(s.falseAlarmRate)} |`;
    }),
    '',
    `Coverage (verified items a signal could judge): ${Object.entries(r.coverage)
      .map(([id, c]) => `${id} ${pct(c)}`)
      .join(', ')}`,
    ...r.decisions.map((d) => `- ${d.signalId}: ${d.why}`),
    `Kept for the verdict: ${r.kept.length ? r.kept.join(', ') : 'none (face-swap alone)'}`,
    'Per task (face-swap for swaps OR a talking-head fusion; the live verdict has no per-task fusion yet):',
    ...r.perTaskDecisions.map((d) => `- ${d.signalId}: ${d.why.replace(/^kept/, 'passes the keep rule')}`),
    'Same clip, swapped half above its genuine half (0.5 = no evidence; either direction away from it is):',
    ...r.pairedRegions.map(({ signalId, comparison: c }) =>
      c
        ? `- ${signalId}: ${c.swapHigher} of ${c.pairs} (${c.share.toFixed(2)}, 95 % CI ${c.ci.low.toFixed(2)}–${c.ci.high.toFixed(2)}); genuine halves vs other genuine AUC ${c.twinsVsOtherGenuineAuc.toFixed(3)}`
        : `- ${signalId}: no pairs it could judge`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

export async function writeFusionReport(report: FusionReport, outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, 'eval-fusion.json');
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

function signed(v: number, digits = 3): string {
  return `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`;
}

function round(v: number, digits: number): number {
  if (!Number.isFinite(v)) return v;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
