// `callsentinel scan`: the --json contract on clips the tests make, and the bad-input behaviour
// (exit 2, one clear line, no stack trace) — in-process through main(), and once through the
// real bin/ entry point.

import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../../engine/cli/main.ts';
import type { CliIo } from '../../../engine/cli/cli-io.ts';
import { makeMotionClip } from '../../../engine/eval/synthetic/motion-clips.ts';
import { makeMultiFaceClip } from '../../../engine/eval/synthetic/bench-clips.ts';
import { loadFacePhoto } from '../../../engine/eval/synthetic/face-photos.ts';
import sharp from 'sharp';

async function runCli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { ...process.env, CALLSENTINEL_LANG: undefined },
    stderrIsTty: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('scan --json', () => {
  it('prints exactly one JSON document with the contract keys', async () => {
    const clip = await makeMultiFaceClip({ seconds: 4 });
    const { code, stdout, stderr } = await runCli(['scan', clip.path, '--json']);
    expect(code, stderr).toBe(0);
    const r = JSON.parse(stdout);
    for (const key of [
      'file',
      'sha256',
      'durationSec',
      'framesAnalyzed',
      'analysisFps',
      'verdict',
      'score',
      'confidence',
      'primaryTrackId',
      'reasons',
      'signals',
      'faces',
      'timeline',
    ]) {
      expect(r).toHaveProperty(key);
    }
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.framesAnalyzed).toBe(120);
    expect(r.durationSec).toBeCloseTo(4, 1);
    expect(r.timeline).toHaveLength(4);
    expect(r.timeline.every((e: { faces: number }) => e.faces === 2)).toBe(true);
    // Two tracks listed; the primary is the big remote face, not the self-view.
    expect(r.faces).toHaveLength(2);
    const primary = r.faces.find((f: { primary: boolean }) => f.primary);
    expect(primary.id).toBe(r.primaryTrackId);
    expect(primary.medianFaceSizePx).toBeGreaterThan(150);
    // Every built-in signal reports on the primary face; while none could judge it (e.g. no
    // trained model installed), the verdict says so instead of guessing.
    expect(Object.keys(r.signals)).toContain('face-swap');
    const statuses = Object.values(r.signals).map((x) => (x as { status: string }).status);
    for (const status of statuses) expect(['ok', 'insufficient-data', 'degraded']).toContain(status);
    if (statuses.includes('ok')) {
      expect(['likely_real', 'suspicious', 'likely_fake']).toContain(r.verdict);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(r.timeline.at(-1).score).not.toBeNull();
    } else {
      expect(r.verdict).toBe('not_verified');
      expect(r.reasons[0].code).toBe('reason.no-detector');
    }
  });

  it('respects --max-seconds and --sample-fps, and speaks Chinese with --lang zh-CN', async () => {
    const clip = await makeMotionClip({ motion: 'pan', seconds: 3 });
    const { code, stdout } = await runCli([
      'scan',
      clip.path,
      '--json',
      '--max-seconds',
      '2',
      '--sample-fps',
      '5',
      '--lang',
      'zh-CN',
    ]);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.framesAnalyzed).toBe(10);
    expect(r.reasons[0].message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('treats a still image as a one-frame input', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cs-still-'));
    const img = await loadFacePhoto('faceid-man');
    const file = path.join(dir, 'face.png');
    await sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 3 } })
      .resize(img.width * 2)
      .png()
      .toFile(file);
    const { code, stdout } = await runCli(['scan', file, '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.framesAnalyzed).toBe(1);
    expect(r.faces).toHaveLength(1);
    expect(r.media.isStillImage).toBe(true);
  });
});

describe('scan on bad input', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cs-bad-'));
  const empty = path.join(dir, 'empty.mp4');
  const text = path.join(dir, 'text.mp4');
  const folder = path.join(dir, 'a-folder');
  writeFileSync(empty, '');
  writeFileSync(text, 'hello, this is not a video\n');
  mkdirSync(folder);

  it.each([
    ['a missing file', () => path.join(dir, 'missing.mp4'), 'E_INPUT_MISSING'],
    ['a zero-byte file', () => empty, 'E_INPUT_EMPTY'],
    ['a text file named .mp4', () => text, 'E_INPUT_UNREADABLE'],
    ['a directory', () => folder, 'E_INPUT_IS_DIRECTORY'],
  ])('%s: exit 2 with one clear line', async (_label, file, code) => {
    const r = await runCli(['scan', file(), '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(code);
  });

  it('a truncated mp4: exit 2 with one clear line', async () => {
    const clip = await makeMotionClip({ motion: 'static', seconds: 2 });
    const bytes = readFileSync(clip.path);
    const truncated = path.join(dir, 'truncated.mp4');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.4)));
    const r = await runCli(['scan', truncated, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('E_INPUT_UNREADABLE');
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['scan'])).code).toBe(2);
    expect((await runCli(['scan', 'a.mp4', '--max-seconds', 'ten'])).code).toBe(2);
    expect((await runCli(['scan', 'a.mp4', '--no-such-flag'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
  });

  it('--help explains each command', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('scan');
    expect(top.stdout).toContain('bench');
    const scan = await runCli(['scan', '--help']);
    expect(scan.stdout).toContain('--max-seconds');
  });

  it('the installed bin: exit 2 and no stack trace for a bad file', async () => {
    const bin = path.resolve('bin/callsentinel.js');
    const result = await promisify(execFile)(process.execPath, [bin, 'scan', text, '--json']).catch((e) => e);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = String(result.stderr).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/^\s+at /);
  });
});
