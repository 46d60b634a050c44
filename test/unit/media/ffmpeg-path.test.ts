import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallSentinelError } from '../../../engine/core/errors.ts';
import { findOnPath, resolveFfmpeg } from '../../../engine/media/ffmpeg-path.ts';

const dir = mkdtempSync(join(tmpdir(), 'callsentinel-ffpath-'));
const p = (...parts: string[]) => join(dir, ...parts);

function fakeBinary(path: string, executable = true): string {
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
}

beforeAll(() => {
  for (const d of ['static', 'env', 'bin1', 'bin2', 'empty', 'noexec']) mkdirSync(p(d));
  fakeBinary(p('static', 'ffmpeg'));
  fakeBinary(p('env', 'my-ffmpeg'));
  fakeBinary(p('bin2', 'ffmpeg'));
  fakeBinary(p('noexec', 'ffmpeg'), false);
  mkdirSync(p('bin1', 'ffmpeg')); // a directory named ffmpeg is not a binary
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof CallSentinelError ? err.code : String(err);
  }
  return 'no error';
};

describe.skipIf(process.platform === 'win32')('resolveFfmpeg', () => {
  const PATH = [p('empty'), p('bin1'), p('noexec'), p('bin2')].join(delimiter);

  it('prefers the ffmpeg-static binary when that file exists', () => {
    const env = { FFMPEG_PATH: p('env', 'my-ffmpeg'), PATH };
    expect(resolveFfmpeg(env, { ffmpegStaticPath: p('static', 'ffmpeg') })).toEqual({
      path: p('static', 'ffmpeg'),
      source: 'ffmpeg-static',
    });
  });

  it('falls back to FFMPEG_PATH when ffmpeg-static is absent or its binary was never downloaded', () => {
    const env = { FFMPEG_PATH: p('env', 'my-ffmpeg'), PATH };
    for (const ffmpegStaticPath of [null, p('static', 'not-downloaded')]) {
      expect(resolveFfmpeg(env, { ffmpegStaticPath })).toEqual({
        path: p('env', 'my-ffmpeg'),
        source: 'FFMPEG_PATH',
      });
    }
  });

  it('rejects an FFMPEG_PATH that is not an executable file instead of silently using another ffmpeg', () => {
    for (const bad of [p('env', 'nope'), p('env'), p('noexec', 'ffmpeg')]) {
      expect(codeOf(() => resolveFfmpeg({ FFMPEG_PATH: bad, PATH }, { ffmpegStaticPath: null }))).toBe(
        'E_FFMPEG_PATH_INVALID',
      );
    }
  });

  it('searches PATH itself, skipping directories and non-executable files', () => {
    expect(resolveFfmpeg({ PATH }, { ffmpegStaticPath: null })).toEqual({
      path: p('bin2', 'ffmpeg'),
      source: 'PATH',
    });
    expect(resolveFfmpeg({ PATH, FFMPEG_PATH: '' }, { ffmpegStaticPath: null }).source).toBe('PATH');
    expect(findOnPath('ffmpeg', { PATH: `${delimiter}${p('bin2')}` }, 'linux')).toBe(p('bin2', 'ffmpeg'));
  });

  it('throws E_FFMPEG_MISSING when nothing is found', () => {
    expect(codeOf(() => resolveFfmpeg({ PATH: p('empty') }, { ffmpegStaticPath: null }))).toBe(
      'E_FFMPEG_MISSING',
    );
    expect(codeOf(() => resolveFfmpeg({}, { ffmpegStaticPath: null }))).toBe('E_FFMPEG_MISSING');
  });

  it('finds a real ffmpeg with the default arguments on this machine', () => {
    const found = resolveFfmpeg();
    expect(['ffmpeg-static', 'FFMPEG_PATH', 'PATH']).toContain(found.source);
  });
});
