// The `face-swap` signal: does the face carry the traces a face swapper leaves (blending seam,
// a face softer or differently lit than its surroundings, warping)? A small CNN trained by this
// project (scripts/train/face-swap, model card models/face-swap.card.json) scores the aligned
// crop of every k-th usable frame; the frame logits of a track are averaged after trimming
// (engine/signals/common/aggregate.ts) and Platt-calibrated to a probability with the
// parameters `callsentinel eval --write-calibration` fitted on out-of-fold scores.
// Docs: docs/signals/face-swap.md.

import type { SignalDefinition } from '../types.ts';
import { AGGREGATION_METHOD } from '../common/aggregate.ts';
import { createCropClassifier, type CropClassifierSpec } from '../common/crop-classifier.ts';
import type { CropResize } from '../common/crop-input.ts';
import { DEFAULT_FACE_SWAP_CONFIG, resolveFaceSwapConfig, type FaceSwapConfig } from './config.ts';

export const FACE_SWAP_SIGNAL_ID = 'face-swap';
/** Name of the model in models/manifest.json. */
export const FACE_SWAP_MODEL = 'face-swap';
/** Output tensor: probability (0..1) that the crop shows a swapped face. */
export const FACE_SWAP_OUTPUT = 'score';
/**
 * How the trainer shrinks the 224 crop to the model input (scripts/train/face-swap/sampler.py,
 * `to_input`); the evaluation uses the same.
 */
export const FACE_SWAP_RESIZE: CropResize = 'area';

export const faceSwapSignal: SignalDefinition<FaceSwapConfig> = {
  id: FACE_SWAP_SIGNAL_ID,
  title: 'Face-swap artefacts in the aligned face crop',
  citation:
    'Own CNN on aligned crops, trained with real swaps and self-blended pseudo-fakes (K. Shiohara, T. Yamasaki, ' +
    '"Detecting Deepfakes with Self-Blended Images", CVPR 2022); Platt calibration (J. Platt, 1999).',
  requires: ['tracks', 'aligned-crop'],
  models: [FACE_SWAP_MODEL],
  defaultConfig: DEFAULT_FACE_SWAP_CONFIG,
  role: 'judge',
  async create(ctx, config) {
    return createCropClassifier(ctx, FACE_SWAP_SPEC, resolveFaceSwapConfig(config));
  },
};

const FACE_SWAP_SPEC: CropClassifierSpec = {
  signalId: FACE_SWAP_SIGNAL_ID,
  modelName: FACE_SWAP_MODEL,
  outputName: FACE_SWAP_OUTPUT,
  resize: FACE_SWAP_RESIZE,
  reasons: {
    tooFewFrames: 'reason.face-swap-too-few-frames',
    alarm: 'reason.face-swap-artifacts',
    clear: 'reason.face-swap-clean',
  },
};

export { AGGREGATION_METHOD, type FaceSwapConfig };
