// npm postinstall: make sure models/vendor holds the ONNX models converted from @vladmandic/human
// (and the renderer's TFLite face detector from @mediapipe/face_detection, with its metadata).
// Skips quickly when models/vendor/manifest.json was written by this converter (same source
// fingerprint), for the installed source package versions, and every file matches its sha256.
// Otherwise runs scripts/models/convert-human-models.ts through tsx. On failure: one line, exit 1.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CONVERTER_DIR = join(ROOT, 'scripts', 'models');
const VENDOR_DIR = join(ROOT, 'models', 'vendor');

/** Installed version of an npm package, or undefined. */
function installedVersion(pkg) {
  const path = join(ROOT, 'node_modules', ...String(pkg).split('/'), 'package.json');
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')).version : undefined;
}

function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

function listTsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return listTsFiles(full);
    return entry.isFile() && entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Same value as converterFingerprint() in scripts/models/fingerprint.ts. */
export function converterFingerprint(dir = CONVERTER_DIR) {
  const entries = listTsFiles(dir)
    .map((file) => ({ path: relative(dir, file).split(sep).join('/'), file }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const hash = createHash('sha256');
  for (const { path, file } of entries) hash.update(`${path}\n${sha256(readFileSync(file))}\n`);
  return hash.digest('hex');
}

/** Why the vendor models need converting, or null when they are up to date. */
export function staleReason(vendorDir = VENDOR_DIR) {
  const manifestPath = join(vendorDir, 'manifest.json');
  if (!existsSync(manifestPath)) return 'no manifest';
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    return 'unreadable manifest';
  }
  if (manifest?.converter?.fingerprint !== converterFingerprint()) return 'converter changed';
  if (!Array.isArray(manifest.models) || manifest.models.length === 0) return 'empty manifest';
  // ONNX models, then the renderer's TFLite models (browserModels).
  const browserModels = Array.isArray(manifest.browserModels) ? manifest.browserModels : [];
  for (const model of [...manifest.models, ...browserModels]) {
    const pkg = model?.source?.package ?? '@vladmandic/human';
    if (model?.source?.version !== installedVersion(pkg))
      return `${model?.name}: made from another ${pkg} version`;
    const file = join(vendorDir, String(model.file));
    if (!existsSync(file)) return `${model.name}: file missing`;
    if (sha256(readFileSync(file)) !== model.sha256) return `${model.name}: checksum mismatch`;
  }
  return null;
}

function main() {
  const reason = staleReason();
  if (reason === null) {
    console.log('callsentinel: vendor models are up to date (models/vendor)');
    return 0;
  }
  const converter = join(CONVERTER_DIR, 'convert-human-models.ts');
  const child = spawnSync(process.execPath, ['--import', 'tsx', converter, '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  if (child.status === 0) {
    console.log(`callsentinel: converted vendor models into models/vendor (${reason})`);
    return 0;
  }
  const detail =
    child.error?.message ??
    (child.stderr ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .pop() ??
    `exit ${child.status ?? child.signal}`;
  console.error(`callsentinel: model conversion failed (${detail}); run "npm run models" to retry`);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exit(main());
}
