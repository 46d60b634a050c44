// A stand-in for the trained face-swap model, for tests only (never shipped): the same I/O as
// models/face-swap.onnx (input `input` NHWC [1, S, S, 3] in [0, 1], output `score` [1, 1]) with
// score = sigmoid(gain · (mean pixel value − 0.5)), so a brighter crop reads as "more swapped".
// Also writes a models folder (manifest, card, calibration) around it for ModelStore, under the
// face-swap name or another crop model's (the presentation-attack signal has the same I/O), and
// a uniform-grey tracked face to feed such a signal.

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeOnnxModel, OnnxDataType } from '../../scripts/models/onnx/onnx-model.ts';
import type { TrackedFace } from '../../engine/face/face-tracker.ts';
import type { SignalCalibration } from '../../engine/fusion/calibration.ts';
import type { FrameBundle } from '../../engine/signals/types.ts';
import type { CropKind, TrainedModelManifest } from '../../engine/runtime/index.ts';

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

export interface StandInOptions {
  side?: number;
  calibration?: Partial<SignalCalibration> | false;
  /** The model's name and file stem (default `face-swap`). */
  model?: string;
  /** The calibration's signal id (default: the model name). */
  signalId?: string;
  /** The crop the manifest says the model sees (default: none given, i.e. the aligned crop). */
  crop?: CropKind;
}

/**
 * A trained-models folder like <repo>/models holding the stand-in as `face-swap` (or
 * `options.model`), with an identity-like calibration (p = sigmoid(raw)) and fixed operating
 * points, unless `calibration` is false (then none is written).
 */
export function writeStandInModelsDir(dir: string, options: StandInOptions = {}): StandInModelsDir {
  mkdirSync(dir, { recursive: true });
  const side = options.side ?? 16;
  const name = options.model ?? 'face-swap';
  const bytes = standInFaceSwapModel(side);
  const sha256 = sha256Hex(bytes);
  writeFileSync(path.join(dir, `${name}.onnx`), bytes);
  writeFileSync(path.join(dir, `${name}.card.json`), JSON.stringify({ name, note: 'stand-in' }));
  const manifest: TrainedModelManifest = {
    schemaVersion: 1,
    models: [
      {
        name,
        file: `${name}.onnx`,
        sha256,
        bytes: bytes.length,
        input: {
          name: 'input',
          dims: [1, side, side, 3],
          layout: 'NHWC',
          range: 'RGB, [0, 1]',
          valueRange: [0, 1],
          ...(options.crop ? { crop: options.crop } : {}),
        },
        outputs: [{ name: 'score', dims: [1, 1] }],
        card: `${name}.card.json`,
        calibration: `${name}.calibration.json`,
        licence: 'test',
        purpose: 'stand-in for tests',
      },
    ],
  };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  const calibrationPath = path.join(dir, `${name}.calibration.json`);
  if (options.calibration !== false) {
    const calibration: SignalCalibration = {
      schemaVersion: 1,
      signalId: options.signalId ?? name,
      model: { name, sha256 },
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

/** A tracked face whose aligned crop is one grey level (the stand-in scores it by brightness). */
export function uniformGreyFace(trackId: number, grey: number, faceSizePx: number): TrackedFace {
  return {
    trackId,
    boxPx: { x: 0, y: 0, width: faceSizePx, height: faceSizePx },
    landmarks: new Float32Array(468 * 3),
    presence: 1,
    detectorScore: null,
    pose: { yawDeg: 0, pitchDeg: 0, rollDeg: 0 },
    aligned: {
      image: { width: 224, height: 224, data: new Uint8Array(224 * 224 * 3).fill(grey) },
      mask: new Uint8Array(224 * 224),
      frameToCrop: [1, 0, 0, 0, 1, 0],
    },
    quality: { faceSizePx, sharpness: 50, brightness: grey / 255, clippedFraction: 0 },
  };
}

/** Frame `i` of a 640×480 stream at `fps` holding `faces` (no pixels: crop signals read the faces). */
export function frameWithFaces(i: number, faces: TrackedFace[], fps = 30): FrameBundle {
  return { frameIndex: i, timeSec: i / fps, width: 640, height: 480, data: new Uint8Array(0), faces };
}
