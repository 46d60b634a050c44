// `callsentinel eval --protocol presentation-attack` (the default of `--scorer presentation-attack`):
// how well a scorer tells live faces from presentation attacks, per attack type (print, replay),
// as APCER at BPCER 10 % and 5 % (ISO/IEC 30107-3 style, engine/eval/pad-metrics.ts).
//
// - Frame level, REAL attack media: every usable crop of the face-crop cache's genuine items (bona
//   fide) and of its print / replay items (attacks), each scored by the model of the fold it is
//   held out in (fold-<k>.onnx never saw its identity group).
// - Video level, held-back SIMULATED sequences (scripts/train/presentation-attack/make_sim_set.py):
//   genuine video sequences and the same sequences re-shown on a screen or a print, each scored by
//   its fold's model and aggregated exactly as the signal aggregates a track (trimmed mean logit).
//
// The thresholds are set on the bona fide scores of the same held-out set (the DET-curve point at
// that BPCER), not on training folds; with ~30 real attack crops the APCER intervals are wide.
// The bona fide frames are scored once more through the strong phone-style beauty filter
// (beauty-filter.ts): a beautified live caller must not look like a smooth printed photo.

import { writeCalibrationFile } from './calibration-file.ts';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256File } from '../core/hash.ts';
import type { CropKind, ModelStore } from '../runtime/index.ts';
import { CallSentinelError } from '../core/errors.ts';
import { AGGREGATION_METHOD } from '../signals/common/aggregate.ts';
import { isUsableSample, readCropCache, type CropCache } from './crop-cache.ts';
import { itemRawScore, samplesByItem, scoreItemCrops } from './score-crops.ts';
import type { ItemRecord } from './dataset/types.ts';
import type { RgbImage } from '../face/image-warp.ts';
import { rocAuc, type Label } from './metrics.ts';
import { BEAUTY_LEVELS, beautyAtCropScale, beautyFilter } from './beauty-filter.ts';
import { cropZoom } from '../face/alignment.ts';
import { apcerAtBpcer, bpcerAt, type ApcerAtBpcer } from './pad-metrics.ts';
import { fitOnItems, type ScoredItem } from './protocol.ts';
import type { Scorer, ScorerDefinition, ScorerModel } from './scorers/index.ts';

export const PAD_REPORT_SCHEMA_VERSION = 1;
/** Attack types reported separately (manifest categories). */
export const ATTACK_TYPES = ['print', 'replay'] as const;
export type AttackType = (typeof ATTACK_TYPES)[number];
/** BPCER targets of the report: 10 % (the issue's bar) and 5 % (its goal). */
export const BPCER_TARGETS: readonly number[] = [0.1, 0.05];

export interface PadEvalOptions {
  /** The engine's face-crop cache (real attack media and genuine crops). */
  cacheDir: string;
  /** The held-back simulated sequences (crop-cache format); null or missing: no video level. */
  simDir: string | null;
  scorer: ScorerDefinition;
  models: ModelStore;
  foldModelsDir: string;
  allowInSample: boolean;
  trimFraction: number;
  minScoredFrames: number;
  dataDir?: string | null;
  onProgress?: (done: number, total: number) => void;
}

export interface PadTypeResult {
  type: AttackType;
  items: number;
  /** Frames (frame level) or sequences (video level) of this type. */
  presentations: number;
  auc: number;
  points: ApcerAtBpcer[];
}

export interface PadLevelResult {
  bonaFide: { items: number; presentations: number };
  perType: PadTypeResult[];
}

export interface PadItemResult {
  itemId: string;
  file: string;
  category: string;
  fold: number;
  frames: number;
  /** Trimmed-mean logit of its frames (the signal's aggregation); null without a scored frame. */
  rawScore: number | null;
}

