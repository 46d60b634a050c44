// Convert the face models shipped as TF.js graph models in @vladmandic/human into ONNX files in
// models/vendor/, with a manifest (sha256, source files, I/O, licences). Run by `npm run models`
// and by postinstall. Deterministic: the same inputs give the same bytes. Also writes the
// renderer's TFLite face detector with its metadata (mediapipe-face-detector.ts), listed under
// `browserModels`.
//
// Usage: tsx scripts/models/convert-human-models.ts [--out DIR] [--only name,name] [--quiet]
// Exit codes: 0 converted, 2 usage error, 1 conversion failed (one line on stderr).

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CallSentinelError, isCallSentinelError } from '../../engine/core/errors.ts';
import {
  MANIFEST_FILE,
  MANIFEST_SCHEMA_VERSION,
  type ManifestModel,
  type ModelManifest,
} from '../../engine/runtime/manifest.ts';
import { convertGraph, ONNX_OPSET } from './convert/convert-graph.ts';
import { converterFingerprint } from './fingerprint.ts';
import { HUMAN_LICENCE, HUMAN_MODELS, HUMAN_PACKAGE, type HumanModelSource } from './human-models.ts';
import { FACE_DETECTOR_NAME, prepareFaceDetectorModel } from './mediapipe-face-detector.ts';
import { parseModelJson, readGraph, weightShardPaths } from './tfjs/graph-model.ts';

const CONVERTER_NAME = 'callsentinel-tfjs-to-onnx';
const SCRIPT_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(SCRIPT_DIR, '..', '..');

