// Every scorer `callsentinel eval --scorer NAME` knows, one line each.

import { antispoofScorer } from './antispoof.ts';
import { faceBlurScorer } from './face-blur.ts';
import { faceSwapScorer } from './face-swap.ts';
import { livenessScorer } from './liveness.ts';
import { presentationAttackScorer } from './presentation-attack.ts';
import { ScorerRegistry } from './registry.ts';
import type { ScorerDefinition } from './types.ts';

export const BUILT_IN_SCORERS: readonly ScorerDefinition[] = [
  faceSwapScorer,
  antispoofScorer,
  faceBlurScorer,
  presentationAttackScorer,
  livenessScorer,
];

export function createScorerRegistry(): ScorerRegistry {
  return new ScorerRegistry(BUILT_IN_SCORERS);
}

export { ScorerRegistry } from './registry.ts';
export { EVAL_PROTOCOLS } from './types.ts';
export type {
  CropInput,
  EvalProtocol,
  Scorer,
  ScorerContext,
  ScorerDefinition,
  ScorerModel,
} from './types.ts';