export interface PadEvalReport {
  schemaVersion: number;
  protocol: 'presentation-attack';
  scorer: { name: string; description: string };
  inSample: boolean;
  models: ScorerModel[];
  frameLevel: PadLevelResult & {
    dataset: {
      cacheDir: string;
      itemsSha256: string;
      samplesSha256: string;
      dataManifestSha256: string | null;
      cropsUnusable: { bonaFide: number; attack: number };
    };
    /** BPCER of the bona fide frames at each target's threshold, as they are and beautified (strong). */
    beautyFilter: {
      bonaFide: number;
      points: Array<{ bpcerTarget: number; bpcer: number; bpcerFiltered: number }>;
    };
  };
  videoLevel:
    | (PadLevelResult & {
        dataset: { dir: string; itemsSha256: string; samplesSha256: string };
        aggregation: { method: typeof AGGREGATION_METHOD; trimFraction: number };
        minScoredFrames: number;
      })
    | null;
  speed: { crops: number; scoringSec: number; cropsPerSec: number };
  items: { frameLevel: PadItemResult[]; videoLevel: PadItemResult[] };
}

const attackType = (category: string): AttackType | null =>
  (ATTACK_TYPES as readonly string[]).includes(category) ? (category as AttackType) : null;

interface ScoredSet {
  /** Per usable crop: its logit and whether it is bona fide or which attack. */
  frames: Array<{ logit: number; type: AttackType | null; itemId: string }>;
  items: PadItemResult[];
  unusable: { bonaFide: number; attack: number };
}

/** Items of a cache that the protocol uses: genuine (label 0) and print / replay. */
function padItems(cache: CropCache): ItemRecord[] {
  return cache.items.filter((i) => i.label === 0 || attackType(i.category) !== null);
}

async function scoreCache(
  cache: CropCache,
  scorer: Scorer,
  trimFraction: number,
  timing: { ms: number; crops: number },
  progress?: (n: number) => void,
  bonaFideOnlyLook?: (image: RgbImage) => RgbImage,
): Promise<ScoredSet> {
  const byItem = samplesByItem(cache);
  const out: ScoredSet = { frames: [], items: [], unusable: { bonaFide: 0, attack: 0 } };
  const items = padItems(cache).filter((i) => !bonaFideOnlyLook || i.label === 0);
  for (const item of items) {
    const type = attackType(item.category);
    const onCrop = () => {
      timing.crops++;
      progress?.(timing.crops);
    };
    const crops = await scoreItemCrops(
      cache,
      item,
      byItem.get(item.itemId) ?? [],
      scorer,
      onCrop,
      bonaFideOnlyLook,
    );
    timing.ms += crops.scoringMs;
    out.unusable[type === null ? 'bonaFide' : 'attack'] += crops.unusable;
    for (const { logit } of crops.scored) out.frames.push({ logit, type, itemId: item.itemId });
    out.items.push({
      itemId: item.itemId,
      file: item.file,
      category: item.category,
      fold: item.fold,
      frames: crops.scored.length,
      rawScore: itemRawScore(crops, trimFraction),
    });
  }
  return out;
}

/** APCER at each BPCER target, AUC, counts: one level, from bona fide and per-type scores. */
export function levelResult(
  units: ReadonlyArray<{ score: number; type: AttackType | null; itemId: string }>,
): PadLevelResult {
  const bona = units.filter((u) => u.type === null);
  const bonaScores = bona.map((u) => u.score);
  return {
    bonaFide: { items: new Set(bona.map((u) => u.itemId)).size, presentations: bona.length },
    perType: ATTACK_TYPES.map((type) => {
      const att = units.filter((u) => u.type === type);
      const attScores = att.map((u) => u.score);
      const labels: Label[] = [...bonaScores.map(() => 0 as const), ...attScores.map(() => 1 as const)];
      return {
        type,
        items: new Set(att.map((u) => u.itemId)).size,
        presentations: att.length,
        auc: rocAuc([...bonaScores, ...attScores], labels),
        points: BPCER_TARGETS.map((b) => apcerAtBpcer(bonaScores, attScores, b)),
      };
    }),
  };
}

/**
 * The simulated set must be made from the crop the scorer's model sees (make_sim_set.py --input
 * writes it into sim-set.json; a set without it was made from aligned crops).
 */
export function checkSimSetInput(simDir: string, wanted: CropKind): void {
  const file = path.join(simDir, 'sim-set.json');
  const made = existsSync(file)
    ? ((JSON.parse(readFileSync(file, 'utf8')) as { input?: CropKind }).input ?? 'aligned')
    : 'aligned';
  if (made !== wanted) throw new CallSentinelError('E_SIM_SET_MISMATCH', { path: simDir, made, wanted });
}

