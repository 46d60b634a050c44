// The `blink` signal: eye aspect ratio of both eyes from the face mesh (Soukupová & Čech,
// CVWW 2016) → blink events (detect-blinks.ts) → rate, duration, shape and symmetry per track;
// a face that never blinks for ≥ 20 s, or blinks implausibly, scores higher (score.ts).
// See docs/signals/blink.md.

import { clamp01 } from '../common/config.ts';
import { notJudged, TrackClock, TrackedSignalInstance } from '../common/track-clock.ts';
import type { FrameBundle, SignalDefinition, SignalInstance, SignalObservation } from '../types.ts';
import { DEFAULT_BLINK_CONFIG, resolveBlinkConfig, type BlinkConfig } from './config.ts';
import { detectBlinks, isImplausible, type BlinkEvent, type EyeSample } from './detect-blinks.ts';
import { eyeAspectRatio, LEFT_EYE_EAR_POINTS, RIGHT_EYE_EAR_POINTS } from './eye-aspect-ratio.ts';
import { scoreBlinks, type BlinkSummary } from './score.ts';

export const BLINK_SIGNAL_ID = 'blink';

interface TrackEyeSample extends EyeSample {
  /** Seconds of measurable eyes from the track's start up to this frame. */
  observedSec: number;
}

class BlinkTrack extends TrackClock {
  buffer: TrackEyeSample[] = [];
  events: BlinkEvent[] = [];
  observedSec = 0;
  lastAcceptedEndSec = Number.NEGATIVE_INFINITY;
  /** `observedSec` when the current blink-free stretch began. */
  runStartObservedSec = 0;
  longestRunSec = 0;
  /** True until the buffer has dropped its first sample (events near the track start are complete). */
  bufferHoldsStart = true;
}

export class BlinkInstance extends TrackedSignalInstance<BlinkTrack> implements SignalInstance {
  /** Enough history to find any event that ended since the previous hop, with its open-eye reference. */
  private readonly bufferSec: number;

  constructor(private readonly config: BlinkConfig) {
    super();
    this.bufferSec = 4 * config.referenceHalfWindowSec + 2 * config.maxBlinkSec + 2 * config.hopSec;
  }

  async update(frame: FrameBundle): Promise<SignalObservation[]> {
    const c = this.config;
    const out: SignalObservation[] = [];
    for (const face of frame.faces) {
      const track = this.trackFor(face.trackId, () => new BlinkTrack(face.trackId, frame.timeSec));
      const measurable =
        face.quality.faceSizePx >= c.minFaceSizePx &&
        Math.abs(face.pose.yawDeg) <= c.maxYawDeg &&
        Math.abs(face.pose.pitchDeg) <= c.maxPitchDeg;
      const right = measurable ? eyeAspectRatio(face.landmarks, RIGHT_EYE_EAR_POINTS) : Number.NaN;
      const left = measurable ? eyeAspectRatio(face.landmarks, LEFT_EYE_EAR_POINTS) : Number.NaN;
      const prev = track.buffer[track.buffer.length - 1];
      const valid = Number.isFinite(right) && Number.isFinite(left);
      if (valid && prev && Number.isFinite(prev.right) && frame.timeSec - prev.timeSec <= c.maxGapSec)
        track.observedSec += frame.timeSec - prev.timeSec;
      track.buffer.push({ timeSec: frame.timeSec, right, left, observedSec: track.observedSec });
      if (valid) track.addFaceSize(face.quality.faceSizePx, c.fullConfidenceFacePx);
      let drop = 0;
      while (drop < track.buffer.length && track.buffer[drop]!.timeSec < frame.timeSec - this.bufferSec)
        drop++;
      if (drop) {
        track.buffer.splice(0, drop);
        track.bufferHoldsStart = false;
      }
      if (track.windowDue(frame.timeSec, c.hopSec)) {
        this.acceptEvents(track, false);
        out.push(this.observe(track, frame.timeSec));
      }
    }
    return out;
  }

