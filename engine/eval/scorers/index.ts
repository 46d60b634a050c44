// Every scorer `callsentinel eval --scorer NAME` knows, one line each.

import { antispoofScorer } from './antispoof.ts';
import { faceBlurScorer } from './face-blur.ts';
import { faceSwapScorer } from './face-swap.ts';
import { ScorerRegistry } from './registry.ts';
import type { ScorerDefinition } from './types.ts';

export const BUILT_IN_SCORERS: readonly ScorerDefinition[] = [
  faceSwapScorer,
  antispoofScorer,
  faceBlurScorer,
];

export function createScorerRegistry(): ScorerRegistry {
  return new ScorerRegistry(BUILT_IN_SCORERS);
}

export { ScorerRegistry } from './registry.ts';
export type { CropInput, Scorer, ScorerContext, ScorerDefinition, ScorerModel } from './types.ts';
