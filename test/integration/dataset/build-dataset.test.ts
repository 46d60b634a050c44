// `callsentinel dataset` end to end on a tiny data folder the test writes: a side-by-side clip of
// two different generated portraits (left genuine, right swap), a still portrait, a file that
// cannot be read, and a byte-identical copy of the still under another identity group. Checks the cache files, the labels per region, the landmarks in crop pixels,
// the folds, and that a second run re-uses every part.

import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../engine/cli/cli-io.ts';
import { main } from '../../../engine/cli/main.ts';
import type { BuildReport, FoldsFile, ItemRecord, SampleRecord } from '../../../engine/eval/dataset/index.ts';
import { CONTEXT_CROP_ZOOM } from '../../../engine/face/index.ts';
import { loadFacePhoto } from '../../../engine/eval/synthetic/face-photos.ts';
import { makeMotionClip } from '../../../engine/eval/synthetic/motion-clips.ts';
import { runFfmpeg } from '../../../engine/eval/synthetic/render.ts';
import { buildSignalTable } from '../../../engine/eval/signal-table/build-signal-table.ts';
import { ModelStore } from '../../../engine/runtime/index.ts';

const HEADER = [
  'file',
  'kind',
  'category',
  'layout',
  'identity_group',
  'method_if_fake',
  'notes',
  'duration_resolution',
  'source_repo',
  'source_path',
  'source_commit',
  'repo_license',
  'bytes',
];

async function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { ...process.env, CALLSENTINEL_DATA: undefined, CALLSENTINEL_CACHE: undefined, ...env },
    stderrIsTty: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const readJsonLines = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as T);

