// The `presentation-attack` signal: is the face a live person in front of the camera, or a face
// shown on a screen or a printed photo held up to it (a recapture)? A small CNN trained by this
// project (scripts/train/presentation-attack, model card models/presentation-attack.card.json) on
// genuine crops against simulated screen replays and prints (plus the few real ones) scores the
// aligned crop of every k-th usable frame; a track's frame logits are averaged after trimming
// (engine/signals/common/crop-classifier.ts, shared with face-swap; `callsentinel eval` uses the same aggregation) and Platt-calibrated
// with the parameters `callsentinel eval --scorer presentation-attack --write-calibration` fitted.
// Role 'advisory': shown with its reason, never moving the verdict (docs/signals/presentation-attack.md).

import type { SignalDefinition } from '../types.ts';
import { createCropClassifier, type CropClassifierSpec } from '../common/crop-classifier.ts';
import type { CropResize } from '../common/crop-input.ts';
import {
  DEFAULT_PRESENTATION_ATTACK_CONFIG,
  resolvePresentationAttackConfig,
  type PresentationAttackConfig,
} from './config.ts';

export const PRESENTATION_ATTACK_SIGNAL_ID = 'presentation-attack';
/** Name of the model in models/manifest.json. */
export const PRESENTATION_ATTACK_MODEL = 'presentation-attack';
/** Output tensor: probability (0..1) that the crop shows a recaptured (screen or printed) face. */
export const PRESENTATION_ATTACK_OUTPUT = 'score';
/** The trainer's resize of the 224 crop (scripts/train/presentation-attack uses face-swap's to_input). */
export const PRESENTATION_ATTACK_RESIZE: CropResize = 'area';

export const presentationAttackSignal: SignalDefinition<PresentationAttackConfig> = {
  id: PRESENTATION_ATTACK_SIGNAL_ID,
  title: 'Presentation attack: a face shown on a screen or a printed photo',
  citation:
    'Own CNN on aligned crops, trained on simulated recaptures (moire: K. Patel, H. Han, A. K. Jain, "Secure Face ' +
    'Unlock: Spoof Detection on Smartphones", IEEE TIFS 2016; print and replay media as in OULU-NPU, Z. Boulkenafet ' +
    'et al., FG 2017); metrics per ISO/IEC 30107-3 (APCER, BPCER); Platt calibration (J. Platt, 1999).',
  requires: ['tracks', 'aligned-crop'],
  models: [PRESENTATION_ATTACK_MODEL],
  defaultConfig: DEFAULT_PRESENTATION_ATTACK_CONFIG,
  role: 'advisory',
  async create(ctx, config) {
    return createCropClassifier(ctx, PRESENTATION_ATTACK_SPEC, resolvePresentationAttackConfig(config));
  },
};

const PRESENTATION_ATTACK_SPEC: CropClassifierSpec = {
  signalId: PRESENTATION_ATTACK_SIGNAL_ID,
  modelName: PRESENTATION_ATTACK_MODEL,
  outputName: PRESENTATION_ATTACK_OUTPUT,
  resize: PRESENTATION_ATTACK_RESIZE,
  reasons: {
    tooFewFrames: 'reason.presentation-attack-too-few-frames',
    alarm: 'reason.presentation-attack-recapture',
    clear: 'reason.presentation-attack-live',
  },
};

export type { PresentationAttackConfig };
