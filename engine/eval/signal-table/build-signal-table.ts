// The signal table: every video item of the face-crop cache (a file's whole frame, half or panel)
// scanned by the real scan pipeline with the passive signals besides face-swap, at full frame
// rate, and the primary face's per-signal observation kept. Face-swap is left out on purpose: its
// held-out score comes from its fold models on the crop cache (engine/eval/fusion), whereas the
// shipped model here would score items it was trained on. Items are kept in parts/<itemId>.json
// and reused while the file, the settings and the models are unchanged.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { scanFile } from '../../analysis/scan-file.ts';
import type { ScanSignal } from '../../analysis/scan-result.ts';
import { trackObservations } from '../../analysis/track-assessment.ts';
import type { ModelStore } from '../../runtime/index.ts';
import { BUILT_IN_SIGNALS } from '../../signals/index.ts';
import type { SignalDefinition } from '../../signals/types.ts';
import { canonicalJson } from '../../config/index.ts';
import { readCropCache } from '../crop-cache.ts';
import { readManifest, type MediaCategory } from '../data-manifest.ts';
import { writeFileAtomic, writeJsonLinesAtomic } from '../dataset/cache-store.ts';
import { extractRegion } from '../dataset/frame-regions.ts';
import { planRow, type RegionPlan } from '../dataset/layouts.ts';
import type { ItemRecord } from '../dataset/types.ts';

/** Folder under the cache root; bump the suffix only when the record format changes. */
export const SIGNAL_TABLE_DIR = 'signal-table-v1';

/** The signal whose held-out scores come from the crop cache instead (see the header). */
export const CROP_SCORED_SIGNAL = 'face-swap';

export const DEFAULT_TABLE_CATEGORIES: readonly MediaCategory[] = ['genuine', 'swap', 'talking_head'];

/** Seconds scanned per item: most clips whole (mean 10.6 s), the pulse and jitter windows (10 s) filled. */
export const DEFAULT_TABLE_MAX_SECONDS = 20;

/** One line of items.jsonl: an item of the crop cache (its fields) and what each signal said of its primary face. */
export interface SignalTableItem extends Pick<
  ItemRecord,
  'itemId' | 'file' | 'region' | 'category' | 'method' | 'identityGroup' | 'fold' | 'durationSec'
> {
  /** Frames the scan analysed (every frame, up to the table's maxSeconds). */
  framesAnalyzed: number;
  primaryTrackId: number | null;
  /** Signal id → its observation of the primary face (as in `scan --json`, plus the signal's features). */
  signals: Record<string, TableSignal>;
  /** Null when the scan worked; what went wrong otherwise (the item is then left out). */
  error: string | null;
}

export interface TableSignal extends ScanSignal {
  features: Record<string, number>;
}

interface TablePart {
  /** `<hash of settings, signal defaults and models>:<itemId>`: a part with another key is scanned again. */
  key: string;
  item: SignalTableItem;
}

export interface SignalTableOptions {
  dataDir: string;
  /** The face-crop cache folder (face-crops-v1): its items, regions and folds are the table's. */
  cropCacheDir: string;
  /** Where the table goes: <cacheRoot>/signal-table-v1. */
  cacheRoot: string;
  models: ModelStore;
  categories?: readonly MediaCategory[];
  maxSeconds?: number;
  signals?: readonly SignalDefinition[];
  /** Only items whose file name contains this (tests, a quick look). */
  only?: string;
  onProgress?: (p: {
    index: number;
    total: number;
    itemId: string;
    file: string;
    cached: boolean;
    seconds: number;
  }) => void;
}

export interface SignalTable {
  dir: string;
  items: SignalTableItem[];
  settings: { categories: MediaCategory[]; maxSeconds: number; signals: string[] };
}

