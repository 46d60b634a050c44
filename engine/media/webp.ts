// Animated WebP: Debian's ffmpeg 5.1 cannot decode it ("image data not found"), so it goes
// through sharp (libvips + libwebp), yielding the same VideoFrame stream as ffmpeg does.

import { open } from 'node:fs/promises';
import { CallSentinelError } from '../core/errors.ts';
import { createSampler } from './sampling.ts';
import type { MediaInfo, ReadFramesOptions, VideoFrame } from './types.ts';

/** How far into the file to look for the ANIM chunk (it follows VP8X right after the header). */
const HEADER_SCAN_BYTES = 4096;
/** VP8X flags bit meaning "this file is an animation" (WebP container spec). */
const VP8X_ANIMATION_FLAG = 0x02;
/** Frames with a delay at or below this are shown for DEFAULT_DELAY_MS, as browsers do. */
const MIN_DELAY_MS = 10;
const DEFAULT_DELAY_MS = 100;
/** Pages decoded per sharp call: bounds memory, while each call re-walks the animation from its start. */
const CHUNK_TARGET_BYTES = 32 * 1024 * 1024;

/** True for a RIFF/WEBP file whose VP8X header flags animation or which holds an ANIM chunk. */
export async function isAnimatedWebp(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEADER_SCAN_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEADER_SCAN_BYTES, 0);
    return hasWebpAnimation(buf.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

/** The header test on bytes already read (pure, for tests). */
export function hasWebpAnimation(head: Uint8Array): boolean {
  const buf = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (
    buf.length < 16 ||
    buf.toString('latin1', 0, 4) !== 'RIFF' ||
    buf.toString('latin1', 8, 12) !== 'WEBP'
  ) {
    return false;
  }
  let offset = 12;
  while (offset + 8 <= buf.length) {
    const fourcc = buf.toString('latin1', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    if (fourcc === 'ANIM') return true;
    if (
      fourcc === 'VP8X' &&
      offset + 8 < buf.length &&
      ((buf[offset + 8] ?? 0) & VP8X_ANIMATION_FLAG) !== 0
    ) {
      return true;
    }
    offset += 8 + size + (size % 2); // chunks are padded to an even size
  }
  return false;
}

type SharpModule = typeof import('sharp');

async function loadSharp(): Promise<SharpModule['default']> {
  return (await import('sharp')).default;
}

interface WebpLayout {
  width: number;
  pageHeight: number;
  pages: number;
  /** Start time of each page in seconds. */
  startsSec: number[];
  durationSec: number;
}

async function readLayout(path: string): Promise<WebpLayout> {
  const sharp = await loadSharp();
  let meta;
  try {
    meta = await sharp(path, { animated: true }).metadata();
  } catch (err) {
    throw new CallSentinelError(
      'E_INPUT_UNREADABLE',
      { path, detail: shortSharpDetail(err) },
      { cause: err },
    );
  }
  const pages = meta.pages ?? 1;
  const pageHeight = meta.pageHeight ?? meta.height ?? 0;
  const width = meta.width ?? 0;
  if (width <= 0 || pageHeight <= 0) {
    throw new CallSentinelError('E_INPUT_UNREADABLE', { path, detail: 'animated WebP without a size' });
  }
  const startsSec: number[] = [];
  let ms = 0; // summed in integer milliseconds so that times print as written (0.3, not 0.30000000000000004)
  for (let i = 0; i < pages; i++) {
    startsSec.push(ms / 1000);
    const d = meta.delay?.[i] ?? DEFAULT_DELAY_MS;
    ms += d <= MIN_DELAY_MS ? DEFAULT_DELAY_MS : d;
  }
  return { width, pageHeight, pages, startsSec, durationSec: ms / 1000 };
}

export async function probeAnimatedWebp(path: string): Promise<MediaInfo> {
  return layoutInfo(path, await readLayout(path));
}

function layoutInfo(path: string, l: WebpLayout): MediaInfo {
  return {
    path,
    container: 'webp',
    codec: 'webp',
    width: l.width,
    height: l.pageHeight,
    rotationDeg: 0,
    fpsHz: l.durationSec > 0 ? l.pages / l.durationSec : null,
    durationSec: l.durationSec,
    isStillImage: false,
    frameCountEstimate: l.pages,
  };
}

/** Output size for a maxWidth limit: never upscales; when it scales, both sides are even. */
export function fitWidth(
  width: number,
  height: number,
  maxWidth: number | undefined,
): { width: number; height: number } {
  if (maxWidth === undefined || width <= maxWidth) return { width, height };
  const w = Math.max(2, Math.floor(maxWidth / 2) * 2);
  const h = Math.max(2, Math.round((height * w) / width / 2) * 2);
  return { width: w, height: h };
}

/** Decodes an animated WebP page by page (in chunks of a few pages) with sharp. */
export async function* readAnimatedWebpFrames(
  path: string,
  opts: ReadFramesOptions = {},
): AsyncGenerator<VideoFrame> {
  const sharp = await loadSharp();
  const l = await readLayout(path);
  opts.onInfo?.(layoutInfo(path, l));
  const keep = createSampler(opts.sampleFps);
  const chosen: number[] = [];
  for (let i = 0; i < l.pages; i++) {
    const t = l.startsSec[i] ?? 0;
    if (opts.maxSeconds !== undefined && t >= opts.maxSeconds && i > 0) break;
    if (keep(t)) chosen.push(i);
  }
  const pageBytes = l.width * l.pageHeight * 3;
  const chunkPages = Math.max(1, Math.floor(CHUNK_TARGET_BYTES / pageBytes));
  const out = fitWidth(l.width, l.pageHeight, opts.maxWidth);
  let index = 0;
  for (let c = 0; c < chosen.length;) {
    const first = chosen[c] ?? 0;
    const n = Math.min(chunkPages, l.pages - first);
    opts.signal?.throwIfAborted();
    let raw: Buffer;
    try {
      raw = await sharp(path, { page: first, pages: n }).removeAlpha().toColourspace('srgb').raw().toBuffer();
    } catch (err) {
      throw new CallSentinelError(
        'E_INPUT_UNREADABLE',
        { path, detail: shortSharpDetail(err) },
        { cause: err },
      );
    }
    for (; c < chosen.length && (chosen[c] ?? 0) < first + n; c++) {
      opts.signal?.throwIfAborted();
      const page = chosen[c] ?? 0;
      let data: Uint8Array = raw.subarray((page - first) * pageBytes, (page - first + 1) * pageBytes);
      if (out.width !== l.width) {
        data = await sharp(data, { raw: { width: l.width, height: l.pageHeight, channels: 3 } })
          .resize(out.width, out.height, { fit: 'fill' })
          .raw()
          .toBuffer();
      } else {
        data = Buffer.from(data); // own copy, so a kept frame does not pin the whole chunk
      }
      const timeSec = l.startsSec[page] ?? 0;
      yield { index, timeSec, width: out.width, height: out.height, data };
      index++;
      opts.onProgress?.({
        frames: index,
        timeSec,
        durationSec: l.durationSec,
        fraction: l.durationSec > 0 ? Math.min(1, timeSec / l.durationSec) : null,
        bufferedBytes: raw.length,
      });
    }
  }
  if (index === 0) throw new CallSentinelError('E_INPUT_UNREADABLE', { path, detail: 'no frames decoded' });
}

function shortSharpDetail(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n', 1)[0] ?? text).slice(0, 200);
}
