// The two model manifests ModelStore reads. Plain JSON data: what each .onnx is, where it came
// from, its I/O.
// - models/vendor/manifest.json: third-party models, written by scripts/models at install time.
// - models/manifest.json: the models this project trains (committed with them), written by
//   `npm run models:register` from the ONNX file itself.

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_SCHEMA_VERSION = 1;

export interface ManifestTensor {
  /** ONNX tensor name. */
  readonly name: string;
  /** Static dims; batch is fixed at 1. */
  readonly dims: readonly number[];
}

export interface ManifestInput extends ManifestTensor {
  /** Always NHWC, the order TF.js takes; the graph transposes internally. */
  readonly layout: 'NHWC';
  /** Expected value range and channel order, e.g. "RGB, [0, 1] (pixel / 255)". */
  readonly range: string;
  /** The same range as numbers [low, high]. */
  readonly valueRange: readonly [number, number];
  /** TF tensor the input replaces. */
  readonly sourceName: string;
}

export interface ManifestOutput extends ManifestTensor {
  /** TF tensor the output comes from, e.g. "Identity_2:0". */
  readonly sourceName: string;
}

export interface ManifestSourceFile {
  readonly path: string;
  readonly sha256: string;
}

export interface ManifestModel {
  readonly name: string;
  /** File name inside the models folder. */
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly source: {
    readonly package: string;
    readonly version: string;
    readonly files: readonly ManifestSourceFile[];
  };
  readonly input: ManifestInput;
  readonly outputs: readonly ManifestOutput[];
  /** Licence of the file we convert (the package's). */
  readonly licence: string;
  /** Where the network itself comes from and under which terms. */
  readonly upstream: { readonly project: string; readonly url: string; readonly licence: string };
  readonly purpose: string;
}

/**
 * A model the renderer runs in the browser (MediaPipe Tasks, TFLite), served as a static file;
 * ModelStore does not load it. Same fields as an ONNX entry, plus its format and runtime.
 */
export interface BrowserModel extends ManifestModel {
  readonly format: 'tflite';
  /** What loads it, e.g. "@mediapipe/tasks-vision FaceDetector (renderer)". */
  readonly runtime: string;
  /** Input normalisation written into the file's TFLite metadata: (pixel - mean) / std. */
  readonly normalization: { readonly mean: readonly number[]; readonly std: readonly number[] };
}

export interface ModelManifest {
  readonly schemaVersion: typeof MANIFEST_SCHEMA_VERSION;
  readonly converter: {
    readonly name: string;
    /** sha256 over the converter's own sources: a changed converter means re-convert. */
    readonly fingerprint: string;
    readonly opset: number;
  };
  /** ONNX models, loaded by ModelStore. */
  readonly models: readonly ManifestModel[];
  /** Models for the renderer (absent in manifests written before they were added). */
  readonly browserModels?: readonly BrowserModel[];
}

/** What running a model needs to know: its name and its input and output tensors. */
export interface ModelSpec {
  readonly name: string;
  readonly input: ManifestTensor;
  readonly outputs: readonly ManifestTensor[];
}

export const TRAINED_MANIFEST_SCHEMA_VERSION = 1;

/**
 * Which crop of a tracked face a trained model sees: the aligned face crop, or its context crop
 * (the aligned crop zoomed out, engine/face/alignment.ts contextCrop).
 */
export type CropKind = 'aligned' | 'context';
export const CROP_KINDS: readonly CropKind[] = ['aligned', 'context'];

export interface TrainedManifestInput extends ManifestTensor {
  readonly layout: 'NHWC';
  readonly range: string;
  readonly valueRange: readonly [number, number];
  /** The crop the model was trained on; absent = 'aligned' (read it with `trainedCropKind`). */
  readonly crop?: CropKind;
}

/** The crop a trained model sees: its manifest's `input.crop`, the aligned crop when unnamed. */
export function trainedCropKind(model: { readonly input: TrainedManifestInput }): CropKind {
  return model.input.crop ?? 'aligned';
}

