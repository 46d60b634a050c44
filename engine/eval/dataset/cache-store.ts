// The on-disk face-crop cache: where it lives (always outside the repository), the per-item parts
// that let a re-run skip unchanged items, the crop PNGs, and the index files rewritten at the end
// of each run. Every file appears atomically (written under a temporary name, then renamed).

import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { CallSentinelError } from '../../core/errors.ts';
import { messageRef } from '../../core/messages.ts';
import type { BufferedCrop, RegionResult } from './analyse-file.ts';
import { BUILDER_VERSION, CACHE_FORMAT_DIR, type ItemPart } from './types.ts';

/** The repository root, from this file's place (engine/eval/dataset/). */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The cache root: the option, else $CALLSENTINEL_CACHE, else ~/.cache/callsentinel. Crops of
 * research-only media must never land in the repository, so a root inside it is a usage error.
 */
export function resolveCacheRoot(option: string | undefined, env: NodeJS.ProcessEnv): string {
  const root = path.resolve(
    option ?? env.CALLSENTINEL_CACHE ?? path.join(os.homedir(), '.cache', 'callsentinel'),
  );
  const rel = path.relative(REPO_ROOT, root);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) {
    throw new CallSentinelError('E_USAGE', {
      detail: messageRef('usage.cache-in-repo', { path: root }),
    });
  }
  return root;
}

/** `<root>/face-crops-v1`. */
export function cacheDir(root: string): string {
  return path.join(root, CACHE_FORMAT_DIR);
}

export function itemIdFor(sha256: string, region: string): string {
  return `${sha256.slice(0, 16)}-${region}`;
}

const partPath = (dir: string, itemId: string) => path.join(dir, 'parts', `${itemId}.json`);
const cropRel = (itemId: string, frameIndex: number) => `crops/${itemId}/${frameIndex}.png`;
const maskRel = (itemId: string, frameIndex: number) => `crops/${itemId}/${frameIndex}-mask.png`;
const contextRel = (itemId: string, frameIndex: number) => `crops/${itemId}/${frameIndex}-context.png`;

/**
 * The stored part of `itemId` when it was made by this builder version from the same bytes under
 * the same analysis key and its crops are all on disk; otherwise null (the item is analysed again).
 */
export async function readValidPart(
  dir: string,
  itemId: string,
  sha256: string,
  analysisKey: string,
): Promise<ItemPart | null> {
  let part: ItemPart;
  try {
    part = JSON.parse(await readFile(partPath(dir, itemId), 'utf8')) as ItemPart;
  } catch {
    return null;
  }
  if (part.builderVersion !== BUILDER_VERSION || part.sha256 !== sha256 || part.analysisKey !== analysisKey)
    return null;
  const complete = part.analysis.samples.every((s) =>
    [s.crop, s.mask, s.context].every((file) => existsSync(path.join(dir, file))),
  );
  return complete ? part : null;
}

/** Write an item's crops (replacing any older ones) and then its part; returns the part. */
export async function writeItem(
  dir: string,
  item: { itemId: string; file: string; region: string; sha256: string; analysisKey: string },
  result: RegionResult,
): Promise<ItemPart> {
  const cropDir = path.join(dir, 'crops', item.itemId);
  await rm(cropDir, { recursive: true, force: true });
  await mkdir(cropDir, { recursive: true });
  const samples = [];
  for (const c of result.crops) {
    const sample = {
      ...c.sample,
      id: `${item.itemId}/${c.sample.frameIndex}`,
      crop: cropRel(item.itemId, c.sample.frameIndex),
      mask: maskRel(item.itemId, c.sample.frameIndex),
      context: contextRel(item.itemId, c.sample.frameIndex),
    };
    await writeCropPngs(dir, sample, c);
    samples.push(sample);
  }
  const part: ItemPart = {
    builderVersion: BUILDER_VERSION,
    ...item,
    analysis: { ...result.analysis, samples },
  };
  await mkdir(path.join(dir, 'parts'), { recursive: true });
  await writeFileAtomic(partPath(dir, item.itemId), `${JSON.stringify(part)}\n`);
  return part;
}

async function writeCropPngs(
  dir: string,
  files: { crop: string; mask: string; context: string },
  c: BufferedCrop,
) {
  const raw = (data: Uint8Array, channels: 1 | 3) =>
    sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
      raw: { width: c.size, height: c.size, channels },
    });
  await Promise.all([
    raw(c.image, 3).png().toFile(path.join(dir, files.crop)),
    // Without b-w, sharp widens a one-channel raw input to sRGB when it writes the PNG.
    raw(c.mask, 1).toColourspace('b-w').png().toFile(path.join(dir, files.mask)),
    raw(c.context, 3).png().toFile(path.join(dir, files.context)),
  ]);
}

function tmpName(file: string): string {
  return `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
}

export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const tmp = tmpName(file);
  try {
    await writeFile(tmp, text);
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
}

/** One JSON document per line, streamed to a temporary file, then renamed into place. */
export async function writeJsonLinesAtomic(file: string, records: Iterable<unknown>): Promise<void> {
  const tmp = tmpName(file);
  try {
    const out = createWriteStream(tmp);
    const failed = new Promise<never>((_, reject) => out.once('error', reject));
    failed.catch(() => undefined); // observed below; this only keeps it from counting as unhandled
    for (const record of records) {
      if (!out.write(`${JSON.stringify(record)}\n`)) await Promise.race([once(out, 'drain'), failed]);
    }
    out.end();
    await Promise.race([once(out, 'close'), failed]);
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
}
