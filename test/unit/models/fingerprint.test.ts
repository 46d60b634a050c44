import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { converterFingerprint } from '../../../scripts/models/fingerprint.ts';

interface PostinstallModule {
  converterFingerprint(dir?: string): string;
  staleReason(vendorDir?: string): string | null;
}

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const postinstallPath = pathToFileURL(join(ROOT, 'scripts', 'postinstall.js')).href;
const loadPostinstall = async () => (await import(postinstallPath)) as PostinstallModule;

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('converter fingerprint', () => {
  it('is computed the same way by the converter and by postinstall.js', async () => {
    const postinstall = await loadPostinstall();
    const dir = join(ROOT, 'scripts', 'models');
    expect(converterFingerprint(dir)).toMatch(/^[0-9a-f]{64}$/);
    expect(postinstall.converterFingerprint(dir)).toBe(converterFingerprint(dir));
  });

  it('postinstall sees a vendor folder as up to date only when every file checks out', async () => {
    const postinstall = await loadPostinstall();
    const vendor = mkdtempSync(join(tmpdir(), 'callsentinel-vendor-'));
    temps.push(vendor);
    expect(postinstall.staleReason(vendor)).toBe('no manifest');
    const onnx = Buffer.from('not really onnx');
    writeFileSync(join(vendor, 'm.onnx'), onnx);
    const manifest = {
      schemaVersion: 1,
      converter: { name: 'x', fingerprint: converterFingerprint(join(ROOT, 'scripts', 'models')), opset: 13 },
      models: [
        {
          name: 'm',
          file: 'm.onnx',
          sha256: createHash('sha256').update(onnx).digest('hex'),
          source: { version: '3.3.6' },
        },
      ],
    };
    writeFileSync(join(vendor, 'manifest.json'), JSON.stringify(manifest));
    expect(postinstall.staleReason(vendor)).toBeNull();
    writeFileSync(join(vendor, 'm.onnx'), 'changed');
    expect(postinstall.staleReason(vendor)).toBe('m: checksum mismatch');
    writeFileSync(
      join(vendor, 'manifest.json'),
      JSON.stringify({ ...manifest, converter: { fingerprint: 'old' } }),
    );
    expect(postinstall.staleReason(vendor)).toBe('converter changed');
  });
});