export async function runPadEvaluation(options: PadEvalOptions): Promise<PadEvalReport> {
  const cache = await readCropCache(options.cacheDir);
  const sim =
    options.simDir && existsSync(path.join(options.simDir, 'items.jsonl'))
      ? await readCropCache(options.simDir)
      : null;
  const folds = [...new Set([...padItems(cache), ...(sim ? padItems(sim) : [])].map((i) => i.fold))].sort(
    (a, b) => a - b,
  );
  const usable = (c: CropCache, keep: (i: ItemRecord) => boolean) => {
    const ids = new Set(
      padItems(c)
        .filter(keep)
        .map((i) => i.itemId),
    );
    return c.samples.filter((s) => isUsableSample(s) && ids.has(s.itemId)).length;
  };
  // Progress: every crop of both sets, plus the bona fide crops once more through the beauty filter.
  const total =
    usable(cache, () => true) + (sim ? usable(sim, () => true) : 0) + usable(cache, (i) => i.label === 0);
  const scorer = await options.scorer.create({
    models: options.models,
    foldModelsDir: options.foldModelsDir,
    folds,
    allowInSample: options.allowInSample,
  });
  const timing = { ms: 0, crops: 0 };
  const progress = options.onProgress ? (n: number) => options.onProgress!(n, total) : undefined;
  let frame: ScoredSet;
  let video: ScoredSet | null = null;
  let beautified: ScoredSet;
  try {
    if (sim) checkSimSetInput(options.simDir!, scorer.crop);
    frame = await scoreCache(cache, scorer, options.trimFraction, timing, progress);
    if (sim) video = await scoreCache(sim, scorer, options.trimFraction, timing, progress);
    // The same smoothing of the face whichever crop the model sees (the context crop shows it at half scale).
    const strong = beautyAtCropScale(BEAUTY_LEVELS.strong, cropZoom(scorer.crop));
    beautified = await scoreCache(cache, scorer, options.trimFraction, timing, progress, (image) =>
      beautyFilter(image, strong),
    );
  } finally {
    await scorer.dispose();
  }
  const frameLevel = levelResult(
    frame.frames.map((f) => ({ score: f.logit, type: f.type, itemId: f.itemId })),
  );
  const bonaFideFiltered = beautified.frames.map((f) => f.logit);
  const videoUnits = (video?.items ?? [])
    .filter((i) => i.rawScore !== null && i.frames >= options.minScoredFrames)
    .map((i) => ({ score: i.rawScore!, type: attackType(i.category), itemId: i.itemId }));
  return {
    schemaVersion: PAD_REPORT_SCHEMA_VERSION,
    protocol: 'presentation-attack',
    scorer: { name: options.scorer.name, description: options.scorer.description },
    inSample: scorer.inSample,
    models: [...scorer.models],
    frameLevel: {
      ...frameLevel,
      dataset: {
        cacheDir: cache.dir,
        itemsSha256: cache.itemsSha256,
        samplesSha256: cache.samplesSha256,
        dataManifestSha256:
          options.dataDir && existsSync(path.join(options.dataDir, 'MANIFEST.tsv'))
            ? await sha256File(path.join(options.dataDir, 'MANIFEST.tsv'))
            : null,
        cropsUnusable: frame.unusable,
      },
      beautyFilter: {
        bonaFide: bonaFideFiltered.length,
        // The threshold of a BPCER target depends on the bona fide scores only: the same for every attack type.
        points: (frameLevel.perType[0]?.points ?? []).map((p) => ({
          bpcerTarget: p.bpcerTarget,
          bpcer: p.bpcer,
          bpcerFiltered: bpcerAt(bonaFideFiltered, p.threshold),
        })),
      },
    },
    videoLevel:
      sim && video
        ? {
            ...levelResult(videoUnits),
            dataset: { dir: sim.dir, itemsSha256: sim.itemsSha256, samplesSha256: sim.samplesSha256 },
            aggregation: { method: AGGREGATION_METHOD, trimFraction: options.trimFraction },
            minScoredFrames: options.minScoredFrames,
          }
        : null,
    speed: {
      crops: timing.crops,
      scoringSec: Math.round(timing.ms) / 1000,
      cropsPerSec: Math.round((timing.crops / Math.max(1e-9, timing.ms / 1000)) * 10) / 10,
    },
    items: { frameLevel: frame.items, videoLevel: video?.items ?? [] },
  };
}

