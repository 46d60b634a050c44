import { selectExpression } from './sampling.ts';

export interface DecodeArgsOptions {
  sampleFps?: number;
  maxSeconds?: number;
  maxWidth?: number;
}

/**
 * ffmpeg reads inputs through the `file:` protocol so that a file name such as `concat:a|b` or
 * `https:x` is never taken for another protocol.
 */
export function ffmpegInputUrl(path: string): string {
  return `file:${path}`;
}

/** Scale down to at most maxWidth (even width, height keeping aspect and even); never upscale. */
export function scaleFilter(maxWidth: number): string {
  const w = Math.max(2, Math.floor(maxWidth / 2) * 2);
  return `scale=w='if(gt(iw,${w}),${w},iw)':h='if(gt(iw,${w}),-2,ih)':flags=area`;
}

/**
 * Arguments that decode the first real video stream (`0:V:0` skips cover art) to RGB24 on stdout.
 * The filter chain samples (select) before scaling, so skipped frames cost no scaling or piping,
 * and ends with showinfo, whose per-frame stderr line gives the pts and the exact size of the
 * frame that follows on stdout (after autorotation and scaling). Passthrough keeps every frame
 * with its own timestamp (no duplication or dropping to a constant rate).
 */
export function buildDecodeArgs(path: string, opts: DecodeArgsOptions = {}): string[] {
  const filters: string[] = [];
  if (opts.sampleFps !== undefined) filters.push(selectExpression(opts.sampleFps));
  if (opts.maxWidth !== undefined) filters.push(scaleFilter(opts.maxWidth));
  filters.push('showinfo=checksum=0');
  return [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel',
    'info',
    ...(opts.maxSeconds !== undefined ? ['-t', String(opts.maxSeconds)] : []),
    '-i',
    ffmpegInputUrl(path),
    '-map',
    '0:V:0',
    '-an',
    '-sn',
    '-dn',
    '-vf',
    filters.join(','),
    '-fps_mode',
    'passthrough',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    'pipe:1',
  ];
}
