// The `jitter` signal: while the head is still, how much the stable landmarks of the face mesh
// wobble from frame to frame once the head's own motion (a 2-D similarity) is removed, as a
// share of the face height (landmark-jitter.ts). A live face swap re-renders the face every
// frame and its features jitter even when the person sits still. See docs/signals/jitter.md.

import { median } from '../../core/stats.ts';
import { clamp01 } from '../common/config.ts';
import { notJudged, TrackClock, TrackedSignalInstance } from '../common/track-clock.ts';
import { faceHeightPx, headPlacement, pickPoints, PlacementHistory } from '../common/mesh-motion.ts';
import type { FrameBundle, SignalDefinition, SignalInstance, SignalObservation } from '../types.ts';
import { DEFAULT_JITTER_CONFIG, resolveJitterConfig, type JitterConfig } from './config.ts';
import { frameJitter, STABLE_LANDMARKS } from './landmark-jitter.ts';
import { scoreJitter } from './score.ts';

export const JITTER_SIGNAL_ID = 'jitter';

interface MeshFrame {
  timeSec: number;
  points: Float64Array;
  faceHeightPx: number;
  still: boolean;
}

interface Measurement {
  timeSec: number;
  jitter: number;
  /** Media time this measurement stands for (mean of its two frame intervals). */
  spanSec: number;
}

class JitterTrack extends TrackClock {
  readonly recent: MeshFrame[] = [];
  readonly measurements: Measurement[] = [];

  constructor(
    trackId: number,
    firstSec: number,
    readonly history: PlacementHistory,
  ) {
    super(trackId, firstSec);
  }
}

export class JitterInstance extends TrackedSignalInstance<JitterTrack> implements SignalInstance {
  constructor(private readonly config: JitterConfig) {
    super();
  }

  async update(frame: FrameBundle): Promise<SignalObservation[]> {
    const c = this.config;
    const out: SignalObservation[] = [];
    for (const face of frame.faces) {
      const track = this.trackFor(
        face.trackId,
        () => new JitterTrack(face.trackId, frame.timeSec, new PlacementHistory(c)),
      );
      if (face.quality.faceSizePx < c.minFaceSizePx) {
        track.recent.length = 0;
        track.history.clear();
      } else {
        const speed = track.history.push(headPlacement(frame.timeSec, face.landmarks, face.pose));
        track.recent.push({
          timeSec: frame.timeSec,
          points: pickPoints(face.landmarks, STABLE_LANDMARKS),
          faceHeightPx: faceHeightPx(face.landmarks),
          still: track.history.isStill(speed),
        });
        if (track.recent.length > 3) track.recent.shift();
        this.measure(track);
        track.addFaceSize(face.quality.faceSizePx, c.fullConfidenceFacePx);
      }
      if (track.windowDue(frame.timeSec, c.hopSec)) {
        const from = frame.timeSec - c.windowSec;
        out.push(
          this.observe(
            track,
            Math.max(from, track.firstSec),
            frame.timeSec,
            track.measurements.filter((m) => m.timeSec >= from),
          ),
        );
      }
    }
    return out;
  }

  async flush(): Promise<SignalObservation[]> {
    return [...this.tracks.values()].map((t) =>
      this.observe(
        t,
        t.firstSec,
        Math.max(t.lastWindowAtSec, t.recent[t.recent.length - 1]?.timeSec ?? t.firstSec),
        t.measurements,
      ),
    );
  }

  /** A measurement for the middle of the last three frames, when all three are still and evenly spaced. */
  private measure(track: JitterTrack): void {
    const c = this.config;
    if (track.recent.length < 3) return;
    const [a, b, d] = track.recent as [MeshFrame, MeshFrame, MeshFrame];
    if (!(a.still && b.still && d.still)) return;
    const dt1 = b.timeSec - a.timeSec;
    const dt2 = d.timeSec - b.timeSec;
    if (!(dt1 > 0 && dt2 > 0) || Math.max(dt1, dt2) > c.maxFrameGapSec) return;
    if (Math.max(dt1, dt2) / Math.min(dt1, dt2) > c.maxIntervalRatio) return;
    const jitter = frameJitter(a.points, b.points, d.points, b.faceHeightPx);
    if (Number.isFinite(jitter))
      track.measurements.push({ timeSec: b.timeSec, jitter, spanSec: (dt1 + dt2) / 2 });
  }

  private observe(
    track: JitterTrack,
    startSec: number,
    endSec: number,
    measurements: readonly Measurement[],
  ): SignalObservation {
    const c = this.config;
    const stillSec = measurements.reduce((s, m) => s + m.spanSec, 0);
    const base = { signalId: JITTER_SIGNAL_ID, trackId: track.trackId, startSec, endSec };
    if (stillSec < c.minStillSec) return notJudged(base, 'reason.jitter-not-still');
    const jitters = measurements.map((m) => m.jitter);
    const medianJitter = median(jitters);
    const verdict = scoreJitter(medianJitter, c);
    const sizeFactor = track.sizeFactor;
    return {
      ...base,
      score: verdict.score,
      confidence: sizeFactor * clamp01(stillSec / (2 * c.minStillSec)) * verdict.weight,
      status: 'ok',
      reasonKey: verdict.reasonKey,
      features: {
        medianJitter,
        p90Jitter: [...jitters].sort((x, y) => x - y)[Math.floor(0.9 * (jitters.length - 1))]!,
        stillSec,
        excess: verdict.excess,
      },
    };
  }
}

export const jitterSignal: SignalDefinition<JitterConfig> = {
  id: JITTER_SIGNAL_ID,
  title: 'Landmark jitter while the head is still',
  citation:
    'Residual after a least-squares similarity fit: S. Umeyama, "Least-squares estimation of transformation parameters between two point patterns", IEEE TPAMI 13(4), 1991; cue from real-time swappers\' own issue trackers (docs/signals/jitter.md)',
  requires: ['tracks', 'mesh'],
  models: [],
  defaultConfig: DEFAULT_JITTER_CONFIG,
  role: 'advisory',
  async create(_ctx, config) {
    return new JitterInstance(resolveJitterConfig(config));
  },
};
