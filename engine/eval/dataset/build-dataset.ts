// Builds the face-crop cache from the shared face media: plans every manifest row into items by
// its layout, assigns grouped folds, analyses each file whose items are not cached yet, and
// rewrites the index files (items.jsonl, samples.jsonl, folds.json, build.json) from all parts.

import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CallSentinelError, isCallSentinelError } from '../../core/errors.ts';
import { messageRef } from '../../core/messages.ts';
import { sha256File } from '../../core/hash.ts';
import type { FaceConfig } from '../../face/index.ts';
import type { ModelStore } from '../../runtime/index.ts';
import { readManifest, type MediaCategory } from '../data-manifest.ts';
import { analyseFile, MIN_CROP_FACE_PX } from './analyse-file.ts';
import {
  cacheDir,
  itemIdFor,
  readValidPart,
  writeFileAtomic,
  writeItem,
  writeJsonLinesAtomic,
} from './cache-store.ts';
import { assignFolds, DEFAULT_FOLD_SEED, DEFAULT_FOLDS, type FoldUnit } from './folds.ts';
import { planRow, type RegionPlan, type RowPlan, type SkippedRegion } from './layouts.ts';
import {
  BUILDER_VERSION,
  CACHE_FORMAT_DIR,
  type FoldCounts,
  type FoldsFile,
  type ItemPart,
  type ItemRecord,
  type SampleRecord,
} from './types.ts';

export const DEFAULT_CATEGORIES: readonly MediaCategory[] = ['genuine', 'swap'];
export const DEFAULT_SAMPLE_FPS = 4;
export const DEFAULT_MAX_PER_ITEM = 48;

export interface BuildOptions {
  dataDir: string;
  /** The cache root; the cache itself is `<cacheRoot>/face-crops-v1`. */
  cacheRoot: string;
  models: ModelStore;
  categories?: readonly MediaCategory[];
  sampleFps?: number;
  maxPerItem?: number;
  folds?: number;
  seed?: number;
  /** Analyse only files whose name contains this (the index still lists every cached item). */
  only?: string;
  /**
   * Groups already in the cache's folds.json keep their fold; only new groups are assigned. For
   * extending a cache (new categories) without moving what fold models were trained on.
   */
  keepFolds?: boolean;
  faceConfig?: Partial<FaceConfig>;
  onProgress?: (event: BuildProgress) => void;
}

/** One event per file, after it was analysed, re-used from the cache, or failed. */
export interface BuildProgress {
  index: number;
  total: number;
  file: string;
  status: 'analysed' | 'cached' | 'failed';
  framesAnalyzed: number;
  /** Crops per region. */
  crops: Record<string, number>;
  seconds: number;
  reason?: string;
}

export interface CountRow {
  items: number;
  /** Items that yielded no crop (no face, or only faces under the minimum size). */
  itemsWithoutCrops: number;
  samples: number;
}

export interface BuildReport {
  cacheDir: string;
  dataDir: string;
  builderVersion: number;
  settings: {
    categories: MediaCategory[];
    sampleFps: number;
    maxPerItem: number;
    minFaceSizePx: number;
    folds: number;
    seed: number;
    only: string | null;
    keepFolds: boolean;
  };
  files: { planned: number; processed: number; analysed: number; cached: number; failed: number };
  items: number;
  samples: number;
  byCategory: Record<string, CountRow>;
  byLabel: Record<string, CountRow>;
  byFold: Array<FoldCounts & { samples: number; groups: number }>;
  /** Regions or whole files left out by layout, and files that failed to read. */
  skipped: SkippedRegion[];
  /** Items of the manifest that have no valid part (not built yet, or their file failed). */
  missingItems: number;
  wallSec: number;
}

interface PlannedItem {
  plan: RowPlan;
  region: RegionPlan;
  itemId: string;
  sha256: string;
  analysisKey: string;
}

