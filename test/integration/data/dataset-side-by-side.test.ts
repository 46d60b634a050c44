// The dataset builder on one real side-by-side DeepFaceLive clip of the shared data (the shortest
// in the manifest): two items, the left half labelled genuine, the right half labelled swap.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../engine/cli/cli-io.ts';
import { main } from '../../../engine/cli/main.ts';
import { readManifest } from '../../../engine/eval/data-manifest.ts';
import type { ItemRecord, SampleRecord } from '../../../engine/eval/dataset/index.ts';
import { sharedDataDir } from '../../support/shared-data.ts';

const dataDir = sharedDataDir('dataset builder on a DeepFaceLive side-by-side clip');

describe.skipIf(!dataDir)('dataset builder on a real side-by-side clip', () => {
  const cacheRoot = mkdtempSync(path.join(os.tmpdir(), 'callsentinel-dataset-data-'));
  afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));

  it('gives two items: left genuine, right swap, each with crops', async () => {
    const rows = await readManifest(dataDir!);
    const clip = rows
      .filter((r) => r.layout.startsWith('side_by_side') && r.method?.includes('DeepFaceLive'))
      .sort((a, b) => a.bytes - b.bytes)[0];
    expect(clip, 'a DeepFaceLive side-by-side row in the manifest').toBeDefined();
    let stderr = '';
    const io: CliIo = {
      stdout: () => undefined,
      stderr: (t) => void (stderr += t),
      env: process.env,
      stderrIsTty: false,
    };
    const code = await main(
      ['dataset', '--data', dataDir!, '--cache', cacheRoot, '--only', clip!.file, '--max-per-item', '8'],
      io,
    );
    expect(code, stderr).toBe(0);
    const dir = path.join(cacheRoot, 'face-crops-v1');
    const lines = (f: string) => readFileSync(path.join(dir, f), 'utf8').trim().split('\n').filter(Boolean);
    const items = lines('items.jsonl').map((l) => JSON.parse(l) as ItemRecord);
    const samples = lines('samples.jsonl').map((l) => JSON.parse(l) as SampleRecord);
    expect(items.map((i) => [i.file, i.region, i.label, i.category])).toEqual([
      [clip!.file, 'left', 0, 'genuine'],
      [clip!.file, 'right', 1, 'swap'],
    ]);
    for (const item of items) {
      expect(item.identityGroup).toBe(clip!.identityGroup);
      expect(item.samples).toBeGreaterThan(0);
      expect(item.samples).toBeLessThanOrEqual(8);
      expect(samples.filter((s) => s.itemId === item.itemId)).toHaveLength(item.samples);
    }
    expect(items[1]!.method).toBe(clip!.method);
    expect(items[0]!.method).toBeNull();
  });
});
