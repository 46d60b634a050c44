// Fingerprint of the converter's own sources, stored in the manifest so that postinstall can tell
// whether models/vendor was made by this converter. scripts/postinstall.js computes the same
// value in plain JS; test/unit/models/fingerprint.test.ts keeps the two in step.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

function listTsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return listTsFiles(full);
    return entry.isFile() && entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** sha256 over "<posix path>\n<sha256 of file>\n" for every .ts file under `dir`, sorted by path. */
export function converterFingerprint(dir: string): string {
  const entries = listTsFiles(dir)
    .map((file) => ({ path: relative(dir, file).split(sep).join('/'), file }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const hash = createHash('sha256');
  for (const { path, file } of entries) {
    hash.update(`${path}\n${createHash('sha256').update(readFileSync(file)).digest('hex')}\n`);
  }
  return hash.digest('hex');
}
