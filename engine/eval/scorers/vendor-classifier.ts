// A peer scorer from one of @vladmandic/human's face classifiers (converted to ONNX in
// models/vendor): the aligned crop resized bilinearly to the model's input, as human does, and the
// model's "real / live" probability turned into an attack score, 1 − p, as a logit.

import { frameLogit } from '../../signals/common/aggregate.ts';
import { bilinearResizeToTensor } from '../../signals/common/crop-input.ts';
import type { ScorerDefinition } from './types.ts';

export interface VendorClassifierSpec {
  name: string;
  description: string;
  /** The model's name in models/vendor/manifest.json. */
  model: string;
  /** Output holding the probability that the face is real / live (first value). */
  realOutput: string;
}

export function vendorClassifierScorer(spec: VendorClassifierSpec): ScorerDefinition {
  return {
    name: spec.name,
    description: spec.description,
    async create(ctx) {
      const model = await ctx.models.load(spec.model);
      const [, h, w] = model.inputDims;
      const input = new Float32Array(model.inputDims.reduce((a, b) => a * b, 1));
      return {
        models: [
          { name: spec.model, fold: null, file: `models/vendor/${spec.model}.onnx`, sha256: model.sha256 },
        ],
        crop: 'aligned', // human's classifiers take the face crop
        inSample: false,
        async score(crop) {
          bilinearResizeToTensor(crop.image, w!, h!, input);
          const out = await model.run(input, model.inputDims);
          return frameLogit(1 - out[spec.realOutput]!.data[0]!);
        },
        async dispose() {},
      };
    },
  };
}