/**
 * The calibration the signal ships with: Platt scaling and operating points fitted on the
 * out-of-fold video-level scores of the held-back simulated sequences (label 1 = attack), the
 * signal's own unit (a track's trimmed-mean logit). Refused for in-sample scores.
 */
export async function writePadCalibration(
  report: PadEvalReport,
  target: NonNullable<ScorerDefinition['calibrates']>,
  models: ModelStore,
  command: string,
): Promise<string> {
  if (report.inSample) throw new Error('refusing to fit a calibration on in-sample scores');
  if (!report.videoLevel) throw new Error('no simulated sequences (--sim): nothing to calibrate on');
  const scored: ScoredItem[] = report.items.videoLevel
    .filter((i) => i.rawScore !== null && i.frames >= report.videoLevel!.minScoredFrames)
    .map((i) => ({
      itemId: i.itemId,
      label: i.category === 'genuine' ? 0 : 1,
      fold: i.fold,
      method: null,
      isStill: false,
      usableFaceSec: Infinity,
      medianFaceSizePx: Infinity,
      framesScored: i.frames,
      rawScore: i.rawScore,
    }));
  const fit = fitOnItems(scored);
  return writeCalibrationFile(target, models, fit, {
    trimFraction: report.videoLevel.aggregation.trimFraction,
    items: scored.length,
    genuine: fit.train.genuine,
    swap: fit.train.swap,
    scoresFrom: 'out-of-fold video level on the held-back simulated sequences',
    foldModels: report.models,
    datasetSha256: report.videoLevel.dataset.itemsSha256,
    command,
  });
}

export async function writePadReport(report: PadEvalReport, outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, `pad-${report.scorer.name}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

/** The report as a table: one row per level and attack type; numbers, not prose. */
export function formatPadReport(r: PadEvalReport): string {
  const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : 'n/a');
  const rows: string[] = [
    `scorer ${r.scorer.name} — ${r.scorer.description}${r.inSample ? ' (IN-SAMPLE: a model scored media it trained on)' : ''}`,
    `models ${r.models.map((m) => `${m.name} ${m.sha256.slice(0, 12)}`).join(', ') || '—'}`,
    `frame level: ${r.frameLevel.dataset.cacheDir} items ${r.frameLevel.dataset.itemsSha256.slice(0, 16)}; video level: ${r.videoLevel ? `${r.videoLevel.dataset.dir} items ${r.videoLevel.dataset.itemsSha256.slice(0, 16)}` : '—'}`,
    '',
    '| level | attack | bona fide (items) | attacks (items) | AUC | APCER @ BPCER 10 % [95 % CI] | APCER @ BPCER 5 % [95 % CI] |',
    '|---|---|---|---|---|---|---|',
  ];
  const levels: Array<[string, PadLevelResult | null]> = [
    ['frame (real media)', r.frameLevel],
    ['video (simulated)', r.videoLevel],
  ];
  for (const [name, level] of levels) {
    if (!level) continue;
    for (const t of level.perType) {
      const cell = (p: ApcerAtBpcer | undefined) =>
        p ? `${pct(p.apcer)} (${p.missed}/${p.attacks}) [${pct(p.ci.low)}, ${pct(p.ci.high)}]` : 'n/a';
      rows.push(
        `| ${name} | ${t.type} | ${level.bonaFide.presentations} (${level.bonaFide.items}) | ${t.presentations} (${t.items}) | ${Number.isFinite(t.auc) ? t.auc.toFixed(3) : 'n/a'} | ${cell(t.points.find((p) => p.bpcerTarget === 0.1))} | ${cell(t.points.find((p) => p.bpcerTarget === 0.05))} |`,
      );
    }
  }
  const b = r.frameLevel.beautyFilter;
  rows.push(
    '',
    `strong beauty filter on the ${b.bonaFide} bona fide frames (frame level): ` +
      b.points.map((p) => `BPCER ${pct(p.bpcer)} → ${pct(p.bpcerFiltered)}`).join(', '),
  );
  rows.push('', `speed ${r.speed.crops} crops, ${r.speed.cropsPerSec} crops/s (model only)`);
  return `${rows.join('\n')}\n`;
}
