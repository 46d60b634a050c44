import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallSentinelError } from '../../../engine/core/errors.ts';
import {
  defaultModelsDir,
  defaultTrainedModelsDir,
  MODELS_DIR_ENV,
  ModelStore,
  type ManifestModel,
  type ModelManifest,
} from '../../../engine/runtime/index.ts';
import { TINY_INPUT_DIMS, tinyOnnxModel } from '../../support/tiny-onnx.ts';
import { writeStandInModelsDir } from '../../support/stand-in-face-swap.ts';

const BYTES = tinyOnnxModel();
const SHA = createHash('sha256').update(BYTES).digest('hex');

function entry(overrides: Partial<ManifestModel> = {}): ManifestModel {
  return {
    name: 'tiny',
    file: 'tiny.onnx',
    sha256: SHA,
    bytes: BYTES.length,
    source: { package: 'test', version: '0', files: [] },
    input: {
      name: 'x',
      dims: [...TINY_INPUT_DIMS],
      layout: 'NHWC',
      range: '[0, 1]',
      valueRange: [0, 1],
      sourceName: 'x',
    },
    outputs: [{ name: 'y', dims: [...TINY_INPUT_DIMS], sourceName: 'y' }],
    licence: 'test',
    upstream: { project: 'test', url: 'none', licence: 'test' },
    purpose: 'test',
    ...overrides,
  };
}

function writeManifest(dir: string, models: ManifestModel[]): void {
  const manifest: ModelManifest = {
    schemaVersion: 1,
    converter: { name: 'test', fingerprint: 'f', opset: 13 },
    models,
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return error instanceof CallSentinelError ? error.code : `not a CallSentinelError: ${String(error)}`;
  }
  return undefined;
}