  async flush(): Promise<SignalObservation[]> {
    return [...this.tracks.values()].map((t) => {
      this.acceptEvents(t, true);
      return this.observe(t, t.buffer[t.buffer.length - 1]?.timeSec ?? t.firstSec);
    });
  }

  /** Record the events that are complete and new; `atEnd`: no more frames will come. */
  private acceptEvents(track: BlinkTrack, atEnd: boolean): void {
    const c = this.config;
    const buffer = track.buffer;
    if (buffer.length < 3) return;
    const newest = buffer[buffer.length - 1]!.timeSec;
    const oldest = buffer[0]!.timeSec;
    const observedAt = new Map(buffer.map((s) => [s.timeSec, s.observedSec]));
    for (const e of detectBlinks(buffer, c)) {
      if (e.startSec <= track.lastAcceptedEndSec) continue;
      // Wait until the open-eye reference after the event is in, and skip events whose
      // reference before them has already left the buffer (they were judged earlier).
      if (!atEnd && e.endSec > newest - c.referenceHalfWindowSec) continue;
      if (!track.bufferHoldsStart && e.startSec < oldest + c.referenceHalfWindowSec) continue;
      const startObserved = observedAt.get(e.startSec) ?? track.observedSec;
      track.longestRunSec = Math.max(track.longestRunSec, startObserved - track.runStartObservedSec);
      track.runStartObservedSec = observedAt.get(e.endSec) ?? track.observedSec;
      track.lastAcceptedEndSec = e.endSec;
      track.events.push(e);
    }
  }

  private observe(track: BlinkTrack, endSec: number): SignalObservation {
    const c = this.config;
    const blinks = track.events.filter((e) => e.kind === 'blink');
    const summary: BlinkSummary = {
      observedSec: track.observedSec,
      blinks: blinks.length,
      implausible: track.events.filter((e) => isImplausible(e.kind)).length,
      longestBlinkFreeSec: Math.max(track.longestRunSec, track.observedSec - track.runStartObservedSec),
    };
    const verdict = scoreBlinks(summary, c);
    const base = { signalId: BLINK_SIGNAL_ID, trackId: track.trackId, startSec: track.firstSec, endSec };
    if (!verdict) return notJudged(base, 'reason.blink-watching');
    const mean = (values: number[]) =>
      values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
    const sizeFactor = track.sizeFactor;
    const seenFactor = clamp01(summary.observedSec / c.noBlinkSec);
    return {
      ...base,
      score: verdict.score,
      confidence: sizeFactor * seenFactor * verdict.weight,
      status: 'ok',
      reasonKey: verdict.reasonKey,
      features: {
        blinks: summary.blinks,
        implausible: summary.implausible,
        ratePerMin: summary.observedSec > 0 ? (60 * summary.blinks) / summary.observedSec : 0,
        meanDurationMs: 1000 * mean(blinks.map((e) => e.durationSec)),
        meanClosingToOpening: mean(blinks.map((e) => e.closingSec / Math.max(e.openingSec, 1e-3))),
        meanAsymmetry: mean(track.events.map((e) => e.asymmetry)),
        longestBlinkFreeSec: summary.longestBlinkFreeSec,
        observedSec: summary.observedSec,
        oddness: verdict.oddness,
      },
    };
  }
}

export const blinkSignal: SignalDefinition<BlinkConfig> = {
  id: BLINK_SIGNAL_ID,
  title: 'Blinking (eye aspect ratio)',
  citation:
    'T. Soukupová, J. Čech, "Real-Time Eye Blink Detection using Facial Landmarks", 21st Computer Vision Winter Workshop, 2016',
  requires: ['tracks', 'mesh'],
  models: [],
  defaultConfig: DEFAULT_BLINK_CONFIG,
  role: 'advisory',
  async create(_ctx, config) {
    return new BlinkInstance(resolveBlinkConfig(config));
  },
};