export async function buildDataset(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const categories = [...(options.categories ?? DEFAULT_CATEGORIES)];
  const settings = {
    categories,
    sampleFps: options.sampleFps ?? DEFAULT_SAMPLE_FPS,
    maxPerItem: options.maxPerItem ?? DEFAULT_MAX_PER_ITEM,
    minFaceSizePx: MIN_CROP_FACE_PX,
    folds: options.folds ?? DEFAULT_FOLDS,
    seed: options.seed ?? DEFAULT_FOLD_SEED,
    only: options.only ?? null,
    keepFolds: options.keepFolds ?? false,
  };
  const dir = cacheDir(options.cacheRoot);
  await mkdir(path.join(dir, 'parts'), { recursive: true });

  const rows = await readManifest(options.dataDir);
  const wanted = new Set(categories);
  const plans = rows.map((row) => planRow(row, wanted));
  const inScope = plans.filter((p) => p.regions.length > 0 || wanted.has(p.row.category));
  const skipped: SkippedRegion[] = inScope.flatMap((p) => p.skipped);

  // Every file with items is hashed first: its items are named by the hash, and the manifest lists
  // some files twice (byte-identical, under two identity groups). A duplicate is built once, under
  // its first row, and the groups that share a file are linked so they land in one fold.
  const hashes = new Map<string, string>();
  const hashErrors = new Map<string, string>();
  const firstFileOf = new Map<string, RowPlan>();
  const duplicateOf = new Map<RowPlan, RowPlan>();
  for (const plan of plans.filter((p) => p.regions.length > 0)) {
    try {
      const sha256 = await sha256File(plan.row.path);
      hashes.set(plan.row.file, sha256);
      const first = firstFileOf.get(sha256);
      if (first) duplicateOf.set(plan, first);
      else firstFileOf.set(sha256, plan);
    } catch (error) {
      hashErrors.set(plan.row.file, errorText(error));
    }
  }
  for (const [dup, first] of duplicateOf) {
    skipped.push({
      file: dup.row.file,
      region: null,
      reason:
        `duplicate: the same bytes as ${first.row.file} (sha256 ${hashes.get(first.row.file)!.slice(0, 16)}), ` +
        `built once under that row; its identity group ${dup.row.identityGroup} shares the fold of ` +
        `${first.row.identityGroup}`,
    });
  }

  // Folds over every row in scope: planned items count, groups of skipped rows still get a fold.
  const units: FoldUnit[] = inScope
    .filter((p) => !duplicateOf.has(p))
    .flatMap((p) =>
      p.regions.length
        ? p.regions.map((r) => ({ identityGroup: p.row.identityGroup, label: r.label }))
        : [{ identityGroup: p.row.identityGroup, label: null, count: 0 }],
    );
  for (const dup of duplicateOf.keys())
    units.push({ identityGroup: dup.row.identityGroup, label: null, count: 0 });
  const links = [...duplicateOf].map(
    ([dup, first]) => [dup.row.identityGroup, first.row.identityGroup] as const,
  );
  const kept = settings.keepFolds ? await readKeptFolds(dir, settings.folds, settings.seed) : {};
  const folds = assignFolds(units, settings.folds, settings.seed, links, kept);

  const analysisKeyOf = (region: RegionPlan) =>
    JSON.stringify({
      sampleFps: settings.sampleFps,
      maxPerItem: settings.maxPerItem,
      minFaceSizePx: settings.minFaceSizePx,
      faceConfig: options.faceConfig ?? {},
      geometry: region.geometry,
    });

  const unique = plans.filter((p) => p.regions.length > 0 && !duplicateOf.has(p));
  const toProcess = unique.filter((p) => settings.only === null || p.row.file.includes(settings.only));
  const parts = new Map<string, ItemPart>();
  let analysed = 0;
  let cached = 0;
  let failed = 0;

  const itemIdOf = (p: RowPlan, r: RegionPlan) => itemIdFor(hashes.get(p.row.file) ?? '', r.region);
  for (const [index, plan] of toProcess.entries()) {
    const t0 = performance.now();
    const event = (status: BuildProgress['status'], framesAnalyzed: number, reason?: string) =>
      options.onProgress?.({
        index: index + 1,
        total: toProcess.length,
        file: plan.row.file,
        status,
        framesAnalyzed,
        crops: Object.fromEntries(
          plan.regions.map((r) => [r.region, parts.get(itemIdOf(plan, r))?.analysis.samples.length ?? 0]),
        ),
        seconds: (performance.now() - t0) / 1000,
        ...(reason === undefined ? {} : { reason }),
      });
    try {
      const sha256 = hashes.get(plan.row.file);
      if (sha256 === undefined) throw new Error(hashErrors.get(plan.row.file) ?? 'not hashed');
      const items: PlannedItem[] = plan.regions.map((region) => ({
        plan,
        region,
        itemId: itemIdFor(sha256, region.region),
        sha256,
        analysisKey: analysisKeyOf(region),
      }));
      const stale: PlannedItem[] = [];
      for (const item of items) {
        const part = await readValidPart(dir, item.itemId, sha256, item.analysisKey);
        if (part) parts.set(item.itemId, part);
        else stale.push(item);
      }
      if (stale.length === 0) {
        cached++;
        event('cached', Math.max(...items.map((i) => parts.get(i.itemId)!.analysis.framesAnalyzed)));
        continue;
      }
      const results = await analyseFile(
        plan.row.path,
        stale.map((s) => s.region),
        {
          models: options.models,
          sampleFps: settings.sampleFps,
          maxPerItem: settings.maxPerItem,
          minFaceSizePx: settings.minFaceSizePx,
          faceConfig: options.faceConfig,
        },
      );
      for (const [i, result] of results.entries()) {
        const item = stale[i]!;
        const part = await writeItem(
          dir,
          {
            itemId: item.itemId,
            file: plan.row.file,
            region: item.region.region,
            sha256,
            analysisKey: item.analysisKey,
          },
          result,
        );
        parts.set(item.itemId, part);
      }
      analysed++;
      event('analysed', results[0]?.analysis.framesAnalyzed ?? 0);
    } catch (error) {
      if (isFatal(error)) throw error;
      failed++;
      const reason = `unreadable or failed: ${errorText(error)}`;
      skipped.push({ file: plan.row.file, region: null, reason });
      event('failed', 0, reason);
    }
  }

  // The index: every planned item with a valid part (also those built by earlier runs).
  const items: ItemRecord[] = [];
  const samples: SampleRecord[] = [];
  let missingItems = 0;
  for (const plan of unique) {
    const sha256 = hashes.get(plan.row.file);
    for (const region of plan.regions) {
      const itemId = sha256 === undefined ? null : itemIdFor(sha256, region.region);
      const part =
        itemId === null
          ? null
          : (parts.get(itemId) ?? (await readValidPart(dir, itemId, sha256!, analysisKeyOf(region))));
      if (!part || itemId === null) {
        missingItems++;
        continue;
      }
      const meta = {
        itemId,
        file: plan.row.file,
        region: region.region,
        label: region.label,
        category: region.category,
        method: region.method,
        identityGroup: plan.row.identityGroup,
        fold: folds.groups[plan.row.identityGroup]!,
      };
      const { samples: partSamples, ...analysis } = part.analysis;
      items.push({
        itemId,
        file: meta.file,
        region: meta.region,
        kind: plan.row.kind,
        category: meta.category,
        label: meta.label,
        method: meta.method,
        identityGroup: meta.identityGroup,
        fold: meta.fold,
        ...analysis,
        samples: partSamples.length,
      });
      for (const { id, ...sample } of partSamples) samples.push({ id, ...meta, ...sample });
    }
  }

  const foldsFile: FoldsFile = {
    k: folds.k,
    seed: folds.seed,
    groups: folds.groups,
    counts: Array.from({ length: folds.k }, (_, f) => {
      const inFold = items.filter((i) => i.fold === f);
      return {
        items: inFold.length,
        genuine: inFold.filter((i) => i.label === 0).length,
        swap: inFold.filter((i) => i.label === 1).length,
      };
    }),
  };
  await writeJsonLinesAtomic(path.join(dir, 'items.jsonl'), items);
  await writeJsonLinesAtomic(path.join(dir, 'samples.jsonl'), samples);
  await writeFileAtomic(path.join(dir, 'folds.json'), `${JSON.stringify(foldsFile, null, 2)}\n`);

  const report: BuildReport = {
    cacheDir: dir,
    dataDir: options.dataDir,
    builderVersion: BUILDER_VERSION,
    settings,
    files: {
      planned: unique.length,
      processed: toProcess.length,
      analysed,
      cached,
      failed,
    },
    items: items.length,
    samples: samples.length,
    byCategory: tally(items, (i) => i.category),
    byLabel: tally(items, (i) => String(i.label)),
    byFold: foldsFile.counts.map((c, f) => ({
      ...c,
      samples: items.filter((i) => i.fold === f).reduce((n, i) => n + i.samples, 0),
      groups: Object.values(folds.groups).filter((g) => g === f).length,
    })),
    skipped,
    missingItems,
    wallSec: Math.round((performance.now() - started) / 100) / 10,
  };
  await writeFileAtomic(
    path.join(dir, 'build.json'),
    `${JSON.stringify({ format: CACHE_FORMAT_DIR, builtAt: new Date().toISOString(), ...report }, null, 2)}\n`,
  );
  return report;
}

