import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { CallSentinelError } from '../core/errors.ts';

export type FfmpegSource = 'ffmpeg-static' | 'FFMPEG_PATH' | 'PATH';

export interface ResolvedFfmpeg {
  path: string;
  source: FfmpegSource;
}

export interface ResolveFfmpegOptions {
  /** Path the ffmpeg-static package reports (null: package or binary absent). Defaults to asking the package. */
  ffmpegStaticPath?: string | null;
  platform?: NodeJS.Platform;
}

/**
 * Which ffmpeg to run, in this order: ffmpeg-static's binary when that file exists (it is an
 * optional dependency whose download may have failed), else FFMPEG_PATH (which must then be an
 * executable file), else `ffmpeg` found on PATH. Throws E_FFMPEG_MISSING when none is found.
 */
export function resolveFfmpeg(
  env: NodeJS.ProcessEnv = process.env,
  opts: ResolveFfmpegOptions = {},
): ResolvedFfmpeg {
  const platform = opts.platform ?? process.platform;
  const staticPath = opts.ffmpegStaticPath !== undefined ? opts.ffmpegStaticPath : ffmpegStaticBinary();
  if (staticPath && isExecutableFile(staticPath, platform))
    return { path: staticPath, source: 'ffmpeg-static' };

  const fromEnv = env.FFMPEG_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!isExecutableFile(fromEnv, platform))
      throw new CallSentinelError('E_FFMPEG_PATH_INVALID', { path: fromEnv });
    return { path: fromEnv, source: 'FFMPEG_PATH' };
  }

  const found = findOnPath('ffmpeg', env, platform);
  if (found) return { path: found, source: 'PATH' };
  throw new CallSentinelError('E_FFMPEG_MISSING');
}

/** The path `require('ffmpeg-static')` gives, or null when the optional package is not installed. */
function ffmpegStaticBinary(): string | null {
  try {
    const value: unknown = createRequire(import.meta.url)('ffmpeg-static');
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** First `name` in the PATH directories that is an executable file (PATHEXT extensions on Windows). */
export function findOnPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  const pathVar = env.PATH ?? env.Path ?? '';
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE').split(';').filter(Boolean) : [''];
  const sep = platform === 'win32' ? ';' : delimiter;
  for (const dir of pathVar.split(sep)) {
    if (dir === '') continue; // an empty entry means "current directory": never run a binary from there
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return null;
}

function isExecutableFile(path: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
