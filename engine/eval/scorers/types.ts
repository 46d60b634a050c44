// What an evaluation scorer is: a named way to give every aligned crop of the cache a per-frame
// score ("higher = more likely manipulated", on a logit scale). Every scorer is then aggregated,
// calibrated and measured by the same protocol and metrics (engine/eval/protocol.ts, metrics.ts).

import type { RgbImage } from '../../face/image-warp.ts';
import type { CropKind, ModelStore } from '../../runtime/index.ts';
import type { SampleRecord } from '../dataset/types.ts';

export interface ScorerContext {
  models: ModelStore;
  /** Folder of per-fold models (face-swap: the trainer's output, fold-<k>.onnx). */
  foldModelsDir: string;
  /** The folds the evaluated items belong to. */
  folds: readonly number[];
  /** Score with a model that saw the items in training when per-fold models are missing. */
  allowInSample: boolean;
}

export interface CropInput {
  sample: SampleRecord;
  /** The fold the item is held out in (the model used must not have trained on it). */
  fold: number;
  image: RgbImage;
  /** The face mask, loaded on demand (only some scorers need it). */
  mask(): Promise<Uint8Array>;
}

export interface ScorerModel {
  name: string;
  /** Fold whose items this model scores (null: every item). */
  fold: number | null;
  file: string;
  sha256: string;
}

export interface Scorer {
  /** Per-frame score, higher = more likely manipulated, on a logit scale. */
  score(crop: CropInput): Promise<number>;
  /** The cache crop it scores (its model's training crop). */
  readonly crop: CropKind;
  readonly models: readonly ScorerModel[];
  /** True when items were scored by a model trained on them: every number is then in-sample. */
  readonly inSample: boolean;
  dispose(): Promise<void>;
}

/** The evaluation protocols (`callsentinel eval --protocol`). */
export const EVAL_PROTOCOLS = ['swap', 'presentation-attack', 'fusion'] as const;
export type EvalProtocol = (typeof EVAL_PROTOCOLS)[number];

export interface ScorerDefinition {
  /** Stable kebab-case name, as given to --scorer. */
  name: string;
  description: string;
  /** The signal and trained model whose calibration --write-calibration fits from this scorer. */
  calibrates?: { signalId: string; modelName: string };
  /** The protocol `callsentinel eval` runs by default: 'swap' (engine/eval/run-eval.ts, when absent) or 'presentation-attack' (engine/eval/pad-eval.ts). */
  protocol?: EvalProtocol;
  /** Folder under the cache root holding its per-fold models (default face-swap-train). */
  foldModelsSubdir?: string;
  create(ctx: ScorerContext): Promise<Scorer>;
}
