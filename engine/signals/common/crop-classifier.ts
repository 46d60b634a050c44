// The shape shared by the signals whose evidence is one trained CNN on a face crop (face-swap,
// presentation-attack): score the crop the model was trained on (the aligned crop, or its context
// crop when the manifest says so) of every k-th usable frame of a track, average
// the frame logits of a sliding window (and of the whole track at flush) after trimming, Platt-
// calibrate that to a probability with the calibration `callsentinel eval --write-calibration`
// fitted, and name the reason by the default operating point. A signal supplies its model's
// name, output, resize, reason keys and config; everything else is here, once.

import path from 'node:path';
import {
  DEFAULT_FALSE_ALARM_TARGETS,
  plattProbability,
  readSignalCalibration,
  thresholdAt,
  type SignalCalibration,
} from '../../fusion/calibration.ts';
import { cropOfKind } from '../../face/alignment.ts';
import { isUsableFace } from '../../face/quality.ts';
import type { TrackedFace } from '../../face/face-tracker.ts';
import type { RgbImage } from '../../face/image-warp.ts';
import { trainedCropKind, type CropKind, type OnnxModel } from '../../runtime/index.ts';
import type {
  FrameBundle,
  OperatingPoint,
  SignalContext,
  SignalInstance,
  SignalObservation,
} from '../types.ts';
import { evidenceConfidence, frameLogit, trimmedMean, type ConfidenceLimits } from './aggregate.ts';
import { cropToModelInput, type CropResize } from './crop-input.ts';

export interface CropClassifierConfig extends ConfidenceLimits {
  /** Score the aligned crop of every k-th usable frame of a track (1 = every frame). */
  scoreEveryFrames: number;
  /** Sliding window for the timeline, seconds. */
  windowSec: number;
  /** Scored frames needed before a window or track gets a score. */
  minScoredFrames: number;
  /** Share of the lowest and, separately, of the highest frame logits dropped before averaging. */
  trimFraction: number;
}

export interface CropClassifierSpec {
  signalId: string;
  /** The model's name in models/manifest.json. */
  modelName: string;
  /** Output tensor holding the probability (0..1) of the class the signal warns about. */
  outputName: string;
  /** How the trainer shrinks the 224 crop to the model input (the evaluation uses the same). */
  resize: CropResize;
  reasons: { tooFewFrames: string; alarm: string; clear: string };
}

/** Fills a partial config from `defaults`, rejecting unknown keys and impossible values. */
export function resolveCropClassifierConfig<C extends CropClassifierConfig>(
  signalId: string,
  defaults: Readonly<C>,
  partial: Partial<C> = {},
): C {
  for (const key of Object.keys(partial)) {
    if (!(key in defaults)) throw new Error(`unknown ${signalId} config key: ${key}`);
  }
  const c = { ...defaults, ...partial } as C;
  const positiveInt = (v: number) => Number.isInteger(v) && v >= 1;
  if (
    !positiveInt(c.scoreEveryFrames) ||
    !positiveInt(c.minScoredFrames) ||
    !positiveInt(c.fullConfidenceFrames)
  )
    throw new Error(
      `${signalId}: scoreEveryFrames, minScoredFrames and fullConfidenceFrames must be integers ≥ 1`,
    );
  if (!(c.trimFraction >= 0 && c.trimFraction < 0.5))
    throw new Error(`${signalId}: trimFraction must be in [0, 0.5)`);
  if (!(c.windowSec > 0) || !(c.fullConfidenceFacePx > 0))
    throw new Error(`${signalId}: windowSec and fullConfidenceFacePx must be positive`);
  return c;
}

/** Loads the model and its calibration (checked against the model's sha256) and starts an instance. */
export async function createCropClassifier(
  ctx: SignalContext,
  spec: CropClassifierSpec,
  config: CropClassifierConfig,
): Promise<SignalInstance> {
  const model = await ctx.models.load(spec.modelName);
  const entry = await ctx.models.trainedModel(spec.modelName);
  const calibration = await readSignalCalibration(
    path.join(ctx.models.trainedModelsDir, entry.calibration ?? `${spec.modelName}.calibration.json`),
    {
      signalId: spec.signalId,
      modelName: spec.modelName,
      modelSha256: model.sha256,
      trimFraction: config.trimFraction,
    },
  );
  if (!model.outputNames.includes(spec.outputName))
    throw new Error(
      `model ${spec.modelName} has no output "${spec.outputName}" (has ${model.outputNames.join(', ')})`,
    );
  return new CropClassifierInstance(spec, model, trainedCropKind(entry), calibration, config);
}

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

class CropClassifierInstance implements SignalInstance {
  readonly operatingPoints: readonly OperatingPoint[];
  /** Above this calibrated score the reason is the alarm (the default 5 % operating point). */
  private readonly alarmThreshold: number;
  private readonly tracks = new Map<number, TrackState>();
  private readonly input: Float32Array;

  constructor(
    private readonly spec: CropClassifierSpec,
    private readonly model: OnnxModel,
    private readonly crop: CropKind,
    private readonly calibration: SignalCalibration,
    private readonly config: CropClassifierConfig,
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
        logit: frameLogit(await this.scoreCrop(face, frame)),
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

  private async scoreCrop(face: TrackedFace, frame: RgbImage): Promise<number> {
    cropToModelInput(
      cropOfKind(this.crop, frame, face.aligned),
      this.model.inputDims,
      this.spec.resize,
      this.input,
    );
    const out = await this.model.run(this.input, this.model.inputDims);
    return out[this.spec.outputName]!.data[0]!;
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
    const base = { signalId: this.spec.signalId, trackId, startSec, endSec, features };
    if (frames.length < c.minScoredFrames)
      return {
        ...base,
        score: null,
        confidence: 0,
        status: 'insufficient-data',
        reasonKey: this.spec.reasons.tooFewFrames,
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
      reasonKey: score >= this.alarmThreshold ? this.spec.reasons.alarm : this.spec.reasons.clear,
    };
  }
}
