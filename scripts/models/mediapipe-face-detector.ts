// The face detector the renderer runs with @mediapipe/tasks-vision (FaceDetector) to choose the
// region of each captured frame sent to the engine. The npm package @mediapipe/face_detection
// ships `face_detection_short_range.tflite` without TFLite metadata, and MediaPipe Tasks refuses a
// float32 image model without it ("requires specifying NormalizationOptions metadata"). This step
// of `npm run models` checks the file's sha256, adds the metadata (RGB image 128x128, normalised
// (pixel - 127.5) / 127.5 to [-1, 1]; the two output tensors named) and returns the bytes and
// the manifest entry for models/vendor. Deterministic: the same input gives the same bytes.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CallSentinelError, isCallSentinelError } from '../../engine/core/errors.ts';
import type { BrowserModel } from '../../engine/runtime/manifest.ts';
import { addTfliteMetadata, readTfliteModel, type TfliteModelInfo } from './tflite/model-file.ts';
import {
  buildModelMetadata,
  METADATA_BUFFER_NAME,
  readTfliteModelMetadata,
  type ModelMetadataSpec,
} from './tflite/metadata.ts';

export const FACE_DETECTION_PACKAGE = '@mediapipe/face_detection';
export const FACE_DETECTOR_NAME = 'face_detection_short_range';
/** The source file inside the package and its sha256 (package 0.4.1657300184). */
export const FACE_DETECTOR_SOURCE = {
  file: 'face_detection_short_range.tflite',
  sha256: '3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633',
} as const;
/** Licence of the package (its package.json). */
export const FACE_DETECTION_LICENCE = 'Apache-2.0 (@mediapipe/face_detection)';
/** The model takes RGB in [-1, 1]: (pixel - 127.5) / 127.5. */
export const FACE_DETECTOR_NORMALIZATION = { mean: [127.5], std: [127.5] } as const;

/** What the source model's I/O must be for the metadata below to be right. */
const EXPECTED_INPUT = { name: 'input', shape: [1, 128, 128, 3], type: 'float32' } as const;
const EXPECTED_OUTPUTS = [
  { name: 'regressors', shape: [1, 896, 16] },
  { name: 'classificators', shape: [1, 896, 1] },
] as const;

