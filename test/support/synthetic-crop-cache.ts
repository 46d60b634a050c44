// A tiny face-crop cache in the format of `callsentinel dataset` (engine/eval/dataset/types.ts),
// made from the sample photos of @vladmandic/human: "swap" items are brightened crops and
// genuine items darkened ones, so the stand-in face-swap model (score rises with brightness)
// separates them. Also writes per-fold stand-in models and an oof-scores.jsonl like the trainer.

import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { FoldsFile, ItemRecord, SampleRecord } from '../../engine/eval/dataset/types.ts';
import { FACE_PHOTO_IDS, loadFacePhoto } from '../../engine/eval/synthetic/face-photos.ts';
import { standInFaceSwapModel } from './stand-in-face-swap.ts';

export interface SyntheticCache {
  root: string;
  dir: string;
  trainDir: string;
  items: ItemRecord[];
  samples: SampleRecord[];
}

const CROP = 224;

function ellipseMask(): Buffer {
  const mask = Buffer.alloc(CROP * CROP);
  for (let y = 0; y < CROP; y++)
    for (let x = 0; x < CROP; x++)
      if (((x - 112) / 70) ** 2 + ((y - 120) / 90) ** 2 <= 1) mask[y * CROP + x] = 255;
  return mask;
}

/**
 * `folds` folds, each with `genuinePerFold` genuine and `swapPerFold` swap items (methods
 * alternate A / B), `cropsPerItem` crops each; plus one genuine item with too little usable
 * face (not verifiable) and one unlabelled item in fold 0.
 */
export async function writeSyntheticCropCache(
  root: string,
  options: { folds?: number; genuinePerFold?: number; swapPerFold?: number; cropsPerItem?: number } = {},
): Promise<SyntheticCache> {
  const k = options.folds ?? 3;
  const genuinePerFold = options.genuinePerFold ?? 3;
  const swapPerFold = options.swapPerFold ?? 2;
  const cropsPerItem = options.cropsPerItem ?? 6;
  const dir = path.join(root, 'face-crops-v1');
  const trainDir = path.join(root, 'face-swap-train');
  mkdirSync(dir, { recursive: true });
  mkdirSync(trainDir, { recursive: true });
  const mask = ellipseMask();
  const items: ItemRecord[] = [];
  const samples: SampleRecord[] = [];
  const groups: Record<string, number> = {};
  let n = 0;
  const addItem = async (
    fold: number,
    label: 0 | 1 | null,
    extra: Partial<ItemRecord> = {},
  ): Promise<void> => {
    const id = `item${String(n).padStart(3, '0')}-full`;
    const group = `group-${fold}-${n % 2}`;
    groups[group] = fold;
    const photo = await loadFacePhoto(FACE_PHOTO_IDS[n % FACE_PHOTO_IDS.length]!);
    // Brightness by label, varied per item (overlapping a little) and per frame.
    const base = label === 1 ? 1.25 : label === 0 ? 0.8 : 1;
    const method = label === 1 ? (n % 2 ? 'method-A' : 'method-B') : null;
    mkdirSync(path.join(dir, 'crops', id), { recursive: true });
    for (let f = 0; f < cropsPerItem; f++) {
      const crop = `crops/${id}/${f * 5}.png`;
      const maskRel = `crops/${id}/${f * 5}-mask.png`;
      await sharp(Buffer.from(photo.data), { raw: { width: photo.width, height: photo.height, channels: 3 } })
        .resize(CROP, CROP, { fit: 'fill' })
        .modulate({ brightness: base + 0.03 * ((n % 3) - 1) + 0.01 * f })
        .png()
        .toFile(path.join(dir, crop));
      await sharp(mask, { raw: { width: CROP, height: CROP, channels: 1 } })
        .png()
        .toFile(path.join(dir, maskRel));
      samples.push({
        id: `${id}/${f * 5}`,
        itemId: id,
        file: `${id}.mp4`,
        region: 'full',
        label,
        category: label === 1 ? 'swap' : label === 0 ? 'genuine' : 'talking_head',
        method,
        identityGroup: group,
        fold,
        trackId: 1,
        frameIndex: f * 5,
        timeSec: f * 1.25,
        crop,
        mask: maskRel,
        context: crop, // no scene around these faces: the crop stands in for its context crop
        landmarks: [],
        yawDeg: 0,
        pitchDeg: 0,
        rollDeg: 0,
        faceSizePx: 150,
        sharpness: 40,
        brightness: 0.5,
      });
    }
    items.push({
      itemId: id,
      file: `${id}.mp4`,
      region: 'full',
      kind: label === 1 ? 'fake_video' : 'real_video',
      category: label === 1 ? 'swap' : label === 0 ? 'genuine' : 'talking_head',
      label,
      method,
      identityGroup: group,
      fold,
      framesAnalyzed: cropsPerItem * 5,
      durationSec: 8,
      primaryTrackId: 1,
      usableFaceSec: 6,
      medianFaceSizePx: 150,
      samples: cropsPerItem,
      ...extra,
    });
    n++;
  };
  for (let fold = 0; fold < k; fold++) {
    for (let i = 0; i < genuinePerFold; i++) await addItem(fold, 0);
    for (let i = 0; i < swapPerFold; i++) await addItem(fold, 1);
  }
  await addItem(0, 0, { usableFaceSec: 1 });
  await addItem(0, null);
  const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  writeFileSync(path.join(dir, 'items.jsonl'), jsonl(items));
  writeFileSync(path.join(dir, 'samples.jsonl'), jsonl(samples));
  const folds: FoldsFile = {
    k,
    seed: 1,
    groups,
    counts: Array.from({ length: k }, (_, f) => ({
      items: items.filter((i) => i.fold === f).length,
      genuine: items.filter((i) => i.fold === f && i.label === 0).length,
      swap: items.filter((i) => i.fold === f && i.label === 1).length,
    })),
  };
  writeFileSync(path.join(dir, 'folds.json'), JSON.stringify(folds));
  return { root, dir, trainDir, items, samples };
}

/** fold-<k>.onnx stand-ins (the same model for every fold) and the trainer's oof-scores.jsonl. */
export function writeStandInFoldModels(cache: SyntheticCache, folds = 3): void {
  const model = path.join(cache.trainDir, 'stand-in.onnx');
  writeFileSync(model, standInFaceSwapModel());
  for (let k = 0; k < folds; k++) copyFileSync(model, path.join(cache.trainDir, `fold-${k}.onnx`));
  const labelled = cache.samples.filter((s) => s.label !== null);
  writeFileSync(
    path.join(cache.trainDir, 'oof-scores.jsonl'),
    labelled.map((s) => JSON.stringify({ id: s.id, itemId: s.itemId, fold: s.fold, score: 0.5 })).join('\n') +
      '\n',
  );
}
