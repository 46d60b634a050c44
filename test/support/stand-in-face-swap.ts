// A stand-in for the trained face-swap model, for tests only (never shipped): the same I/O as
// models/face-swap.onnx (input `input` NHWC [1, S, S, 3] in [0, 1], output `score` [1, 1]) with
// score = sigmoid(gain · (mean pixel value − 0.5)), so a brighter crop reads as "more swapped".
// Also writes a models folder (manifest, card, calibration) around it for ModelStore.

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeOnnxModel, OnnxDataType } from '../../scripts/models/onnx/onnx-model.ts';
import type { SignalCalibration } from '../../engine/fusion/calibration.ts';
import type { TrainedModelManifest } from '../../engine/runtime/index.ts';

export function standInFaceSwapModel(side = 16, gain = 8): Uint8Array {
  return encodeOnnxModel({
    irVersion: 7,
    opsetVersion: 13,
    producerName: 'test',
    producerVersion: '0',
    graphName: 'stand_in_face_swap',
    nodes: [
      {
        opType: 'ReduceMean',
        name: 'mean',
        inputs: ['input'],
        outputs: ['mean'],
        attributes: { axes: [1, 2, 3], keepdims: 0 },
      },
      { opType: 'Reshape', name: 'flat', inputs: ['mean', 'shape'], outputs: ['flat'] },
      { opType: 'Sub', name: 'centre', inputs: ['flat', 'half'], outputs: ['centred'] },
      { opType: 'Mul', name: 'gain', inputs: ['centred', 'gain'], outputs: ['logit'] },
      { opType: 'Sigmoid', name: 'prob', inputs: ['logit'], outputs: ['score'] },
    ],
    initializers: [
      { name: 'shape', dims: [2], dataType: OnnxDataType.INT64, data: BigInt64Array.of(1n, 1n) },
      { name: 'half', dims: [], dataType: OnnxDataType.FLOAT, data: Float32Array.of(0.5) },
      { name: 'gain', dims: [], dataType: OnnxDataType.FLOAT, data: Float32Array.of(gain) },
    ],
    inputs: [{ name: 'input', elemType: OnnxDataType.FLOAT, dims: [1, side, side, 3] }],
    outputs: [{ name: 'score', elemType: OnnxDataType.FLOAT, dims: [1, 1] }],
  });
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface StandInModelsDir {
  dir: string;
  sha256: string;
  calibrationPath: string;
}

/**
 * A trained-models folder like <repo>/models holding the stand-in as `face-swap`, with an
 * identity-like calibration (p = sigmoid(raw)) and fixed operating points, unless `calibration`
 * is false (then none is written).
 */
export function writeStandInModelsDir(
  dir: string,
  options: { side?: number; calibration?: Partial<SignalCalibration> | false } = {},
): StandInModelsDir {
  mkdirSync(dir, { recursive: true });
  const side = options.side ?? 16;
  const bytes = standInFaceSwapModel(side);
  const sha256 = sha256Hex(bytes);
  writeFileSync(path.join(dir, 'face-swap.onnx'), bytes);
  writeFileSync(
    path.join(dir, 'face-swap.card.json'),
    JSON.stringify({ name: 'face-swap', note: 'stand-in' }),
  );
  const manifest: TrainedModelManifest = {
    schemaVersion: 1,
    models: [
      {
        name: 'face-swap',
        file: 'face-swap.onnx',
        sha256,
        bytes: bytes.length,
        input: {
          name: 'input',
          dims: [1, side, side, 3],
          layout: 'NHWC',
          range: 'RGB, [0, 1]',
          valueRange: [0, 1],
        },
        outputs: [{ name: 'score', dims: [1, 1] }],
        card: 'face-swap.card.json',
        calibration: 'face-swap.calibration.json',
        licence: 'test',
        purpose: 'stand-in for tests',
      },
    ],
  };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  const calibrationPath = path.join(dir, 'face-swap.calibration.json');
  if (options.calibration !== false) {
    const calibration: SignalCalibration = {
      schemaVersion: 1,
      signalId: 'face-swap',
      model: { name: 'face-swap', sha256 },
      aggregation: { method: 'trimmed-mean-logit', trimFraction: 0.1 },
      platt: { slope: 1, intercept: 0 },
      operatingPoints: [
        { falseAlarmRate: 0.01, threshold: 0.9 },
        { falseAlarmRate: 0.05, threshold: 0.6 },
        { falseAlarmRate: 0.1, threshold: 0.5 },
      ],
      fit: {
        items: 0,
        genuine: 0,
        swap: 0,
        scores: 'test',
        datasetSha256: 'test',
        slopeClamped: false,
        command: 'test',
      },
      ...options.calibration,
    };
    writeFileSync(calibrationPath, JSON.stringify(calibration));
  }
  return { dir, sha256, calibrationPath };
}

/** A vendor models folder with an empty manifest (ModelStore reads it before our trained models). */
export function writeEmptyVendorDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({
      schemaVersion: 1,
      converter: { name: 'test', fingerprint: 'f', opset: 13 },
      models: [],
    }),
  );
  return dir;
}
