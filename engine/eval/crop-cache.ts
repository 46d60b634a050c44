// Reading the face-crop cache (`callsentinel dataset`, format in engine/eval/dataset/types.ts)
// for evaluation: its index files, a hash of what was evaluated, and the crop and mask PNGs.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { CallSentinelError } from '../core/errors.ts';
import type { RgbImage } from '../face/image-warp.ts';
import { isUsableFace } from '../face/quality.ts';
import type { CropKind } from '../runtime/index.ts';
import type { FoldsFile, ItemRecord, SampleRecord } from './dataset/types.ts';

export interface CropCache {
  dir: string;
  items: ItemRecord[];
  samples: SampleRecord[];
  folds: FoldsFile;
  /** sha256 of items.jsonl: names the exact item set (files, regions, labels, folds) evaluated. */
  itemsSha256: string;
  /** sha256 of samples.jsonl: names the exact crops evaluated. */
  samplesSha256: string;
}

function parseJsonLines<T>(text: string, file: string): T[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as T;
      } catch (error) {
        throw new CallSentinelError(
          'E_CACHE_MISSING',
          { path: file, detail: `line ${i + 1} is not JSON` },
          { cause: error },
        );
      }
    });
}

async function readText(dir: string, name: string): Promise<string> {
  const file = path.join(dir, name);
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CallSentinelError(
      'E_CACHE_MISSING',
      { path: dir, detail: `${name} is missing` },
      { cause: error },
    );
  }
}

export async function readCropCache(dir: string): Promise<CropCache> {
  const [itemsText, samplesText, foldsText] = await Promise.all(
    ['items.jsonl', 'samples.jsonl', 'folds.json'].map((name) => readText(dir, name)),
  );
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  let folds: FoldsFile;
  try {
    folds = JSON.parse(foldsText!) as FoldsFile;
  } catch (error) {
    throw new CallSentinelError(
      'E_CACHE_MISSING',
      { path: dir, detail: 'folds.json is not JSON' },
      { cause: error },
    );
  }
  return {
    dir,
    items: parseJsonLines<ItemRecord>(itemsText!, path.join(dir, 'items.jsonl')),
    samples: parseJsonLines<SampleRecord>(samplesText!, path.join(dir, 'samples.jsonl')),
    folds,
    itemsSha256: sha(itemsText!),
    samplesSha256: sha(samplesText!),
  };
}

/** The 224×224 RGB aligned crop of a sample, or its context crop. */
export async function loadCrop(
  dir: string,
  sample: SampleRecord,
  kind: CropKind = 'aligned',
): Promise<RgbImage> {
  const file = kind === 'context' ? sample.context : sample.crop;
  if (!file)
    throw new CallSentinelError('E_CACHE_MISSING', {
      path: dir,
      detail: `sample ${sample.id} has no ${kind} crop (a cache built before it: run callsentinel dataset again)`,
    });
  const { data, info } = await sharp(path.join(dir, file))
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`${file}: expected RGB, got ${info.channels} channels`);
  return {
    width: info.width,
    height: info.height,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
}

/** The face mask of a sample: one byte per crop pixel, 255 inside the face outline. */
export async function loadMask(dir: string, sample: SampleRecord): Promise<Uint8Array> {
  const { data } = await sharp(path.join(dir, sample.mask))
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

/**
 * Whether the signal would score this crop: the engine's usable-face rule on what the cache
 * records (size, sharpness, brightness; the clipped fraction is not stored and counts as 0).
 */
export function isUsableSample(s: Pick<SampleRecord, 'faceSizePx' | 'sharpness' | 'brightness'>): boolean {
  return isUsableFace({
    faceSizePx: s.faceSizePx,
    sharpness: s.sharpness,
    brightness: s.brightness,
    clippedFraction: 0,
  });
}