export async function buildSignalTable(options: SignalTableOptions): Promise<SignalTable> {
  const categories = [...(options.categories ?? DEFAULT_TABLE_CATEGORIES)];
  const maxSeconds = options.maxSeconds ?? DEFAULT_TABLE_MAX_SECONDS;
  const signals = (options.signals ?? BUILT_IN_SIGNALS).filter((s) => s.id !== CROP_SCORED_SIGNAL);
  const settings = { categories, maxSeconds, signals: signals.map((s) => s.id) };
  const dir = path.join(options.cacheRoot, SIGNAL_TABLE_DIR);
  await mkdir(path.join(dir, 'parts'), { recursive: true });

  const cache = await readCropCache(options.cropCacheDir);
  const wanted = new Set(categories);
  const videoItems = cache.items.filter(
    (i) =>
      wanted.has(i.category) &&
      i.durationSec > 0 &&
      (options.only === undefined || i.file.includes(options.only)),
  );
  const regions = await regionPlans(options.dataDir, categories);
  // Anything that changes what a signal computes makes the part stale: settings, signal defaults,
  // models. Parts keep a hash of them (not the configs themselves) with the item id.
  const settingsHash = createHash('sha256')
    .update(
      canonicalJson({
        settings: { maxSeconds, signals: signals.map((s) => [s.id, s.defaultConfig]) },
        models: await modelsFingerprint(options.models, signals),
      }),
    )
    .digest('hex')
    .slice(0, 16);

  const items: SignalTableItem[] = [];
  for (const [index, item] of videoItems.entries()) {
    const t0 = performance.now();
    const key = `${settingsHash}:${item.itemId}`;
    const partFile = path.join(dir, 'parts', `${item.itemId}.json`);
    let record = await readPart(partFile, key);
    const cached = record !== null;
    if (!record) {
      const row = regions.get(`${item.file}\0${item.region}`);
      record = await scanItem(
        item,
        row?.plan ?? null,
        row?.path ?? null,
        options.models,
        signals,
        maxSeconds,
      );
      await writeFileAtomic(partFile, `${JSON.stringify({ key, item: record } satisfies TablePart)}\n`);
    }
    items.push(record);
    options.onProgress?.({
      index: index + 1,
      total: videoItems.length,
      itemId: item.itemId,
      file: item.file,
      cached,
      seconds: (performance.now() - t0) / 1000,
    });
  }
  await writeJsonLinesAtomic(path.join(dir, 'items.jsonl'), items);
  await writeFileAtomic(
    path.join(dir, 'build.json'),
    `${JSON.stringify({ builtAt: new Date().toISOString(), cropCache: cache.dir, itemsSha256: cache.itemsSha256, ...settings, items: items.length }, null, 2)}\n`,
  );
  return { dir, items, settings };
}

/** Scans one item's region with the given signals; a failure is recorded on the item, not thrown. */
async function scanItem(
  item: ItemRecord,
  plan: RegionPlan | null,
  file: string | null,
  models: ModelStore,
  signals: readonly SignalDefinition[],
  maxSeconds: number,
): Promise<SignalTableItem> {
  const base: SignalTableItem = {
    itemId: item.itemId,
    file: item.file,
    region: item.region,
    category: item.category,
    method: item.method,
    identityGroup: item.identityGroup,
    fold: item.fold,
    framesAnalyzed: 0,
    durationSec: item.durationSec,
    primaryTrackId: null,
    signals: {},
    error: null,
  };
  if (!plan || !file) return { ...base, error: 'the manifest no longer lists this file and region' };
  try {
    let features: Record<string, Record<string, number>> = {};
    const result = await scanFile(file, {
      models,
      maxSeconds,
      signals,
      region: (frame) => extractRegion(frame, plan.geometry),
      onSignalResults: (results, trackId) => {
        features = Object.fromEntries(
          results.map((r) => [r.id, trackObservations(r, trackId)[0]?.features ?? {}]),
        );
      },
    });
    const withFeatures = Object.entries(result.signals).map(([id, s]) => [
      id,
      { ...s, features: features[id] ?? {} },
    ]);
    return {
      ...base,
      framesAnalyzed: result.framesAnalyzed,
      primaryTrackId: result.primaryTrackId,
      signals: Object.fromEntries(withFeatures) as Record<string, TableSignal>,
    };
  } catch (error) {
    return { ...base, error: error instanceof Error ? error.message : String(error) };
  }
}

/** (file, region) → the region's plan and the file's path, for the categories asked for. */
async function regionPlans(
  dataDir: string,
  categories: readonly MediaCategory[],
): Promise<Map<string, { plan: RegionPlan; path: string }>> {
  const wanted = new Set(categories);
  const out = new Map<string, { plan: RegionPlan; path: string }>();
  for (const row of await readManifest(dataDir)) {
    for (const plan of planRow(row, wanted).regions)
      out.set(`${row.file}\0${plan.region}`, { plan, path: row.path });
  }
  return out;
}

async function readPart(file: string, key: string): Promise<SignalTableItem | null> {
  if (!existsSync(file)) return null;
  try {
    const part = JSON.parse(await readFile(file, 'utf8')) as TablePart;
    return part.key === key ? part.item : null;
  } catch {
    return null; // a damaged part is scanned again
  }
}

/** A hash of the trained models the signals load (their manifest entries): retraining one makes the parts stale. */
async function modelsFingerprint(models: ModelStore, signals: readonly SignalDefinition[]): Promise<string> {
  const manifest = path.join(models.trainedModelsDir, 'manifest.json');
  const used = new Set(signals.flatMap((s) => s.models));
  const entries = existsSync(manifest)
    ? ((JSON.parse(await readFile(manifest, 'utf8')) as { models?: Array<{ name: string }> }).models ?? [])
    : [];
  const mine = entries.filter((e) => used.has(e.name));
  return createHash('sha256').update(JSON.stringify(mine)).digest('hex').slice(0, 16);
}
