// The `neck-colour` signal: does the colour of the face move with the colour of the neck below it?
// Per frame, face-skin minus neck chromaticity (face-neck.ts); per track, the median size of its
// frame-to-frame steps. A swapped face is colour-matched to each target frame on its own and jumps
// against the untouched neck; a real face and neck share the light. See docs/signals/neck-colour.md.

import { clamp01 } from '../common/config.ts';
import { notJudged, TrackClock, TrackedSignalInstance } from '../common/track-clock.ts';
import type { FrameBundle, SignalDefinition, SignalInstance, SignalObservation } from '../types.ts';
import { DEFAULT_NECK_COLOUR_CONFIG, resolveNeckColourConfig, type NeckColourConfig } from './config.ts';
import { faceNeckDifference, medianStep } from './face-neck.ts';
import { scoreNeckColour } from './score.ts';

export const NECK_COLOUR_SIGNAL_ID = 'neck-colour';

interface Step {
  timeSec: number;
  size: number;
}

class NeckTrack extends TrackClock {
  previous: { timeSec: number; dr: number; dg: number } | null = null;
  readonly steps: Step[] = [];
  lastSec: number;

  constructor(trackId: number, firstSec: number) {
    super(trackId, firstSec);
    this.lastSec = firstSec;
  }
}

export class NeckColourInstance extends TrackedSignalInstance<NeckTrack> implements SignalInstance {
  constructor(private readonly config: NeckColourConfig) {
    super();
  }

  async update(frame: FrameBundle): Promise<SignalObservation[]> {
    const c = this.config;
    const out: SignalObservation[] = [];
    for (const face of frame.faces) {
      const track = this.trackFor(face.trackId, () => new NeckTrack(face.trackId, frame.timeSec));
      track.lastSec = frame.timeSec;
      const measurable =
        face.quality.faceSizePx >= c.minFaceSizePx &&
        Math.abs(face.pose.yawDeg) <= c.maxYawDeg &&
        Math.abs(face.pose.pitchDeg) <= c.maxPitchDeg;
      const d = measurable
        ? faceNeckDifference(frame.data, frame.width, frame.height, face.landmarks, c)
        : null;
      if (d) {
        const prev = track.previous;
        if (prev && frame.timeSec - prev.timeSec <= c.maxFrameGapSec)
          track.steps.push({ timeSec: frame.timeSec, size: Math.hypot(d.dr - prev.dr, d.dg - prev.dg) });
        track.previous = { timeSec: frame.timeSec, ...d };
        track.addFaceSize(face.quality.faceSizePx, c.fullConfidenceFacePx);
      } else track.previous = null;
      if (track.windowDue(frame.timeSec, c.hopSec)) {
        const from = frame.timeSec - c.windowSec;
        const recent = track.steps.filter((s) => s.timeSec >= from);
        out.push(this.observe(track, Math.max(from, track.firstSec), frame.timeSec, recent));
      }
    }
    return out;
  }

  async flush(): Promise<SignalObservation[]> {
    return [...this.tracks.values()].map((t) => this.observe(t, t.firstSec, t.lastSec, t.steps));
  }

  private observe(
    track: NeckTrack,
    startSec: number,
    endSec: number,
    steps: readonly Step[],
  ): SignalObservation {
    const c = this.config;
    const base = { signalId: NECK_COLOUR_SIGNAL_ID, trackId: track.trackId, startSec, endSec };
    if (steps.length < c.minChanges) return notJudged(base, 'reason.neck-colour-unseen');
    const step = medianStep(steps.map((s) => s.size));
    const verdict = scoreNeckColour(step, c);
    return {
      ...base,
      score: verdict.score,
      confidence: track.sizeFactor * clamp01(steps.length / (2 * c.minChanges)) * verdict.weight,
      status: 'ok',
      reasonKey: verdict.reasonKey,
      features: { medianStep: step, steps: steps.length, excess: verdict.excess },
    };
  }
}

export const neckColourSignal: SignalDefinition<NeckColourConfig> = {
  id: NECK_COLOUR_SIGNAL_ID,
  title: 'Face colour against neck colour over time',
  citation:
    'Colour mismatch between a swapped face and its surroundings: e.g. "Exposing DeepFake Videos By Detecting Face Warping Artifacts", Y. Li and S. Lyu, CVPRW 2019; here followed over time against the neck (docs/signals/neck-colour.md)',
  requires: ['frames', 'tracks', 'mesh'],
  models: [],
  defaultConfig: DEFAULT_NECK_COLOUR_CONFIG,
  role: 'advisory',
  async create(_ctx, config) {
    return new NeckColourInstance(resolveNeckColourConfig(config));
  },
};