describe('callsentinel dataset', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'callsentinel-dataset-test-'));
  const dataDir = path.join(root, 'data');
  const cacheRoot = path.join(root, 'cache');
  const dir = path.join(cacheRoot, 'face-crops-v1');
  let first: { code: number; stdout: string; stderr: string };
  let items: ItemRecord[];
  let samples: SampleRecord[];

  beforeAll(async () => {
    mkdirSync(path.join(dataDir, 'media'), { recursive: true });
    // Two different people, 320×240 each, side by side → 640×240 (2 s at 10 frames/s).
    const clip = (photo: 'faceid-man' | 'facedetect-woman-auburn') =>
      makeMotionClip({
        motion: 'static',
        photo,
        width: 320,
        height: 240,
        fps: 10,
        seconds: 2,
        faceHeight: 110,
      });
    const [left, right] = await Promise.all([clip('faceid-man'), clip('facedetect-woman-auburn')]);
    await runFfmpeg([
      '-loglevel',
      'error',
      '-i',
      left.path,
      '-i',
      right.path,
      '-filter_complex',
      'hstack=inputs=2',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '18',
      '-pix_fmt',
      'yuv420p',
      '-y',
      path.join(dataDir, 'media', 'sbs.mp4'),
    ]);
    const photo = await loadFacePhoto('facedetect-man');
    await sharp(Buffer.from(photo.data), { raw: { width: photo.width, height: photo.height, channels: 3 } })
      .resize(photo.width * 2)
      .png()
      .toFile(path.join(dataDir, 'media', 'still.png'));
    writeFileSync(path.join(dataDir, 'media', 'broken.mp4'), 'this is not a video');
    copyFileSync(path.join(dataDir, 'media', 'still.png'), path.join(dataDir, 'media', 'still-copy.png'));
    const rows = [
      [
        'sbs.mp4',
        'fake_video',
        'swap',
        'side_by_side:left=genuine,right=swap',
        'dfl-model:A',
        'DeepFaceLive',
      ],
      ['still.png', 'real_image', 'genuine', 'single', 'people:B', '-'],
      ['broken.mp4', 'real_video', 'genuine', 'single', 'people:C', '-'],
      // the same bytes as still.png listed again under another group (the real manifest has such rows)
      ['still-copy.png', 'real_image', 'genuine', 'single', 'people:D', '-'],
    ].map((r) => [...r, 'notes', '', 'repo', 'path', 'commit', 'MIT', '1'].join('\t'));
    writeFileSync(path.join(dataDir, 'MANIFEST.tsv'), [HEADER.join('\t'), ...rows, ''].join('\n'));

    first = await runCli([
      'dataset',
      '--data',
      dataDir,
      '--cache',
      cacheRoot,
      '--max-per-item',
      '6',
      '--folds',
      '2',
      '--json',
    ]);
    items = readJsonLines<ItemRecord>(path.join(dir, 'items.jsonl'));
    samples = readJsonLines<SampleRecord>(path.join(dir, 'samples.jsonl'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('builds the cache, reports the unreadable file as skipped, and prints one progress line per file', () => {
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as BuildReport;
    expect(report.cacheDir).toBe(dir);
    expect(report.files).toMatchObject({ planned: 3, processed: 3, analysed: 2, cached: 0, failed: 1 });
    expect(report.skipped).toEqual([
      expect.objectContaining({
        file: 'still-copy.png',
        region: null,
        reason: expect.stringMatching(/^duplicate/),
      }),
      expect.objectContaining({ file: 'broken.mp4', region: null }),
    ]);
    const lines = first.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\[1\/3\] sbs\.mp4: \d+ frames, crops left \d+, right \d+, [\d.]+ s$/);
    for (const f of ['items.jsonl', 'samples.jsonl', 'folds.json', 'build.json'])
      expect(existsSync(path.join(dir, f))).toBe(true);
  });

  it('side by side: two items with their own tracks, left genuine, right swap, both from the row’s group', () => {
    const left = items.find((i) => i.file === 'sbs.mp4' && i.region === 'left')!;
    const right = items.find((i) => i.file === 'sbs.mp4' && i.region === 'right')!;
    expect(left).toMatchObject({ category: 'genuine', label: 0, method: null, identityGroup: 'dfl-model:A' });
    expect(right).toMatchObject({
      category: 'swap',
      label: 1,
      method: 'DeepFaceLive',
      identityGroup: 'dfl-model:A',
    });
    expect(left.kind).toBe('fake_video');
    for (const item of [left, right]) {
      expect(item.itemId).toMatch(new RegExp(`^[0-9a-f]{16}-${item.region}$`));
      expect(item.framesAnalyzed).toBe(8); // 2 s at 4 frames/s
      expect(item.primaryTrackId).not.toBeNull();
      expect(item.medianFaceSizePx).toBeGreaterThan(80);
      expect(item.samples).toBe(6); // 8 frames with a face, thinned to --max-per-item
      expect(item.durationSec).toBeCloseTo(2, 1);
    }
    // The two halves show different people: their crops must differ clearly.
    const l = samples.find((s) => s.itemId === left.itemId)!;
    const r = samples.find((s) => s.itemId === right.itemId)!;
    expect(l.trackId).toBe(left.primaryTrackId);
    expect(r.trackId).toBe(right.primaryTrackId);
    expect(readFileSync(path.join(dir, l.crop)).equals(readFileSync(path.join(dir, r.crop)))).toBe(false);
  });

  it('samples: crops and masks on disk (224×224 RGB / grey), landmarks in crop pixels, labels joined', async () => {
    expect(samples).toHaveLength(items.reduce((n, i) => n + i.samples, 0));
    for (const s of samples) {
      const item = items.find((i) => i.itemId === s.itemId)!;
      expect(s).toMatchObject({ label: item.label, fold: item.fold, region: item.region, file: item.file });
      expect(s.id).toBe(`${s.itemId}/${s.frameIndex}`);
      expect(s.crop).toBe(`crops/${s.itemId}/${s.frameIndex}.png`);
      expect(s.mask).toBe(`crops/${s.itemId}/${s.frameIndex}-mask.png`);
      expect(s.context).toBe(`crops/${s.itemId}/${s.frameIndex}-context.png`);
      expect(s.landmarks).toHaveLength(468 * 2);
      for (const v of s.landmarks) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(224);
        expect(Math.round(v * 10)).toBeCloseTo(v * 10, 6);
      }
      expect(s.faceSizePx).toBeGreaterThanOrEqual(48);
    }
    const s = samples[0]!;
    const crop = await sharp(path.join(dir, s.crop)).metadata();
    const mask = await sharp(path.join(dir, s.mask)).metadata();
    expect([crop.width, crop.height, crop.channels]).toEqual([224, 224, 3]);
    expect([mask.width, mask.height, mask.channels]).toEqual([224, 224, 1]);
    // The mesh's face outline lies inside the mask's face area.
    const maskPixels = await sharp(path.join(dir, s.mask)).extractChannel(0).raw().toBuffer();
    const nose = 1; // mesh point 1: nose tip
    const [nx, ny] = [Math.floor(s.landmarks[2 * nose]!), Math.floor(s.landmarks[2 * nose + 1]!)];
    expect(maskPixels[ny * 224 + nx]).toBe(255);
  });

  it('context crops: the aligned crop, zoomed out 2× about its centre, with the scene around it', async () => {
    expect(CONTEXT_CROP_ZOOM).toBe(2);
    for (const s of samples.slice(0, 3)) {
      const context = await sharp(path.join(dir, s.context)).metadata();
      expect([context.width, context.height, context.channels]).toEqual([224, 224, 3]);
      // Its central 112 px square is the aligned crop at half size (bilinear vs area: a few levels apart).
      const centre = await sharp(path.join(dir, s.context))
        .extract({ left: 56, top: 56, width: 112, height: 112 })
        .raw()
        .toBuffer();
      const shrunk = await sharp(path.join(dir, s.crop))
        .resize(112, 112, { kernel: 'cubic' })
        .raw()
        .toBuffer();
      let diff = 0;
      for (let i = 0; i < centre.length; i++) diff += Math.abs(centre[i]! - shrunk[i]!);
      expect(diff / centre.length).toBeLessThan(6);
      // ...and not just any image: the whole context crop differs from the aligned crop.
      const whole = await sharp(path.join(dir, s.context)).raw().toBuffer();
      const crop = await sharp(path.join(dir, s.crop)).raw().toBuffer();
      let apart = 0;
      for (let i = 0; i < whole.length; i++) apart += Math.abs(whole[i]! - crop[i]!);
      expect(apart / whole.length).toBeGreaterThan(10);
    }
  });

  it('the still image is one item with one crop; folds keep groups apart and match folds.json', () => {
    const still = items.find((i) => i.file === 'still.png')!;
    expect(still).toMatchObject({ region: 'full', label: 0, framesAnalyzed: 1, durationSec: 0, samples: 1 });
    const folds = JSON.parse(readFileSync(path.join(dir, 'folds.json'), 'utf8')) as FoldsFile;
    expect(folds.k).toBe(2);
    expect(Object.keys(folds.groups).sort()).toEqual(['dfl-model:A', 'people:B', 'people:C', 'people:D']);
    // The copy is built once (under the first row) and its group shares that row's fold.
    expect(items.filter((i) => i.file.startsWith('still'))).toHaveLength(1);
    expect(folds.groups['people:D']).toBe(folds.groups['people:B']);
    for (const i of items) expect(i.fold).toBe(folds.groups[i.identityGroup]);
    expect(folds.counts.reduce((n, c) => n + c.items, 0)).toBe(items.length);
    expect(folds.counts.reduce((n, c) => n + c.swap, 0)).toBe(1);
  });

  it('a second run re-uses every part and writes the same index', async () => {
    const again = await runCli(
      ['dataset', '--data', dataDir, '--max-per-item', '6', '--folds', '2', '--json'],
      {
        CALLSENTINEL_CACHE: cacheRoot,
      },
    );
    expect(again.code, again.stderr).toBe(0);
    const report = JSON.parse(again.stdout) as BuildReport;
    expect(report.files).toMatchObject({ analysed: 0, cached: 2, failed: 1 });
    expect(again.stderr).toMatch(/sbs\.mp4: 8 frames, crops left 6, right 6, [\d.]+ s \(cached\)/);
    expect(readJsonLines<ItemRecord>(path.join(dir, 'items.jsonl'))).toEqual(items);
    expect(readJsonLines<SampleRecord>(path.join(dir, 'samples.jsonl'))).toEqual(samples);
  });

  it('--keep-folds: an extra category keeps the folds groups already had; a k mismatch is refused', async () => {
    const before = JSON.parse(readFileSync(path.join(dir, 'folds.json'), 'utf8')) as FoldsFile;
    const rows = readFileSync(path.join(dataDir, 'MANIFEST.tsv'), 'utf8');
    const talking = ['talk.mp4', 'fake_video', 'talking_head', 'single', 'people:E', 'SadTalker'];
    // Another file (not a byte copy, which the builder would treat as a duplicate): the left half.
    await runFfmpeg([
      '-loglevel',
      'error',
      '-i',
      path.join(dataDir, 'media', 'sbs.mp4'),
      '-vf',
      'crop=iw/2:ih:0:0',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-y',
      path.join(dataDir, 'media', 'talk.mp4'),
    ]);
    writeFileSync(
      path.join(dataDir, 'MANIFEST.tsv'),
      `${rows}${[...talking, 'notes', '', 'repo', 'path', 'commit', 'MIT', '1'].join('\t')}\n`,
    );
    const args = ['dataset', '--data', dataDir, '--cache', cacheRoot, '--max-per-item', '6', '--folds', '2'];
    const extended = await runCli([
      ...args,
      '--categories',
      'genuine,swap,talking_head',
      '--keep-folds',
      '--json',
    ]);
    expect(extended.code, extended.stderr).toBe(0);
    const after = JSON.parse(readFileSync(path.join(dir, 'folds.json'), 'utf8')) as FoldsFile;
    for (const [group, fold] of Object.entries(before.groups)) expect(after.groups[group]).toBe(fold);
    expect(after.groups['people:E']).toBeGreaterThanOrEqual(0);
    const talkItem = readJsonLines<ItemRecord>(path.join(dir, 'items.jsonl')).find(
      (i) => i.file === 'talk.mp4',
    );
    expect(talkItem).toMatchObject({ category: 'talking_head', label: null, fold: after.groups['people:E'] });
    const mismatch = await runCli([...args.slice(0, -1), '3', '--keep-folds']);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toMatch(/--keep-folds: .*2 folds.*\[E_USAGE\]/);
    // Put the manifest back for the tests that follow.
    writeFileSync(path.join(dataDir, 'MANIFEST.tsv'), rows);
  });

  it('the signal table scans each video item’s own region with the passive signals and re-uses it', async () => {
    const models = new ModelStore();
    try {
      const cached: boolean[] = [];
      const build = (maxSeconds?: number) =>
        buildSignalTable({
          dataDir,
          cropCacheDir: dir,
          cacheRoot,
          models,
          categories: ['genuine', 'swap'],
          maxSeconds,
          onProgress: (p) => cached.push(p.cached),
        });
      const table = await build();
      expect(table.dir).toBe(path.join(cacheRoot, 'signal-table-v1'));
      expect(table.settings.signals).not.toContain('face-swap');
      expect(table.items.map((i) => `${i.region}:${i.category}`).sort()).toEqual([
        'left:genuine',
        'right:swap',
      ]);
      for (const item of table.items) {
        expect(item.error).toBeNull();
        expect(item.framesAnalyzed).toBe(20); // every frame of 2 s at 10 frames/s
        expect(item.primaryTrackId).not.toBeNull();
        const pad = item.signals['presentation-attack']!;
        expect(pad.status).toBe('ok');
        expect(pad.features.rawScore).toBeTypeOf('number');
        expect(Object.keys(item.signals).sort()).toEqual(table.settings.signals.slice().sort());
      }
      // The halves show different people, so the region really was cut: their scores differ.
      const [a, b] = table.items.map((i) => i.signals['presentation-attack']!.features.rawScore);
      expect(a).not.toBe(b);
      cached.length = 0;
      const again = await build();
      expect(again.items).toEqual(table.items);
      expect(cached).toEqual([true, true]); // read back from its parts, not scanned again
      // A setting that changes what the signals see makes every part stale.
      cached.length = 0;
      const shorter = await build(1);
      expect(cached).toEqual([false, false]);
      expect(shorter.items.map((i) => i.framesAnalyzed)).toEqual([10, 10]);
    } finally {
      await models.dispose();
    }
  });

  it('bad usage exits 2 with one line and a code', async () => {
    for (const args of [
      ['--folds', '1'],
      ['--max-per-item', '2.5'],
      ['--categories', 'genuine,deepfake'],
      ['--sample-fps', '0'],
      ['--bogus'],
      ['extra-arg'],
      ['--cache', path.join(process.cwd(), 'cache-inside-repo')],
    ]) {
      const r = await runCli(['dataset', '--data', dataDir, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^callsentinel dataset: .+ \[E_USAGE\]\n$/);
    }
    const missing = await runCli(['dataset', '--cache', cacheRoot]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/\[E_DATA_MISSING\]/);
    const help = await runCli(['dataset', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--max-per-item/);
  });
});
