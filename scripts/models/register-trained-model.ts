// `npm run models:register -- NAME`: records one of our trained models in models/manifest.json
// (sha256, size, input/output spec read from the ONNX file itself, card and calibration file
// names), so ModelStore loads it sha256-checked like the vendor models. Run it whenever
// models/NAME.onnx changes; then fit its calibration again (`npm run eval -- --write-calibration`).

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import {
  CROP_KINDS,
  defaultTrainedModelsDir,
  MANIFEST_FILE,
  parseTrainedManifest,
  TRAINED_MANIFEST_SCHEMA_VERSION,
  type CropKind,
  type TrainedModel,
  type TrainedModelManifest,
} from '../../engine/runtime/index.ts';
import { specFromSession } from '../../engine/runtime/onnx-model.ts';

interface CardFields {
  input?: { range?: string; valueRange?: [number, number]; crop?: CropKind };
  /** A plain string, or the card's {weights, trainingMedia} terms. */
  licence?: string | { weights?: string };
  purpose?: string;
  task?: string;
}

function licenceOf(card: CardFields): string {
  const weights = typeof card.licence === 'string' ? card.licence : card.licence?.weights;
  return `${weights ?? 'Apache-2.0 (weights trained by this project)'}; training media terms: see the model card`;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { dir: { type: 'string' } },
  });
  const name = positionals[0];
  if (!name || positionals.length !== 1)
    throw new Error('usage: register-trained-model.ts NAME [--dir models]');
  const dir = path.resolve(values.dir ?? defaultTrainedModelsDir());
  const file = `${name}.onnx`;
  const bytes = await readFile(path.join(dir, file));
  const session = await ort.InferenceSession.create(bytes);
  const spec = specFromSession(path.join(dir, file), session);
  await session.release();
  const [, h, w, c] = spec.input.dims;
  if (spec.input.dims.length !== 4 || c !== 3) throw new Error(`${file}: input is not NHWC [1, H, W, 3]`);
  const cardFile = `${name}.card.json`;
  const card: CardFields = existsSync(path.join(dir, cardFile))
    ? (JSON.parse(await readFile(path.join(dir, cardFile), 'utf8')) as CardFields)
    : {};
  if (card.input?.crop !== undefined && !CROP_KINDS.includes(card.input.crop))
    throw new Error(`${cardFile}: input.crop must be one of ${CROP_KINDS.join(', ')}`);
  const entry: TrainedModel = {
    name,
    file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    input: {
      name: spec.input.name,
      dims: spec.input.dims,
      layout: 'NHWC',
      range:
        card.input?.range ??
        `RGB, float in [0, 1] (pixel / 255); the whole 224×224 aligned crop resized to ${w}×${h}`,
      valueRange: card.input?.valueRange ?? [0, 1],
      // Only a model trained on another crop than the aligned one says so (absent = aligned).
      ...(card.input?.crop && card.input.crop !== 'aligned' ? { crop: card.input.crop } : {}),
    },
    outputs: spec.outputs,
    card: cardFile,
    calibration: `${name}.calibration.json`,
    licence: licenceOf(card),
    purpose: card.purpose ?? card.task ?? `${name} detector`,
  };
  const manifestPath = path.join(dir, MANIFEST_FILE);
  let manifest: TrainedModelManifest = { schemaVersion: TRAINED_MANIFEST_SCHEMA_VERSION, models: [] };
  if (existsSync(manifestPath)) {
    const parsed = parseTrainedManifest(await readFile(manifestPath, 'utf8'));
    if (typeof parsed === 'string') throw new Error(`${manifestPath}: ${parsed}`);
    manifest = parsed;
  }
  const models = [...manifest.models.filter((m) => m.name !== name), entry].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  await writeFile(manifestPath, `${JSON.stringify({ ...manifest, models }, null, 2)}\n`);
  console.log(
    `${manifestPath}: ${name} ${entry.sha256} (${entry.bytes} bytes, input ${entry.input.dims.join('×')})`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