const METADATA: ModelMetadataSpec = {
  name: 'BlazeFace short range',
  description:
    'Face detector (BlazeFace, front-camera short-range model, 128x128 input, 896 anchors), ' +
    'from @mediapipe/face_detection; metadata added by CallSentinel scripts/models.',
  author: 'Google MediaPipe',
  license: 'Apache License, Version 2.0',
  inputs: [
    {
      name: 'input',
      description: 'RGB image, 128x128, normalised to [-1, 1].',
      image: { colorSpace: 'rgb', width: 128, height: 128 },
      normalization: FACE_DETECTOR_NORMALIZATION,
    },
  ],
  outputs: [
    {
      name: 'regressors',
      description: 'Per anchor: box centre offset and size, then 6 keypoints (x, y), in input pixels.',
    },
    { name: 'classificators', description: 'Per anchor: face score logit.' },
  ],
};

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The package folder, along Node's node_modules lookup path. */
export function resolveFaceDetectionPackageDir(): string {
  const require = createRequire(join(REPO_ROOT, 'package.json'));
  for (const dir of require.resolve.paths(FACE_DETECTION_PACKAGE) ?? []) {
    const candidate = join(dir, FACE_DETECTION_PACKAGE);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
  }
  throw new CallSentinelError('E_MODEL_SOURCE', {
    name: FACE_DETECTOR_NAME,
    pkg: FACE_DETECTION_PACKAGE,
    path: join(REPO_ROOT, 'node_modules', FACE_DETECTION_PACKAGE),
  });
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function checkIo(info: TfliteModelInfo): void {
  const input = info.inputs[0];
  if (
    info.subgraphCount !== 1 ||
    info.inputs.length !== 1 ||
    input?.name !== EXPECTED_INPUT.name ||
    input.type !== EXPECTED_INPUT.type ||
    !sameShape(input.shape, EXPECTED_INPUT.shape)
  )
    throw new Error(
      `expected one subgraph with one float32 input [1,128,128,3], got ${JSON.stringify(info.inputs)}`,
    );
  const outputs = info.outputs.map((o) => ({ name: o.name, shape: o.shape }));
  if (
    outputs.length !== EXPECTED_OUTPUTS.length ||
    EXPECTED_OUTPUTS.some((e, i) => outputs[i]?.name !== e.name || !sameShape(outputs[i]!.shape, e.shape))
  )
    throw new Error(`unexpected outputs ${JSON.stringify(outputs)}`);
}

export interface FaceDetectorModelOptions {
  /** The @mediapipe/face_detection package folder (default: resolved from node_modules). */
  readonly packageDir?: string;
}

export interface PreparedBrowserModel {
  readonly entry: BrowserModel;
  readonly bytes: Uint8Array;
}

/** Read and verify the source, add the TFLite metadata, check the result; nothing is written. */
export function prepareFaceDetectorModel(options: FaceDetectorModelOptions = {}): PreparedBrowserModel {
  const packageDir = options.packageDir ?? resolveFaceDetectionPackageDir();
  const path = join(packageDir, FACE_DETECTOR_SOURCE.file);
  let source: Uint8Array;
  let version: string;
  try {
    source = new Uint8Array(readFileSync(path));
    version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch (error) {
    throw new CallSentinelError(
      'E_MODEL_SOURCE',
      { name: FACE_DETECTOR_NAME, pkg: FACE_DETECTION_PACKAGE, path },
      { cause: error },
    );
  }
  const sourceSha256 = sha256(source);
  if (sourceSha256 !== FACE_DETECTOR_SOURCE.sha256)
    throw new CallSentinelError('E_MODEL_SOURCE', {
      name: FACE_DETECTOR_NAME,
      pkg: FACE_DETECTION_PACKAGE,
      path,
    });

  try {
    const before = readTfliteModel(source);
    checkIo(before);
    const bytes = addTfliteMetadata(source, METADATA_BUFFER_NAME, buildModelMetadata(METADATA));
    // Read the result back: same I/O, and the metadata MediaPipe needs.
    const after = readTfliteModel(bytes);
    checkIo(after);
    const metadata = readTfliteModelMetadata(bytes);
    const normalization = metadata?.inputs[0]?.normalization;
    if (
      after.bufferCount !== before.bufferCount + 1 ||
      !normalization ||
      !sameShape(normalization.mean, FACE_DETECTOR_NORMALIZATION.mean) ||
      !sameShape(normalization.std, FACE_DETECTOR_NORMALIZATION.std)
    )
      throw new Error('metadata did not read back as written');

    const input = after.inputs[0]!;
    const entry: BrowserModel = {
      name: FACE_DETECTOR_NAME,
      file: FACE_DETECTOR_SOURCE.file,
      sha256: sha256(bytes),
      bytes: bytes.length,
      format: 'tflite',
      runtime: '@mediapipe/tasks-vision FaceDetector (renderer)',
      normalization: {
        mean: [...FACE_DETECTOR_NORMALIZATION.mean],
        std: [...FACE_DETECTOR_NORMALIZATION.std],
      },
      source: {
        package: FACE_DETECTION_PACKAGE,
        version,
        files: [{ path: FACE_DETECTOR_SOURCE.file, sha256: sourceSha256 }],
      },
      input: {
        name: input.name,
        dims: input.shape,
        layout: 'NHWC',
        range: 'RGB, float in [-1, 1] ((pixel - 127.5) / 127.5, from the TFLite metadata)',
        valueRange: [-1, 1],
        sourceName: input.name,
      },
      outputs: after.outputs.map((o) => ({ name: o.name, dims: o.shape, sourceName: o.name })),
      licence: FACE_DETECTION_LICENCE,
      upstream: {
        project: 'MediaPipe BlazeFace (front camera, short range, 128x128), Google',
        url: 'https://github.com/google/mediapipe',
        licence: 'Apache-2.0',
      },
      purpose:
        'Renderer-side face detection on each captured frame, only to choose the face-centred crop sent to the engine ' +
        '(renderer/capture/face-region.ts); the engine detects and judges faces itself',
    };
    return { entry, bytes };
  } catch (error) {
    if (isCallSentinelError(error)) throw error;
    throw new CallSentinelError(
      'E_MODEL_METADATA',
      { name: FACE_DETECTOR_NAME, detail: (error as Error).message },
      { cause: error },
    );
  }
}
