// Every converted model must reproduce the original TF.js graph (tfjs-converter on the pure-JS CPU
// backend) within 1e-3 on every output, on a real photo and on seeded noise, both scaled to the
// model's input range. Converts into a temporary folder, so it runs on a fresh clone too.
// movenet-lightning decodes its heatmaps inside the graph (ArgMax → integer cell → GatherNd): its
// output is float, but a near-tie between two cells would move a keypoint by a whole cell (1/48).
// None occurs on these inputs (measured max difference 1.3e-6); the bar stays 1e-3.

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelManifest } from '../../../engine/runtime/index.ts';
import { convertHumanModels, resolveHumanPackageDir } from '../../../scripts/models/convert-human-models.ts';
import { converterFingerprint } from '../../../scripts/models/fingerprint.ts';
import { HUMAN_MODELS } from '../../../scripts/models/human-models.ts';
import { parseModelJson } from '../../../scripts/models/tfjs/graph-model.ts';
import { useModelStore } from '../../support/model-store.ts';
import { maxAbsDiff, randomFloats } from '../../support/seeded-random.ts';
import { loadReferenceModel } from '../../support/tfjs-reference.ts';

const TOLERANCE = 1e-3;
const packageDir = resolveHumanPackageDir();
const PHOTO = join(packageDir, 'assets', 'screenshot-faceid.jpg');

async function photoInput(
  dims: readonly number[],
  [low, high]: readonly [number, number],
): Promise<Float32Array> {
  const [, height, width] = dims as [number, number, number, number];
  const rgb = await sharp(PHOTO).resize(width, height, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  return Float32Array.from(rgb, (v) => low + ((high - low) * v) / 255);
}

describe('converted human models match TF.js', () => {
  let outDir: string;
  let manifest: ModelManifest;

  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'callsentinel-models-'));
    manifest = convertHumanModels({ outDir, packageDir });
  });
  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });
  // Made after the folder exists, disposed before it is removed (afterAll hooks run last-first).
  const store = useModelStore(() => ({ modelsDir: outDir, threads: 2 }));

  it.each(HUMAN_MODELS.map((m) => [m.name, m] as const))('%s', async (name, source) => {
    const entry = manifest.models.find((m) => m.name === name)!;
    expect(entry.input.layout).toBe('NHWC');
    const json = parseModelJson(readFileSync(join(packageDir, 'models', source.json.file), 'utf8'));
    const reference = await loadReferenceModel(
      json,
      new Uint8Array(readFileSync(join(packageDir, 'models', source.bin.file))),
    );
    const model = await store().load(name);
    expect(model.inputDims).toEqual(entry.input.dims);
    expect(model.outputNames).toEqual(entry.outputs.map((o) => o.name));
    const count = entry.input.dims.reduce((a, b) => a * b, 1);
    const inputs = {
      photo: await photoInput(entry.input.dims, source.inputValues),
      noise: randomFloats(count, 20240601, source.inputValues[0], source.inputValues[1]),
    };
    try {
      for (const [kind, input] of Object.entries(inputs)) {
        const expected = reference.run(
          input,
          entry.input.dims,
          entry.outputs.map((o) => o.sourceName),
        );
        const actual = await model.run(input, entry.input.dims);
        entry.outputs.forEach((output, i) => {
          const got = actual[output.name]!;
          expect(got.dims, `${name} ${output.name} dims`).toEqual(expected[i]!.dims);
          expect(got.dims).toEqual(output.dims);
          const diff = maxAbsDiff(got.data, expected[i]!.data);
          expect(diff, `${name} ${output.name} on ${kind}: max |onnx - tfjs|`).toBeLessThanOrEqual(TOLERANCE);
        });
      }
    } finally {
      reference.dispose();
    }
  });

  it('converts deterministically (same bytes on a second run)', () => {
    const again = mkdtempSync(join(tmpdir(), 'callsentinel-models-'));
    try {
      const second = convertHumanModels({ outDir: again, packageDir, only: ['blazeface', 'liveness'] });
      for (const entry of second.models) {
        expect(entry.sha256).toBe(manifest.models.find((m) => m.name === entry.name)!.sha256);
        const bytes = readFileSync(join(again, entry.file));
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
      }
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('matches models/vendor when it was made by this converter', () => {
    const vendorManifest = join(process.cwd(), 'models', 'vendor', 'manifest.json');
    if (!existsSync(vendorManifest)) return;
    const vendor = JSON.parse(readFileSync(vendorManifest, 'utf8')) as ModelManifest;
    if (vendor.converter.fingerprint !== converterFingerprint(join(process.cwd(), 'scripts', 'models')))
      return;
    for (const entry of vendor.models)
      expect(entry.sha256).toBe(manifest.models.find((m) => m.name === entry.name)?.sha256);
  });

  it('releases sessions on dispose', async () => {
    const model = await store().load('liveness');
    await store().dispose();
    await expect(model.run(new Float32Array(32 * 32 * 3), [1, 32, 32, 3])).rejects.toThrow(/disposed/);
  });
});
