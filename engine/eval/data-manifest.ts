// The shared face-media collection (CALLSENTINEL_DATA): where it is, and its MANIFEST.tsv as
// typed rows. Evaluation, dataset building and the data tests all read it through here.

import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CallSentinelError } from '../core/errors.ts';

export type MediaKind =
  'real_video' | 'fake_video' | 'real_image' | 'fake_image' | 'print_attack' | 'replay_attack';
export type MediaCategory = 'genuine' | 'swap' | 'talking_head' | 'synthetic_image' | 'print' | 'replay';

export interface ManifestRow {
  file: string;
  /** Absolute path of the media file. */
  path: string;
  kind: MediaKind;
  category: MediaCategory;
  /** `single`, `side_by_side:left=genuine,right=swap`, `panels`, `inset`, `screen_recording`. */
  layout: string;
  identityGroup: string;
  method: string | null;
  notes: string;
  durationResolution: string;
  sourceRepo: string;
  license: string;
  bytes: number;
}

/**
 * The data folder: the explicit option, else CALLSENTINEL_DATA. Returns null when neither is
 * given; throws E_DATA_MISSING when one is given but is not a folder with a MANIFEST.tsv.
 */
export function resolveDataDir(option?: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = option ?? env.CALLSENTINEL_DATA;
  if (!chosen) return null;
  const dir = path.resolve(chosen);
  if (!existsSync(dir) || !statSync(dir).isDirectory() || !existsSync(path.join(dir, 'MANIFEST.tsv'))) {
    throw new CallSentinelError('E_DATA_MISSING', { path: dir });
  }
  return dir;
}

export async function readManifest(dataDir: string): Promise<ManifestRow[]> {
  const text = await readFile(path.join(dataDir, 'MANIFEST.tsv'), 'utf8');
  const [header, ...lines] = text.split('\n').filter((l) => l.trim() !== '');
  const columns = header!.split('\t');
  const col = (name: string) => {
    const i = columns.indexOf(name);
    if (i < 0) throw new Error(`MANIFEST.tsv has no column ${name}`);
    return i;
  };
  const at = {
    file: col('file'),
    kind: col('kind'),
    category: col('category'),
    layout: col('layout'),
    group: col('identity_group'),
    method: col('method_if_fake'),
    notes: col('notes'),
    dur: col('duration_resolution'),
    repo: col('source_repo'),
    license: col('repo_license'),
    bytes: col('bytes'),
  };
  return lines.map((line) => {
    const f = line.split('\t');
    const method = f[at.method] ?? '-';
    return {
      file: f[at.file]!,
      path: path.join(dataDir, 'media', f[at.file]!),
      kind: f[at.kind] as MediaKind,
      category: f[at.category] as MediaCategory,
      layout: f[at.layout]!,
      identityGroup: f[at.group]!,
      method: method === '-' || method === '' ? null : method,
      notes: f[at.notes] ?? '',
      durationResolution: f[at.dur] ?? '',
      sourceRepo: f[at.repo] ?? '',
      license: f[at.license] ?? '',
      bytes: Number(f[at.bytes] ?? 0),
    };
  });
}
