// Our face-swap model, scored exactly as the signal scores a frame (same resize, same output,
// same logit). Every item is scored by the model of the fold it is held out in
// (<models-dir>/fold-<k>.onnx, trained without fold k), so every number is out-of-fold; without
// those models the scorer refuses unless in-sample numbers are asked for (--allow-in-sample).
// The fold-model logic is shared with the presentation-attack scorer (fold-model.ts).

import {
  FACE_SWAP_MODEL,
  FACE_SWAP_OUTPUT,
  FACE_SWAP_RESIZE,
  FACE_SWAP_SIGNAL_ID,
} from '../../signals/face-swap/index.ts';
import { createFoldModelScorer } from './fold-model.ts';
import type { ScorerDefinition } from './types.ts';

export { foldModelFile } from './fold-model.ts';

export const faceSwapScorer: ScorerDefinition = {
  name: 'face-swap',
  description: 'our face-swap CNN; each fold scored by the model trained without it (fold-<k>.onnx)',
  calibrates: { signalId: FACE_SWAP_SIGNAL_ID, modelName: FACE_SWAP_MODEL },
  create: (ctx) =>
    createFoldModelScorer(ctx, {
      modelName: FACE_SWAP_MODEL,
      output: FACE_SWAP_OUTPUT,
      resize: FACE_SWAP_RESIZE,
    }),
};
