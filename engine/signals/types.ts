// The one way a detector signal plugs into the engine (see docs/architecture.md): a plain
// definition with a stable kebab-case id, whose instances turn per-frame face bundles into
// observations. Signals keep all their state inside the instance, never at module level.

import type { TrackedFace } from '../face/face-tracker.ts';
import type { ModelStore } from '../runtime/index.ts';

export type SignalStatus = 'ok' | 'insufficient-data' | 'degraded';

/** What one signal concluded about one track over a span of media time. */
export interface SignalObservation {
  signalId: string;
  trackId: number;
  startSec: number;
  endSec: number;
  /** Calibrated probability (0..1) that the face is manipulated or not live. */
  score: number | null;
  /** 0..1: how much usable evidence stood behind the score (face size, frames, quality). */
  confidence: number;
  status: SignalStatus;
  /** Message-catalogue key explaining the observation in plain language. */
  reasonKey: string;
  features?: Record<string, number>;
}

/** Everything a signal sees of one analysed frame. */
export interface FrameBundle {
  frameIndex: number;
  timeSec: number;
  width: number;
  height: number;
  /** RGB24 frame pixels. */
  data: Uint8Array;
  faces: readonly TrackedFace[];
}

export interface SignalContext {
  models: ModelStore;
}

/**
 * A calibrated score from which at most `falseAlarmRate` of the genuine items a signal was
 * calibrated on score at or above it (fitted on training folds only).
 */
export interface OperatingPoint {
  falseAlarmRate: number;
  threshold: number;
}

export interface SignalInstance {
  /**
   * Operating points fitted with the signal's calibration; fusion sets its verdict thresholds
   * from these for the false-alarm rate it targets. Absent: fusion's default thresholds.
   */
  readonly operatingPoints?: readonly OperatingPoint[];
  /** Sliding-window observations (the timeline) for what this frame added. */
  update(frame: FrameBundle): Promise<SignalObservation[]>;
  /** One observation per track over everything it saw (end of input; what the verdict uses). */
  flush(): Promise<SignalObservation[]>;
  /** A track ended: drop its state. */
  reset(trackId: number): void;
  dispose(): Promise<void>;
}

export interface SignalDefinition<Config extends object = object> {
  /** Stable kebab-case id; the key of `signals` in `scan --json`. */
  id: string;
  title: string;
  /** The method's origin (paper or document) for the docs page. */
  citation: string;
  requires: ReadonlyArray<'frames' | 'tracks' | 'mesh' | 'aligned-crop' | 'audio'>;
  /** Names of the models it loads from the model manifest. */
  models: readonly string[];
  defaultConfig: Readonly<Config>;
  /**
   * 'judge': calibrated on labelled data (training folds) and entering the verdict;
   * 'advisory': shown with its reasons, never moving the verdict (docs/fusion.md).
   */
  role: 'judge' | 'advisory';
  create(ctx: SignalContext, config: Config): Promise<SignalInstance>;
}
