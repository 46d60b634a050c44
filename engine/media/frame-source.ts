import { CallSentinelError } from '../core/errors.ts';
import { decodeWithFfmpeg } from './ffmpeg-decode.ts';
import { resolveFfmpeg } from './ffmpeg-path.ts';
import type { ReadFramesOptions, VideoFrame } from './types.ts';
import { validateInput } from './validate-input.ts';
import { isAnimatedWebp, readAnimatedWebpFrames } from './webp.ts';

/**
 * Streams decoded RGB24 frames with their real presentation times from any file ffmpeg reads
 * (videos, gif, still images as one frame at 0 s; animated WebP through sharp). Rotation metadata
 * is applied. Memory stays bounded: at most about two frames are held while the consumer works.
 * Breaking out of the loop or aborting `signal` stops ffmpeg and waits for it to exit.
 *
 * Errors (CallSentinelError): E_INPUT_MISSING, E_INPUT_IS_DIRECTORY, E_INPUT_EMPTY before decoding;
 * E_INPUT_UNREADABLE when nothing decodes (with ffmpeg's reason); E_INPUT_NO_VIDEO;
 * E_FFMPEG_MISSING; E_FFMPEG_FAILED when ffmpeg fails after frames were yielded; E_USAGE for bad options.
 * An abort rejects with `signal.reason`.
 */
export async function* readFrames(path: string, opts: ReadFramesOptions = {}): AsyncGenerator<VideoFrame> {
  checkOptions(opts);
  opts.signal?.throwIfAborted();
  await validateInput(path);
  if (await isAnimatedWebp(path)) {
    yield* readAnimatedWebpFrames(path, opts);
    return;
  }
  const ffmpeg = opts.ffmpegPath ?? resolveFfmpeg().path;
  yield* decodeWithFfmpeg(ffmpeg, path, opts);
}

function checkOptions(opts: ReadFramesOptions): void {
  const positive = (name: string, v: number | undefined) => {
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) {
      throw new CallSentinelError('E_USAGE', { detail: `${name} must be a positive number (got ${v})` });
    }
  };
  positive('sampleFps', opts.sampleFps);
  positive('maxSeconds', opts.maxSeconds);
  positive('maxWidth', opts.maxWidth);
  if (opts.maxWidth !== undefined && opts.maxWidth < 2) {
    throw new CallSentinelError('E_USAGE', { detail: `maxWidth must be at least 2 (got ${opts.maxWidth})` });
  }
}
