// Runs a TF.js graph model with the pure-JS CPU backend, as the reference the ONNX conversion is
// checked against. Loads from memory (model.json object + weight bytes): no network, no files.

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import type { TfjsModelJson } from '../../scripts/models/tfjs/graph-model.ts';

export interface ReferenceModel {
  /** Run with one NHWC input; returns each requested TF output's values and shape. */
  run(
    input: Float32Array,
    dims: readonly number[],
    outputs: readonly string[],
  ): { data: Float32Array; dims: number[] }[];
  dispose(): void;
}

export async function loadReferenceModel(
  json: TfjsModelJson,
  weightData: Uint8Array,
): Promise<ReferenceModel> {
  await tf.setBackend('cpu');
  await tf.ready();
  const buffer = weightData.buffer.slice(
    weightData.byteOffset,
    weightData.byteOffset + weightData.byteLength,
  ) as ArrayBuffer;
  const handler: tf.io.IOHandler = {
    load: async (): Promise<tf.io.ModelArtifacts> => ({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((group) => group.weights) as tf.io.WeightsManifestEntry[],
      weightData: buffer,
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy,
      ...(json.signature ? { signature: json.signature } : {}),
      ...(json.userDefinedMetadata
        ? { userDefinedMetadata: json.userDefinedMetadata as Record<string, object> }
        : {}),
    }),
  };
  const model: GraphModel = await loadGraphModel(handler);
  // A graph that takes int32 (movenet) gets the values truncated, as the converted graph does.
  const placeholder = json.modelTopology.node.find((n) => n.op === 'Placeholder');
  const dtype = placeholder?.attr?.dtype?.type === 'DT_INT32' ? 'int32' : 'float32';
  return {
    run(input, dims, outputs) {
      return tf.tidy(() => {
        const x =
          dtype === 'int32'
            ? tf.tensor(Int32Array.from(input, Math.trunc), [...dims], 'int32')
            : tf.tensor(input, [...dims], 'float32');
        const result = model.execute(x, [...outputs]);
        const list = Array.isArray(result) ? result : [result];
        return list.map((t) => ({
          data: Float32Array.from(t.dataSync() as Float32Array),
          dims: [...t.shape],
        }));
      });
    },
    dispose() {
      model.dispose();
    },
  };
}
