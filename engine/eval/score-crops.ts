// Scoring the crop cache, as both evaluation protocols (swap: run-eval.ts, presentation attack:
// pad-eval.ts) do it: each usable crop of an item through the scorer, timed; unusable crops counted.

import type { RgbImage } from '../face/image-warp.ts';
import { isUsableSample, loadCrop, loadMask, type CropCache } from './crop-cache.ts';
import type { ItemRecord, SampleRecord } from './dataset/types.ts';
import { trimmedMean } from '../signals/common/aggregate.ts';
import type { Label } from './metrics.ts';
import type { ScoredItem } from './protocol.ts';
import type { Scorer } from './scorers/index.ts';

/** The cache's samples grouped by item, in cache order. */
export function samplesByItem(cache: CropCache): Map<string, SampleRecord[]> {
  const byItem = new Map<string, SampleRecord[]>();
  for (const s of cache.samples) {
    const list = byItem.get(s.itemId) ?? [];
    list.push(s);
    byItem.set(s.itemId, list);
  }
  return byItem;
}

export interface ItemCropScores {
  /** One per usable crop, in order: the sample and its logit. */
  scored: Array<{ sample: SampleRecord; logit: number }>;
  /** Crops too small, dark or blurred to score. */
  unusable: number;
  /** Time spent inside the scorer, ms. */
  scoringMs: number;
}

/**
 * Scores every usable crop of `item`; `onCrop` is called after each one (progress). `look`, when
 * given, changes each crop before it is scored (e.g. the beauty filter of beauty-filter.ts).
 */
export async function scoreItemCrops(
  cache: CropCache,
  item: Pick<ItemRecord, 'fold'>,
  samples: readonly SampleRecord[],
  scorer: Scorer,
  onCrop?: () => void,
  look?: (image: RgbImage) => RgbImage,
): Promise<ItemCropScores> {
  const out: ItemCropScores = { scored: [], unusable: 0, scoringMs: 0 };
  for (const sample of samples) {
    if (!isUsableSample(sample)) {
      out.unusable++;
      continue;
    }
    const loaded = await loadCrop(cache.dir, sample, scorer.crop);
    const image = look ? look(loaded) : loaded;
    const t0 = performance.now();
    const logit = await scorer.score({
      sample,
      fold: item.fold,
      image,
      mask: () => loadMask(cache.dir, sample),
    });
    out.scoringMs += performance.now() - t0;
    out.scored.push({ sample, logit });
    onCrop?.();
  }
  return out;
}

/** The item's video-level score as the signal aggregates a track: trimmed mean of its frame logits; null when none. */
export function itemRawScore(crops: ItemCropScores, trimFraction: number): number | null {
  const logits = crops.scored.map((c) => c.logit);
  return logits.length ? trimmedMean(logits, trimFraction) : null;
}

/** A cache item and its scored crops as the protocol judges it (verification rule, calibration). */
export function scoredItemOf(
  item: ItemRecord,
  label: Label,
  crops: ItemCropScores,
  trimFraction: number,
): ScoredItem {
  return {
    itemId: item.itemId,
    label,
    fold: item.fold,
    method: item.method,
    isStill: item.durationSec === 0,
    usableFaceSec: item.usableFaceSec,
    medianFaceSizePx: item.medianFaceSizePx,
    framesScored: crops.scored.length,
    rawScore: itemRawScore(crops, trimFraction),
  };
}