/** One model this project trained (models/manifest.json). */
export interface TrainedModel {
  readonly name: string;
  /** File name inside models/. */
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly input: TrainedManifestInput;
  readonly outputs: readonly ManifestTensor[];
  /** Model card (data, folds, metrics, command), a file name inside models/. */
  readonly card: string;
  /** Calibration fitted by `callsentinel eval --write-calibration`, a file name inside models/. */
  readonly calibration?: string;
  readonly licence: string;
  readonly purpose: string;
}

export interface TrainedModelManifest {
  readonly schemaVersion: typeof TRAINED_MANIFEST_SCHEMA_VERSION;
  readonly models: readonly TrainedModel[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDims(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((d) => Number.isInteger(d) && d > 0);
}

function isTensor(value: unknown): boolean {
  return isRecord(value) && typeof value.name === 'string' && isDims(value.dims);
}

function isPlainFileName(value: unknown): boolean {
  return typeof value === 'string' && !value.includes('/') && !value.includes('\\') && !value.startsWith('.');
}

/** Parse and check the manifest's shape; returns a reason string when it is not valid. */
export function parseManifest(text: string): ModelManifest | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
  if (!isRecord(json)) return 'not an object';
  if (json.schemaVersion !== MANIFEST_SCHEMA_VERSION)
    return `schemaVersion ${String(json.schemaVersion)}, expected ${MANIFEST_SCHEMA_VERSION}`;
  if (!isRecord(json.converter) || typeof json.converter.fingerprint !== 'string')
    return 'converter entry missing';
  if (!Array.isArray(json.models)) return 'models is not a list';
  for (const [i, m] of json.models.entries()) {
    if (
      !isRecord(m) ||
      typeof m.name !== 'string' ||
      typeof m.file !== 'string' ||
      !/^[0-9a-f]{64}$/.test(String(m.sha256))
    ) {
      return `models[${i}] lacks name, file or sha256`;
    }
    if (!isPlainFileName(m.file)) return `models[${i}].file must be a plain file name`;
    if (!isTensor(m.input) || !Array.isArray(m.outputs) || !m.outputs.every(isTensor))
      return `models[${i}] has invalid input/outputs`;
  }
  if (json.browserModels !== undefined) {
    if (!Array.isArray(json.browserModels)) return 'browserModels is not a list';
    for (const [i, m] of json.browserModels.entries()) {
      if (!isRecord(m) || typeof m.name !== 'string' || !/^[0-9a-f]{64}$/.test(String(m.sha256)))
        return `browserModels[${i}] lacks name or sha256`;
      if (!isPlainFileName(m.file)) return `browserModels[${i}].file must be a plain file name`;
    }
  }
  return json as unknown as ModelManifest;
}

/** Parse and check models/manifest.json (our trained models); a reason string when invalid. */
export function parseTrainedManifest(text: string): TrainedModelManifest | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
  if (!isRecord(json)) return 'not an object';
  if (json.schemaVersion !== TRAINED_MANIFEST_SCHEMA_VERSION)
    return `schemaVersion ${String(json.schemaVersion)}, expected ${TRAINED_MANIFEST_SCHEMA_VERSION}`;
  if (!Array.isArray(json.models)) return 'models is not a list';
  const names = new Set<string>();
  for (const [i, m] of json.models.entries()) {
    if (!isRecord(m) || typeof m.name !== 'string' || !/^[0-9a-f]{64}$/.test(String(m.sha256)))
      return `models[${i}] lacks name or sha256`;
    if (names.has(m.name)) return `models[${i}]: ${m.name} is listed twice`;
    names.add(m.name);
    if (!isPlainFileName(m.file) || !isPlainFileName(m.card))
      return `models[${i}].file and .card must be plain file names`;
    if (m.calibration !== undefined && !isPlainFileName(m.calibration))
      return `models[${i}].calibration must be a plain file name`;
    if (!isTensor(m.input) || !Array.isArray(m.outputs) || !m.outputs.every(isTensor))
      return `models[${i}] has invalid input/outputs`;
    const crop = (m.input as Record<string, unknown>).crop;
    if (crop !== undefined && !CROP_KINDS.includes(crop as CropKind))
      return `models[${i}].input.crop must be one of ${CROP_KINDS.join(', ')}`;
  }
  return json as unknown as TrainedModelManifest;
}