describe('ModelStore', () => {
  let dir: string;
  let store: ModelStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'callsentinel-store-'));
    writeFileSync(join(dir, 'tiny.onnx'), BYTES);
    writeManifest(dir, [
      entry(),
      entry({ name: 'gone', file: 'gone.onnx' }),
      entry({ name: 'bad', file: 'bad.onnx' }),
    ]);
    writeFileSync(join(dir, 'bad.onnx'), Buffer.concat([BYTES, Buffer.of(0)]));
    store = new ModelStore({ modelsDir: dir, threads: 1 });
  });

  afterEach(async () => {
    await store.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads a model checked against the manifest and runs it', async () => {
    const model = await store.load('tiny');
    expect(model).toMatchObject({
      name: 'tiny',
      sha256: SHA,
      inputName: 'x',
      inputDims: [1, 2, 2, 3],
      outputNames: ['y'],
    });
    const input = Float32Array.from({ length: 12 }, (_, i) => i / 10);
    const out = await model.run(input, [1, 2, 2, 3]);
    expect(Object.keys(out)).toEqual(['y']);
    expect(out.y!.dims).toEqual([1, 2, 2, 3]);
    expect(out.y!.data).toBeInstanceOf(Float32Array);
    Array.from(out.y!.data).forEach((v, i) => expect(v).toBeCloseTo(Math.max(0, (2 * i) / 10 - 1), 6));
  });

  it('caches one session per name until dispose()', async () => {
    const [a, b] = await Promise.all([store.load('tiny'), store.load('tiny')]);
    expect(a).toBe(b);
    await store.dispose();
    const c = await store.load('tiny');
    expect(c).not.toBe(a);
    await expect(a.run(new Float32Array(12), [1, 2, 2, 3])).rejects.toThrow(/disposed/);
  });

  it('rejects a file whose sha256 differs from the manifest with E_MODEL_CHECKSUM', async () => {
    expect(await codeOf(store.load('bad'))).toBe('E_MODEL_CHECKSUM');
  });

  it('reports a missing model file, missing manifest and unknown name', async () => {
    expect(await codeOf(store.load('gone'))).toBe('E_MODEL_MISSING');
    expect(await codeOf(store.load('nope'))).toBe('E_MODEL_UNKNOWN');
    const empty = new ModelStore({ modelsDir: join(dir, 'nothing-here') });
    expect(await codeOf(empty.load('tiny'))).toBe('E_MODEL_MISSING');
    expect(await codeOf(empty.manifest())).toBe('E_MODEL_MISSING');
  });

  it('reports an invalid manifest with E_MODEL_MANIFEST', async () => {
    writeFileSync(join(dir, 'manifest.json'), '{"schemaVersion": 99}');
    expect(await codeOf(store.manifest())).toBe('E_MODEL_MANIFEST');
    writeFileSync(join(dir, 'manifest.json'), 'not json');
    expect(await codeOf(new ModelStore({ modelsDir: dir }).load('tiny'))).toBe('E_MODEL_MANIFEST');
  });

  it('retries after a failure instead of caching it', async () => {
    rmSync(join(dir, 'tiny.onnx'));
    expect(await codeOf(store.load('tiny'))).toBe('E_MODEL_MISSING');
    writeFileSync(join(dir, 'tiny.onnx'), BYTES);
    expect((await store.load('tiny')).name).toBe('tiny');
  });

  it('checks the input dims on run with E_MODEL_INPUT', async () => {
    const model = await store.load('tiny');
    expect(await codeOf(model.run(new Float32Array(12), [1, 3, 2, 2]))).toBe('E_MODEL_INPUT');
    expect(await codeOf(model.run(new Float32Array(11), [1, 2, 2, 3]))).toBe('E_MODEL_INPUT');
  });

  it('loads our trained models from their own manifest, sha256-checked', async () => {
    const trained = join(dir, 'trained');
    const { sha256 } = writeStandInModelsDir(trained);
    const both = new ModelStore({ modelsDir: dir, trainedModelsDir: trained, threads: 1 });
    try {
      const model = await both.load('face-swap');
      expect(model).toMatchObject({
        sha256,
        inputName: 'input',
        inputDims: [1, 16, 16, 3],
        outputNames: ['score'],
      });
      const out = await model.run(new Float32Array(16 * 16 * 3).fill(0.5), [1, 16, 16, 3]);
      expect(out.score!.data[0]).toBeCloseTo(0.5, 6);
      expect((await both.trainedModel('face-swap')).calibration).toBe('face-swap.calibration.json');
      expect(await codeOf(both.trainedModel('nope'))).toBe('E_MODEL_UNKNOWN');
      // Vendor names still come from the vendor manifest.
      expect((await both.load('tiny')).name).toBe('tiny');
      await both.dispose();
      writeFileSync(join(trained, 'face-swap.onnx'), Buffer.concat([BYTES, Buffer.of(1)]));
      expect(await codeOf(both.load('face-swap'))).toBe('E_MODEL_CHECKSUM');
      // A model names the crop it was trained on; only the kinds the engine can cut are accepted.
      const manifestPath = join(trained, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { models: Array<{ input: object }> };
      manifest.models[0]!.input = { ...manifest.models[0]!.input, crop: 'context' };
      writeFileSync(manifestPath, JSON.stringify(manifest));
      const context = new ModelStore({ modelsDir: dir, trainedModelsDir: trained, threads: 1 });
      expect((await context.trainedModel('face-swap')).input.crop).toBe('context');
      manifest.models[0]!.input = { ...manifest.models[0]!.input, crop: 'whole-frame' };
      writeFileSync(manifestPath, JSON.stringify(manifest));
      const bogus = new ModelStore({ modelsDir: dir, trainedModelsDir: trained, threads: 1 });
      expect(await codeOf(bogus.trainedModel('face-swap'))).toBe('E_MODEL_MANIFEST');
    } finally {
      await both.dispose();
    }
  });

  it('loads a model file outside the manifests with the spec it declares', async () => {
    const trained = join(dir, 'trained');
    const { sha256 } = writeStandInModelsDir(trained);
    const model = await store.loadFile(join(trained, 'face-swap.onnx'));
    expect(model).toMatchObject({
      sha256,
      inputName: 'input',
      inputDims: [1, 16, 16, 3],
      outputNames: ['score'],
    });
    expect(await store.loadFile(join(trained, 'face-swap.onnx'))).toBe(model);
    expect(await codeOf(store.loadFile(join(trained, 'missing.onnx')))).toBe('E_MODEL_MISSING');
  });

  it('defaults to <repo>/models/vendor, <repo>/models and one thread per session (DEFAULT_THREADS)', () => {
    const fresh = new ModelStore();
    expect(fresh.modelsDir).toBe(defaultModelsDir());
    expect(fresh.trainedModelsDir).toBe(defaultTrainedModelsDir());
    expect(fresh.trainedModelsDir.replace(/\\/g, '/')).toMatch(/\/models$/);
    expect(fresh.modelsDir.replace(/\\/g, '/')).toMatch(/\/models\/vendor$/);
    expect(fresh.threads).toBe(1);
    expect(new ModelStore({ threads: 2 }).threads).toBe(2);
    expect(() => new ModelStore({ threads: 0 })).toThrow(CallSentinelError);
  });

  it('takes our trained models from CALLSENTINEL_MODELS_DIR when set (a candidate), the vendor models never', () => {
    const shipped = defaultTrainedModelsDir();
    const vendor = defaultModelsDir();
    const candidate = join(tmpdir(), 'cs-candidate-models');
    process.env[MODELS_DIR_ENV] = candidate;
    try {
      expect(defaultTrainedModelsDir()).toBe(candidate);
      expect(new ModelStore().trainedModelsDir).toBe(candidate);
      expect(defaultModelsDir()).toBe(vendor);
    } finally {
      delete process.env[MODELS_DIR_ENV];
    }
    expect(defaultTrainedModelsDir()).toBe(shipped);
  });
});
