// The `presentation-attack` signal: is the face a live person in front of the camera, or a face
// shown on a screen or a printed photo held up to it (a recapture)? A small CNN trained by this
// project (scripts/train/presentation-attack, model card models/presentation-attack.card.json) on
// genuine crops against simulated screen replays and prints (plus the few real ones) scores the
// aligned crop of every k-th usable frame; a track's frame logits are averaged after trimming
// (the face-swap signal's aggregate.ts, which `callsentinel eval` also uses) and Platt-calibrated
// with the parameters `callsentinel eval --scorer presentation-attack --write-calibration` fitted.
// Role 'advisory': shown with its reason, never moving the verdict (docs/signals/presentation-attack.md).

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
import { evidenceConfidence, frameLogit, trimmedMean } from '../face-swap/aggregate.ts';
import { cropToModelInput, type CropResize } from '../face-swap/crop-input.ts';
import type {
  FrameBundle,
  OperatingPoint,
  SignalDefinition,
  SignalInstance,
  SignalObservation,
} from '../types.ts';
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
    const resolved = resolvePresentationAttackConfig(config);
    const model = await ctx.models.load(PRESENTATION_ATTACK_MODEL);
    const entry = await ctx.models.trainedModel(PRESENTATION_ATTACK_MODEL);
    const calibration = await readSignalCalibration(
      path.join(
        ctx.models.trainedModelsDir,
        entry.calibration ?? `${PRESENTATION_ATTACK_MODEL}.calibration.json`,
      ),
      {
        signalId: PRESENTATION_ATTACK_SIGNAL_ID,
        modelName: PRESENTATION_ATTACK_MODEL,
        modelSha256: model.sha256,
        trimFraction: resolved.trimFraction,
      },
    );
    if (!model.outputNames.includes(PRESENTATION_ATTACK_OUTPUT))
      throw new Error(
        `model ${PRESENTATION_ATTACK_MODEL} has no output "${PRESENTATION_ATTACK_OUTPUT}" (has ${model.outputNames.join(', ')})`,
      );
    return new PresentationAttackInstance(model, calibration, resolved);
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
  windowStart: number;
}

class PresentationAttackInstance implements SignalInstance {
  readonly operatingPoints: readonly OperatingPoint[];
  /** Above this calibrated score the reason names a recapture (the default 5 % operating point). */
  private readonly alarmThreshold: number;
  private readonly tracks = new Map<number, TrackState>();
  private readonly input: Float32Array;

  constructor(
    private readonly model: OnnxModel,
    private readonly calibration: SignalCalibration,
    private readonly config: PresentationAttackConfig,
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
      observations.push(
        this.observe(
          face.trackId,
          state.scored.slice(state.windowStart),
          state,
          Math.max(from, state.firstSec),
          frame.timeSec,
        ),
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
    cropToModelInput(face.aligned.image, this.model.inputDims, PRESENTATION_ATTACK_RESIZE, this.input);
    const out = await this.model.run(this.input, this.model.inputDims);
    return out[PRESENTATION_ATTACK_OUTPUT]!.data[0]!;
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
    const base = { signalId: PRESENTATION_ATTACK_SIGNAL_ID, trackId, startSec, endSec, features };
    if (frames.length < c.minScoredFrames)
      return {
        ...base,
        score: null,
        confidence: 0,
        status: 'insufficient-data',
        reasonKey: 'reason.presentation-attack-too-few-frames',
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
      reasonKey:
        score >= this.alarmThreshold
          ? 'reason.presentation-attack-recapture'
          : 'reason.presentation-attack-live',
    };
  }
}

export type { PresentationAttackConfig };
