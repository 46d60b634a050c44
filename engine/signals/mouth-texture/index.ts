// The `mouth-texture` signal: while the mouth is open and the face roughly frontal, how much fine
// detail the mouth interior shows against the eyes of the same face (mouth-detail.ts). Generated
// and swapped mouths come out smoother than the eyes; a camera resolves both alike. One-sided: a
// normal mouth proves nothing. See docs/signals/mouth-texture.md.

import { median } from '../../core/stats.ts';
import { clamp01 } from '../common/config.ts';
import { notJudged, TrackClock, TrackedSignalInstance } from '../common/track-clock.ts';
import type { FrameBundle, SignalDefinition, SignalInstance, SignalObservation } from '../types.ts';
import {
  DEFAULT_MOUTH_TEXTURE_CONFIG,
  resolveMouthTextureConfig,
  type MouthTextureConfig,
} from './config.ts';
import { mouthDetail, mouthOpening } from './mouth-detail.ts';
import { scoreMouthTexture } from './score.ts';

export const MOUTH_TEXTURE_SIGNAL_ID = 'mouth-texture';

/** Fewer pixels than this in the mouth opening or the eyes: the frame is not measured. */
const MIN_REGION_PIXELS = 30;

interface Measurement {
  timeSec: number;
  ratio: number;
  /** Media time this open-mouth frame stands for. */
  spanSec: number;
}

class MouthTrack extends TrackClock {
  readonly measurements: Measurement[] = [];
  lastSec: number;
  lastMeasuredSec = Number.NEGATIVE_INFINITY;

  constructor(trackId: number, firstSec: number) {
    super(trackId, firstSec);
    this.lastSec = firstSec;
  }
}

export class MouthTextureInstance extends TrackedSignalInstance<MouthTrack> implements SignalInstance {
  constructor(private readonly config: MouthTextureConfig) {
    super();
  }

  async update(frame: FrameBundle): Promise<SignalObservation[]> {
    const c = this.config;
    const out: SignalObservation[] = [];
    for (const face of frame.faces) {
      const track = this.trackFor(face.trackId, () => new MouthTrack(face.trackId, frame.timeSec));
      track.lastSec = frame.timeSec;
      const measurable =
        face.quality.faceSizePx >= c.minFaceSizePx &&
        Math.abs(face.pose.yawDeg) <= c.maxYawDeg &&
        Math.abs(face.pose.pitchDeg) <= c.maxPitchDeg &&
        mouthOpening(face.landmarks) >= c.minOpening;
      if (measurable) {
        const d = mouthDetail(face.aligned.image, face.landmarks, face.aligned.frameToCrop);
        if (Math.min(d.mouth.pixels, d.eyes.pixels) >= MIN_REGION_PIXELS && Number.isFinite(d.ratio)) {
          const gap = frame.timeSec - track.lastMeasuredSec;
          track.measurements.push({
            timeSec: frame.timeSec,
            ratio: d.ratio,
            spanSec: Math.min(gap, c.maxFrameGapSec),
          });
          track.lastMeasuredSec = frame.timeSec;
          track.addFaceSize(face.quality.faceSizePx, c.fullConfidenceFacePx);
        }
      }
      if (track.windowDue(frame.timeSec, c.hopSec)) {
        const from = frame.timeSec - c.windowSec;
        const recent = track.measurements.filter((m) => m.timeSec >= from);
        out.push(this.observe(track, Math.max(from, track.firstSec), frame.timeSec, recent));
      }
    }
    return out;
  }

  async flush(): Promise<SignalObservation[]> {
    return [...this.tracks.values()].map((t) => this.observe(t, t.firstSec, t.lastSec, t.measurements));
  }

  private observe(
    track: MouthTrack,
    startSec: number,
    endSec: number,
    measurements: readonly Measurement[],
  ): SignalObservation {
    const c = this.config;
    // The first measured frame of a run has no interval of its own: count it as one gap's worth.
    const openSec = measurements.reduce((s, m) => s + (Number.isFinite(m.spanSec) ? m.spanSec : 0), 0);
    const base = { signalId: MOUTH_TEXTURE_SIGNAL_ID, trackId: track.trackId, startSec, endSec };
    if (openSec < c.minOpenSec) return notJudged(base, 'reason.mouth-texture-closed');
    const ratios = measurements.map((m) => m.ratio);
    const medianRatio = median(ratios);
    const verdict = scoreMouthTexture(medianRatio, c);
    return {
      ...base,
      score: verdict.score,
      confidence: track.sizeFactor * clamp01(openSec / (2 * c.minOpenSec)) * verdict.weight,
      status: 'ok',
      reasonKey: verdict.reasonKey,
      features: { medianRatio, openSec, framesMeasured: measurements.length, smoothness: verdict.smoothness },
    };
  }
}

export const mouthTextureSignal: SignalDefinition<MouthTextureConfig> = {
  id: MOUTH_TEXTURE_SIGNAL_ID,
  title: 'Fine detail of the open mouth against the eyes',
  citation:
    'Mouth-region artefacts of generated talking heads and swaps: e.g. "Lips Don\'t Lie: A Generalisable and Robust Approach to Face Forgery Detection", A. Haliassos et al., CVPR 2021 (docs/signals/mouth-texture.md)',
  requires: ['tracks', 'mesh', 'aligned-crop'],
  models: [],
  defaultConfig: DEFAULT_MOUTH_TEXTURE_CONFIG,
  role: 'advisory',
  async create(_ctx, config) {
    return new MouthTextureInstance(resolveMouthTextureConfig(config));
  },
};