export interface ConvertHumanOptions {
  /** Where the .onnx files and manifest.json go. */
  readonly outDir: string;
  /** Model names to convert (default: all of HUMAN_MODELS and the renderer's face detector). */
  readonly only?: readonly string[];
  /** The @vladmandic/human package folder (default: resolved from node_modules). */
  readonly packageDir?: string;
  /** The @mediapipe/face_detection package folder (default: resolved from node_modules). */
  readonly faceDetectionPackageDir?: string;
  readonly log?: (line: string) => void;
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The package folder, found along Node's node_modules lookup path (its exports hide package.json). */
export function resolveHumanPackageDir(): string {
  const require = createRequire(join(REPO_ROOT, 'package.json'));
  for (const dir of require.resolve.paths(HUMAN_PACKAGE) ?? []) {
    const candidate = join(dir, HUMAN_PACKAGE);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
  }
  throw new CallSentinelError('E_MODEL_SOURCE', {
    name: 'all',
    pkg: HUMAN_PACKAGE,
    path: join(REPO_ROOT, 'node_modules', HUMAN_PACKAGE),
  });
}

function readVerified(
  packageDir: string,
  model: HumanModelSource,
  file: { file: string; sha256: string },
): { bytes: Buffer; sha256: string } {
  const path = join(packageDir, 'models', file.file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new CallSentinelError(
      'E_MODEL_SOURCE',
      { name: model.name, pkg: HUMAN_PACKAGE, path },
      { cause: error },
    );
  }
  const digest = sha256(bytes);
  if (digest !== file.sha256)
    throw new CallSentinelError('E_MODEL_SOURCE', { name: model.name, pkg: HUMAN_PACKAGE, path });
  return { bytes, sha256: digest };
}

interface ConvertedFile {
  readonly entry: ManifestModel;
  readonly onnx: Uint8Array;
}

function convertOne(packageDir: string, version: string, model: HumanModelSource): ConvertedFile {
  const json = readVerified(packageDir, model, model.json);
  const bin = readVerified(packageDir, model, model.bin);
  try {
    const parsed = parseModelJson(json.bytes.toString('utf8'));
    const shards = weightShardPaths(parsed);
    if (shards.length !== 1 || shards[0] !== model.bin.file)
      throw new Error(`expected one weight shard ${model.bin.file}, got ${shards.join(', ')}`);
    const converted = convertGraph(readGraph(parsed, new Uint8Array(bin.bytes)), {
      graphName: model.name,
      producerVersion: `${HUMAN_PACKAGE}@${version}`,
      metadata: {
        'callsentinel.source': `${HUMAN_PACKAGE}@${version}/models/${model.json.file}`,
        'callsentinel.input_range': model.inputRange,
      },
    });
    const file = `${model.name}.onnx`;
    const entry: ManifestModel = {
      name: model.name,
      file,
      sha256: sha256(converted.onnx),
      bytes: converted.onnx.length,
      source: {
        package: HUMAN_PACKAGE,
        version,
        files: [
          { path: `models/${model.json.file}`, sha256: json.sha256 },
          { path: `models/${model.bin.file}`, sha256: bin.sha256 },
        ],
      },
      input: {
        name: converted.input.name,
        dims: converted.input.dims,
        layout: 'NHWC',
        range: model.inputRange,
        valueRange: model.inputValues,
        sourceName: converted.input.sourceName,
      },
      outputs: converted.outputs.map((o) => ({ name: o.name, dims: o.dims, sourceName: o.sourceName })),
      licence: HUMAN_LICENCE,
      upstream: model.upstream,
      purpose: model.purpose,
    };
    return { entry, onnx: converted.onnx };
  } catch (error) {
    if (isCallSentinelError(error)) throw error;
    throw new CallSentinelError(
      'E_MODEL_CONVERT',
      { name: model.name, detail: (error as Error).message },
      { cause: error },
    );
  }
}

function writeAtomic(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** Convert, then write every .onnx and finally the manifest (nothing is written if any model fails). */
export function convertHumanModels(options: ConvertHumanOptions): ModelManifest {
  const packageDir = options.packageDir ?? resolveHumanPackageDir();
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  const known = [...HUMAN_MODELS.map((m) => m.name), FACE_DETECTOR_NAME];
  const unknown = (options.only ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0)
    throw new CallSentinelError('E_USAGE', {
      detail: `unknown model(s): ${unknown.join(', ')}; known: ${known.join(', ')}`,
    });
  const selected = options.only ? HUMAN_MODELS.filter((m) => options.only!.includes(m.name)) : HUMAN_MODELS;

  const converted = selected.map((model) => {
    const started = performance.now();
    const result = convertOne(packageDir, version, model);
    options.log?.(
      `${model.name}: ${result.entry.file} ${(result.onnx.length / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - started)} ms`,
    );
    return result;
  });
  // The renderer's TFLite face detector: the npm file plus the metadata MediaPipe Tasks needs.
  const browser =
    !options.only || options.only.includes(FACE_DETECTOR_NAME)
      ? [
          prepareFaceDetectorModel(
            options.faceDetectionPackageDir ? { packageDir: options.faceDetectionPackageDir } : {},
          ),
        ]
      : [];
  for (const { entry } of browser) options.log?.(`${entry.name}: ${entry.file} with TFLite metadata`);

  const manifest: ModelManifest = {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    converter: { name: CONVERTER_NAME, fingerprint: converterFingerprint(SCRIPT_DIR), opset: ONNX_OPSET },
    models: converted.map((c) => c.entry),
    browserModels: browser.map((b) => b.entry),
  };
  mkdirSync(options.outDir, { recursive: true });
  for (const { entry, onnx } of converted) writeAtomic(join(options.outDir, entry.file), onnx);
  for (const { entry, bytes } of browser) writeAtomic(join(options.outDir, entry.file), bytes);
  writeAtomic(join(options.outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

interface CliArgs {
  outDir: string;
  only?: string[];
  quiet: boolean;
}

function parseArgs(argv: readonly string[]): CliArgs | string {
  const args: CliArgs = { outDir: join(REPO_ROOT, 'models', 'vendor'), quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--out' || arg === '--only') {
      const value = argv[++i];
      if (!value) return `${arg} needs a value`;
      if (arg === '--out') args.outDir = resolve(value);
      else args.only = value.split(',').filter(Boolean);
    } else if (arg === '--quiet') args.quiet = true;
    else return `unknown argument ${arg}`;
  }
  return args;
}

/** CLI entry; returns the exit code. */
export function main(argv: readonly string[]): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(
      `convert-human-models: ${args}\nusage: convert-human-models [--out DIR] [--only name,name] [--quiet]\n`,
    );
    return 2;
  }
  try {
    const log = args.quiet ? undefined : (line: string) => process.stdout.write(`${line}\n`);
    const manifest = convertHumanModels({
      outDir: args.outDir,
      ...(args.only ? { only: args.only } : {}),
      ...(log ? { log } : {}),
    });
    log?.(
      `wrote ${manifest.models.length + (manifest.browserModels?.length ?? 0)} models and ${MANIFEST_FILE} to ${args.outDir}`,
    );
    return 0;
  } catch (error) {
    const code = isCallSentinelError(error) ? error.code : 'E_INTERNAL';
    process.stderr.write(`convert-human-models: ${code}: ${(error as Error).message}\n`);
    return code === 'E_USAGE' ? 2 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
