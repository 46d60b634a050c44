// One loaded ONNX model: a thin, typed wrapper over an onnxruntime-node session that takes and
// returns plain Float32Arrays with their dims.

import * as ort from 'onnxruntime-node';
import { CallSentinelError } from '../core/errors.ts';
import type { ManifestTensor, ModelSpec } from './manifest.ts';

export interface TensorData {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

export interface OnnxModel {
  readonly name: string;
  /** sha256 of the .onnx file, as checked against the manifest. */
  readonly sha256: string;
  readonly inputName: string;
  /** Input dims, NHWC with batch 1 (the layout TF.js takes). */
  readonly inputDims: readonly number[];
  readonly outputNames: readonly string[];
  /** Run on one input; outputs keyed by name, in TF.js shape and layout. */
  run(input: Float32Array, dims: readonly number[]): Promise<Record<string, TensorData>>;
  /** Release the native session; the model cannot run afterwards. */
  dispose(): Promise<void>;
}

export interface SessionSettings {
  readonly threads: number;
}

/** Options every session gets: full graph optimisation, `threads` intra-op, one inter-op thread. */
export function sessionOptions(settings: SessionSettings): ort.InferenceSession.SessionOptions {
  return {
    graphOptimizationLevel: 'all',
    intraOpNumThreads: settings.threads,
    interOpNumThreads: 1,
    executionProviders: ['cpu'],
  };
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * The spec a model file declares itself: its first input and all outputs, with a symbolic
 * (dynamic) batch dimension fixed at 1. Used for models outside the manifests (evaluation's
 * per-fold models), whose I/O is whatever the trainer exported.
 */
export function specFromSession(path: string, session: ort.InferenceSession): ModelSpec {
  const tensor = (m: ort.InferenceSession.ValueMetadata, what: string): ManifestTensor => {
    if (!m.isTensor || m.shape.length === 0)
      throw new CallSentinelError('E_MODEL_SPEC', { path, detail: `${what} ${m.name} has no tensor shape` });
    const dims = m.shape.map((d, i) => (typeof d === 'number' && d > 0 ? d : i === 0 ? 1 : NaN));
    if (dims.some((d) => Number.isNaN(d)))
      throw new CallSentinelError('E_MODEL_SPEC', {
        path,
        detail: `${what} ${m.name} has a dynamic dimension besides the batch (${m.shape.join(',')})`,
      });
    return { name: m.name, dims };
  };
  if (session.inputMetadata.length !== 1)
    throw new CallSentinelError('E_MODEL_SPEC', { path, detail: 'it must have exactly one input' });
  return {
    name: path,
    input: tensor(session.inputMetadata[0]!, 'input'),
    outputs: session.outputMetadata.map((m) => tensor(m, 'output')),
  };
}

/** Create a session from verified model bytes; `entry` a name: take the spec from the file itself. */
export async function createOnnxModel(
  entry: ModelSpec | string,
  bytes: Uint8Array,
  sha256: string,
  settings: SessionSettings,
): Promise<OnnxModel> {
  const session = await ort.InferenceSession.create(bytes, sessionOptions(settings));
  if (typeof entry === 'string') {
    try {
      entry = specFromSession(entry, session);
    } catch (error) {
      await session.release();
      throw error;
    }
  }
  const inputName = entry.input.name;
  const inputDims = Object.freeze([...entry.input.dims]);
  const outputNames = Object.freeze(entry.outputs.map((o) => o.name));
  const expectedLength = inputDims.reduce((a, b) => a * b, 1);
  let released = false;

  return {
    name: entry.name,
    sha256,
    inputName,
    inputDims,
    outputNames,
    async run(input, dims) {
      if (released) throw new CallSentinelError('E_INTERNAL', { detail: `model ${entry.name} was disposed` });
      if (!sameDims(dims, inputDims) || input.length !== expectedLength) {
        throw new CallSentinelError('E_MODEL_INPUT', {
          name: entry.name,
          expected: inputDims.join(','),
          expectedLength,
          actual: dims.join(','),
          actualLength: input.length,
        });
      }
      const feeds = { [inputName]: new ort.Tensor('float32', input, [...dims]) };
      const results = await session.run(feeds);
      const out: Record<string, TensorData> = {};
      for (const name of outputNames) {
        const tensor = results[name];
        if (!tensor || !(tensor.data instanceof Float32Array)) {
          throw new CallSentinelError('E_INTERNAL', {
            detail: `model ${entry.name} returned no float output ${name}`,
          });
        }
        out[name] = { data: tensor.data, dims: Object.freeze([...tensor.dims]) };
      }
      return out;
    },
    async dispose() {
      if (released) return;
      released = true;
      await session.release();
    },
  };
}
