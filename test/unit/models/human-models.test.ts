import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isCallSentinelError } from '../../../engine/core/errors.ts';
import {
  convertHumanModels,
  main,
  resolveHumanPackageDir,
} from '../../../scripts/models/convert-human-models.ts';
import { HUMAN_MODELS, HUMAN_VERSION } from '../../../scripts/models/human-models.ts';

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'callsentinel-human-'));
  temps.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('human model table', () => {
  it('lists each model once, with its licence, purpose and input range', () => {
    expect(new Set(HUMAN_MODELS.map((m) => m.name)).size).toBe(HUMAN_MODELS.length);
    expect(HUMAN_MODELS.map((m) => m.name)).toEqual(
      expect.arrayContaining(['blazeface', 'facemesh', 'iris', 'faceres', 'antispoof', 'liveness']),
    );
    for (const m of HUMAN_MODELS) {
      expect(m.json.file).toBe(`${m.name}.json`);
      expect(m.bin.file).toBe(`${m.name}.bin`);
      expect(m.upstream.licence.length).toBeGreaterThan(0);
      expect(m.purpose.length).toBeGreaterThan(0);
      expect(m.inputValues[0]).toBeLessThan(m.inputValues[1]);
    }
  });

  it('matches the installed @vladmandic/human files', () => {
    const dir = resolveHumanPackageDir();
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version).toBe(HUMAN_VERSION);
    for (const m of HUMAN_MODELS) {
      for (const f of [m.json, m.bin]) {
        expect(
          createHash('sha256')
            .update(readFileSync(join(dir, 'models', f.file)))
            .digest('hex'),
          f.file,
        ).toBe(f.sha256);
      }
    }
  });
});

describe('source verification', () => {
  it('throws E_MODEL_SOURCE on a changed source file and writes nothing', () => {
    const real = resolveHumanPackageDir();
    const fake = tempDir();
    mkdirSync(join(fake, 'models'));
    writeFileSync(
      join(fake, 'package.json'),
      JSON.stringify({ name: '@vladmandic/human', version: HUMAN_VERSION }),
    );
    writeFileSync(
      join(fake, 'models', 'liveness.json'),
      `${readFileSync(join(real, 'models', 'liveness.json'), 'utf8')} `,
    );
    copyFileSync(join(real, 'models', 'liveness.bin'), join(fake, 'models', 'liveness.bin'));
    const outDir = join(tempDir(), 'vendor');
    let caught: unknown;
    try {
      convertHumanModels({ outDir, packageDir: fake, only: ['liveness'] });
    } catch (error) {
      caught = error;
    }
    expect(isCallSentinelError(caught) && caught.code).toBe('E_MODEL_SOURCE');
    expect(existsSync(join(outDir, 'manifest.json'))).toBe(false);
  });

  it('throws E_MODEL_SOURCE when a source file is missing', () => {
    const fake = tempDir();
    writeFileSync(join(fake, 'package.json'), JSON.stringify({ version: HUMAN_VERSION }));
    expect(() => convertHumanModels({ outDir: tempDir(), packageDir: fake, only: ['iris'] })).toThrow(
      expect.objectContaining({ code: 'E_MODEL_SOURCE' }),
    );
  });
});

describe('converter CLI', () => {
  it('returns 2 on usage errors and 0 after converting', () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(main(['--bogus'])).toBe(2);
    expect(main(['--only', 'nope', '--out', tempDir()])).toBe(2);
    const out = tempDir();
    expect(main(['--only', 'liveness', '--out', out, '--quiet'])).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.models.map((m: { name: string }) => m.name)).toEqual(['liveness']);
    expect(manifest.models[0].input).toMatchObject({
      name: 'conv2d_1_input',
      dims: [1, 32, 32, 3],
      layout: 'NHWC',
      valueRange: [0, 1],
    });
    expect(manifest.models[0].outputs).toEqual([
      { name: 'activation_6', dims: [1, 2], sourceName: 'Identity:0' },
    ]);
  });
});
