import { spawn } from 'node:child_process';
import { CallSentinelError } from '../core/errors.ts';
import { ffmpegInputUrl } from './ffmpeg-args.ts';
import { resolveFfmpeg } from './ffmpeg-path.ts';
import { ffmpegErrorDetail, LineSplitter, parseInputHeader, toMediaInfo } from './ffmpeg-log.ts';
import type { MediaInfo } from './types.ts';
import { validateInput } from './validate-input.ts';
import { isAnimatedWebp, probeAnimatedWebp } from './webp.ts';

/** The input header is a few dozen lines; cap what is kept in case some demuxer is chatty. */
const MAX_PROBE_LINES = 2000;

export interface ProbeOptions {
  ffmpegPath?: string;
  signal?: AbortSignal;
}

/**
 * Container, codec, display size, rotation, frame rate and duration of an input, from the header
 * `ffmpeg -hide_banner -i FILE` prints (no decoding, no ffprobe). Throws E_INPUT_MISSING /
 * E_INPUT_IS_DIRECTORY / E_INPUT_EMPTY before running ffmpeg, E_INPUT_UNREADABLE when ffmpeg
 * cannot open it (with ffmpeg's reason), E_INPUT_NO_VIDEO when it has no video stream.
 */
export async function probeMedia(path: string, opts: ProbeOptions = {}): Promise<MediaInfo> {
  await validateInput(path);
  if (await isAnimatedWebp(path)) return probeAnimatedWebp(path);
  const ffmpeg = opts.ffmpegPath ?? resolveFfmpeg().path;
  const lines = await ffmpegStderr(
    ffmpeg,
    ['-hide_banner', '-nostdin', '-i', ffmpegInputUrl(path)],
    opts.signal,
  );
  const header = parseInputHeader(lines);
  if (!header)
    throw new CallSentinelError('E_INPUT_UNREADABLE', { path, detail: ffmpegErrorDetail(lines, path) });
  const { video } = header;
  if (!video) throw new CallSentinelError('E_INPUT_NO_VIDEO', { path });
  return toMediaInfo(path, { ...header, video });
}

/** Runs ffmpeg for its stderr only (it exits 1 without an output file; that is expected). */
function ffmpegStderr(ffmpeg: string, args: string[], signal: AbortSignal | undefined): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true, signal });
    const splitter = new LineSplitter();
    const lines: string[] = [];
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      for (const line of splitter.push(chunk)) if (lines.length < MAX_PROBE_LINES) lines.push(line);
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'EACCES')
        reject(new CallSentinelError('E_FFMPEG_MISSING', {}, { cause: err }));
      else reject(signal?.aborted ? signal.reason : err);
    });
    child.on('close', () => resolve([...lines, ...splitter.flush()]));
  });
}
