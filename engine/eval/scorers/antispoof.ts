// Baseline peer: @vladmandic/human's "antispoof" CNN (converted to ONNX in models/vendor). It
// outputs the probability that the face is real; its fake score is 1 − real. The aligned crop is
// resized to its 128×128 input bilinearly. Field notes: it scores noise as "real" — a peer to
// compare against, not a detector to trust.

import { frameLogit } from '../../signals/common/aggregate.ts';
import { bilinearResizeToTensor } from '../../signals/common/crop-input.ts';
import type { ScorerDefinition } from './types.ts';

const MODEL = 'antispoof';
const REAL_OUTPUT = 'activation_4';

export const antispoofScorer: ScorerDefinition = {
  name: 'antispoof',
  description: "human's antispoof CNN (vendor model): fake score = 1 − its real-face probability",
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
        return frameLogit(1 - out[REAL_OUTPUT]!.data[0]!);
      },
      async dispose() {},
    };
  },
};
