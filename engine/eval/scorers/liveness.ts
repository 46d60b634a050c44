// Baseline peer: @vladmandic/human's "liveness" model (LivenessNet, converted to ONNX in
// models/vendor). A softmax over 2 classes; human reports the first as its "live" value, so the
// attack score is 1 − softmax[0]. The aligned crop is resized to its 32×32 input bilinearly, as
// human does. Field notes: it scores noise ~0.94 "live" — a peer to compare against, not a detector.

import { frameLogit } from '../../signals/common/aggregate.ts';
import { bilinearResizeToTensor } from '../../signals/common/crop-input.ts';
import type { ScorerDefinition } from './types.ts';

const MODEL = 'liveness';
const OUTPUT = 'activation_6';

export const livenessScorer: ScorerDefinition = {
  name: 'liveness',
  description: "human's liveness CNN (vendor model): attack score = 1 − its 'live' softmax output",
  async create(ctx) {
    const model = await ctx.models.load(MODEL);
    const [, h, w] = model.inputDims;
    const input = new Float32Array(model.inputDims.reduce((a, b) => a * b, 1));
    return {
      models: [{ name: MODEL, fold: null, file: `models/vendor/${MODEL}.onnx`, sha256: model.sha256 }],
      inSample: false,
      async score(crop) {
        bilinearResizeToTensor(crop.image, w!, h!, input);
        const out = await model.run(input, model.inputDims);
        return frameLogit(1 - out[OUTPUT]!.data[0]!);
      },
      async dispose() {},
    };
  },
};