/** The group → fold map of the cache's folds.json for --keep-folds (none yet: nothing to keep). */
async function readKeptFolds(dir: string, k: number, seed: number): Promise<Record<string, number>> {
  const file = path.join(dir, 'folds.json');
  if (!existsSync(file)) return {};
  const folds = JSON.parse(await readFile(file, 'utf8')) as FoldsFile;
  if (folds.k !== k || folds.seed !== seed) {
    throw new CallSentinelError('E_USAGE', {
      detail: messageRef('usage.keep-folds-mismatch', {
        k: folds.k,
        seed: folds.seed,
        wantK: k,
        wantSeed: seed,
      }),
    });
  }
  return folds.groups;
}

/** Errors that would fail every file the same way (models, ffmpeg): stop instead of skipping. */
function isFatal(error: unknown): boolean {
  return (
    isCallSentinelError(error) &&
    (error.code.startsWith('E_MODEL_') ||
      error.code === 'E_FFMPEG_MISSING' ||
      error.code === 'E_FFMPEG_PATH_INVALID')
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function tally(items: readonly ItemRecord[], key: (i: ItemRecord) => string): Record<string, CountRow> {
  const out: Record<string, CountRow> = {};
  for (const i of items) {
    const row = (out[key(i)] ??= { items: 0, itemsWithoutCrops: 0, samples: 0 });
    row.items++;
    if (i.samples === 0) row.itemsWithoutCrops++;
    row.samples += i.samples;
  }
  return out;
}
