// Our presentation-attack model, each fold scored by the model trained without it
// (<cache root>/presentation-attack-train/fold-<k>.onnx); evaluated by the presentation-attack
// protocol (engine/eval/pad-eval.ts) unless --protocol says otherwise.

import {
  PRESENTATION_ATTACK_MODEL,
  PRESENTATION_ATTACK_OUTPUT,
  PRESENTATION_ATTACK_RESIZE,
  PRESENTATION_ATTACK_SIGNAL_ID,
} from '../../signals/presentation-attack/index.ts';
import { createFoldModelScorer } from './fold-model.ts';
import type { ScorerDefinition } from './types.ts';

export const presentationAttackScorer: ScorerDefinition = {
  name: 'presentation-attack',
  description:
    'our presentation-attack CNN; each fold scored by the model trained without it (fold-<k>.onnx)',
  calibrates: { signalId: PRESENTATION_ATTACK_SIGNAL_ID, modelName: PRESENTATION_ATTACK_MODEL },
  protocol: 'presentation-attack',
  foldModelsSubdir: 'presentation-attack-train',
  create: (ctx) =>
    createFoldModelScorer(ctx, {
      modelName: PRESENTATION_ATTACK_MODEL,
      output: PRESENTATION_ATTACK_OUTPUT,
      resize: PRESENTATION_ATTACK_RESIZE,
    }),
};
