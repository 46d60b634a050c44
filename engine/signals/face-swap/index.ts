// The `face-swap` signal: does the face carry the traces a face swapper leaves (blending seam,
// a face softer or differently lit than its surroundings, warping)? A small CNN trained by this
// project (scripts/train/face-swap, model card models/face-swap.card.json) scores the aligned
// crop of every k-th usable frame; the frame logits of a track are averaged after trimming
// (engine/signals/face-swap/aggregate.ts) and Platt-calibrated to a probability with the
// parameters `callsentinel eval --write-calibration` fitted on out-of-fold scores.
// Docs: docs/signals/face-swap.md.

import path from 'node:path';
import {
  DEFAULT_FALSE_ALARM_TARGETS,
  plattProbability,
  readSignalCalibration,
  thresholdAt,
  type SignalCalibration,
} from '../../fusion/calibration.ts';
import { isUsableFace } from '../../face/quality.ts';
import type { TrackedFace } from '../../face/face-tracker.ts';
import type { OnnxModel } from '../../runtime/index.ts';
import type {
  FrameBundle,
  OperatingPoint,
  SignalDefinition,
  SignalInstance,
  SignalObservation,
} from '../types.ts';
import { AGGREGATION_METHOD, evidenceConfidence, frameLogit, trimmedMean } from './aggregate.ts';
import { DEFAULT_FACE_SWAP_CONFIG, resolveFaceSwapConfig, type FaceSwapConfig } from './config.ts';
import { cropToModelInput, type CropResize } from './crop-input.ts';

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
    const resolved = resolveFaceSwapConfig(config);
    const model = await ctx.models.load(FACE_SWAP_MODEL);
    const entry = await ctx.models.trainedModel(FACE_SWAP_MODEL);
    const calibrationPath = path.join(
      ctx.models.trainedModelsDir,
      entry.calibration ?? `${FACE_SWAP_MODEL}.calibration.json`,
    );
    const calibration = await readSignalCalibration(calibrationPath, {
      signalId: FACE_SWAP_SIGNAL_ID,
      modelName: FACE_SWAP_MODEL,
      modelSha256: model.sha256,
      trimFraction: resolved.trimFraction,
    });
    if (!model.outputNames.includes(FACE_SWAP_OUTPUT))
      throw new Error(
        `model ${FACE_SWAP_MODEL} has no output "${FACE_SWAP_OUTPUT}" (has ${model.outputNames.join(', ')})`,
      );
    return new FaceSwapInstance(model, calibration, resolved);
  },
};

interface ScoredFrame {
  timeSec: number;
  logit: number;
  faceSizePx: number;
}

interface TrackState {
  firstSec: number;
  lastSec: number;
  framesSeen: number;
  framesUsable: number;
  scored: ScoredFrame[];
  /** Index of the first scored frame inside the sliding window. */
  windowStart: number;
}

class FaceSwapInstance implements SignalInstance {
  readonly operatingPoints: readonly OperatingPoint[];
  /** Above this calibrated score the reason names swap traces (the default 5 % operating point). */
  private readonly alarmThreshold: number;
  private readonly tracks = new Map<number, TrackState>();
  private readonly input: Float32Array;

  constructor(
    private readonly model: OnnxModel,
    private readonly calibration: SignalCalibration,
    private readonly config: FaceSwapConfig,
  ) {
    this.operatingPoints = Object.freeze(calibration.operatingPoints.map((p) => Object.freeze({ ...p })));
    this.alarmThreshold = thresholdAt(this.operatingPoints, DEFAULT_FALSE_ALARM_TARGETS.suspicious);
    this.input = new Float32Array(model.inputDims.reduce((a, b) => a * b, 1));
  }

  async update(frame: FrameBundle): Promise<SignalObservation[]> {
    const observations: SignalObservation[] = [];
    for (const face of frame.faces) {
      let state = this.tracks.get(face.trackId);
      if (!state) {
        state = {
          firstSec: frame.timeSec,
          lastSec: frame.timeSec,
          framesSeen: 0,
          framesUsable: 0,
          scored: [],
          windowStart: 0,
        };
        this.tracks.set(face.trackId, state);
      }
      state.lastSec = frame.timeSec;
      state.framesSeen++;
      if (!isUsableFace(face.quality)) continue;
      state.framesUsable++;
      if ((state.framesUsable - 1) % this.config.scoreEveryFrames !== 0) continue;
      state.scored.push({
        timeSec: frame.timeSec,
        logit: frameLogit(await this.scoreCrop(face)),
        faceSizePx: face.quality.faceSizePx,
      });
      const from = frame.timeSec - this.config.windowSec;
      while (state.scored[state.windowStart]!.timeSec <= from) state.windowStart++;
      const window = state.scored.slice(state.windowStart);
      observations.push(
        this.observe(face.trackId, window, state, Math.max(from, state.firstSec), frame.timeSec),
      );
    }
    return observations;
  }

  async flush(): Promise<SignalObservation[]> {
    return [...this.tracks].map(([trackId, state]) =>
      this.observe(trackId, state.scored, state, state.firstSec, state.lastSec),
    );
  }

  reset(trackId: number): void {
    this.tracks.delete(trackId);
  }

  async dispose(): Promise<void> {
    // The model session belongs to the ModelStore, which releases it.
    this.tracks.clear();
  }

  private async scoreCrop(face: TrackedFace): Promise<number> {
    cropToModelInput(face.aligned.image, this.model.inputDims, FACE_SWAP_RESIZE, this.input);
    const out = await this.model.run(this.input, this.model.inputDims);
    return out[FACE_SWAP_OUTPUT]!.data[0]!;
  }

  private observe(
    trackId: number,
    frames: readonly ScoredFrame[],
    state: TrackState,
    startSec: number,
    endSec: number,
  ): SignalObservation {
    const c = this.config;
    const features: Record<string, number> = {
      framesScored: frames.length,
      framesSeen: state.framesSeen,
      framesUsable: state.framesUsable,
      scoreEveryFrames: c.scoreEveryFrames,
    };
    const base = { signalId: FACE_SWAP_SIGNAL_ID, trackId, startSec, endSec, features };
    if (frames.length < c.minScoredFrames)
      return {
        ...base,
        score: null,
        confidence: 0,
        status: 'insufficient-data',
        reasonKey: 'reason.face-swap-too-few-frames',
      };
    const raw = trimmedMean(
      frames.map((f) => f.logit),
      c.trimFraction,
    );
    const score = plattProbability(this.calibration.platt, raw);
    features.rawScore = raw;
    return {
      ...base,
      score,
      confidence: evidenceConfidence(
        frames.map((f) => f.faceSizePx),
        c,
      ),
      status: 'ok',
      reasonKey: score >= this.alarmThreshold ? 'reason.face-swap-artifacts' : 'reason.face-swap-clean',
    };
  }
}

export { AGGREGATION_METHOD, type FaceSwapConfig };
