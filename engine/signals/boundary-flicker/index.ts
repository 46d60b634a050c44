// The `boundary-flicker` signal: while the head is still, how much the brightness step across
// the face outline (a band just inside vs just outside it, in the aligned crop) changes from
// frame to frame, compared with the face's interior skin (band-luma.ts, flicker.ts). A face
// pasted in by a live swapper is colour-matched and blended anew every frame; its seam flickers.
// See docs/signals/boundary-flicker.md.

import type { TrackedFace } from '../../face/index.ts';
import { applyAffine } from '../../face/geometry.ts';
import { FACE_OVAL } from '../../face/landmark-indices.ts';
import { clamp01 } from '../common/config.ts';
import { headPlacement, PlacementHistory } from '../common/mesh-motion.ts';
import { notJudged, TrackClock, TrackedSignalInstance } from '../common/track-clock.ts';
import { convexHull, SKIN_REGIONS, SKIN_REGION_IDS } from '../pulse/skin-regions.ts';
import type { FrameBundle, SignalDefinition, SignalInstance, SignalObservation } from '../types.ts';
import { bandLuma, type BandGeometry, type BandLuma, type CropPoint } from './band-luma.ts';
import {
  DEFAULT_BOUNDARY_FLICKER_CONFIG,
  resolveBoundaryFlickerConfig,
  type BoundaryFlickerConfig,
} from './config.ts';
import { addFlickerPair, emptyFlickerSums, flickerStats, type FlickerSums } from './flicker.ts';
import { scoreBoundaryFlicker } from './score.ts';

export const BOUNDARY_FLICKER_SIGNAL_ID = 'boundary-flicker';

/** The three zones of one tracked face in its aligned crop. */
export function faceBandLuma(face: TrackedFace, geometry: BandGeometry): BandLuma {
  const m = face.aligned.frameToCrop;
  const lm = face.landmarks;
  const toCrop = (i: number): CropPoint => applyAffine(m, [lm[3 * i]!, lm[3 * i + 1]!]);
  const outline = FACE_OVAL.map(toCrop);
  const interior = SKIN_REGION_IDS.map((id) =>
    convexHull(SKIN_REGIONS[id].flatMap((i) => [lm[3 * i]!, lm[3 * i + 1]!])).map((p) => applyAffine(m, p)),
  );
  const { data, width, height } = face.aligned.image;
  return bandLuma(data, width, height, outline, interior, geometry);
}

interface Pair {
  timeSec: number;
  spanSec: number;
  luma: [BandLuma, BandLuma];
}

class FlickerTrack extends TrackClock {
  previous: { timeSec: number; luma: BandLuma } | null = null;
  readonly total: FlickerSums = emptyFlickerSums();
  totalSpanSec = 0;
  readonly recent: Pair[] = [];
  lastSec: number;

  constructor(
    trackId: number,
    firstSec: number,
    readonly history: PlacementHistory,
  ) {
    super(trackId, firstSec);
    this.lastSec = firstSec;
  }
}

export class BoundaryFlickerInstance extends TrackedSignalInstance<FlickerTrack> implements SignalInstance {
  private readonly geometry: BandGeometry;

  constructor(private readonly config: BoundaryFlickerConfig) {
    super();
    this.geometry = {
      bandFraction: config.bandFraction,
      gapFraction: config.gapFraction,
      step: config.sampleStep,
    };
  }

  async update(frame: FrameBundle): Promise<SignalObservation[]> {
    const c = this.config;
    const out: SignalObservation[] = [];
    for (const face of frame.faces) {
      const track = this.trackFor(
        face.trackId,
        () => new FlickerTrack(face.trackId, frame.timeSec, new PlacementHistory(c)),
      );
      track.lastSec = frame.timeSec;
      this.measure(track, face, frame.timeSec);
      if (track.windowDue(frame.timeSec, c.hopSec)) {
        const from = frame.timeSec - c.windowSec;
        while (track.recent.length && track.recent[0]!.timeSec < from) track.recent.shift();
        const sums = emptyFlickerSums();
        for (const p of track.recent) addFlickerPair(sums, p.luma[0], p.luma[1]);
        const spanSec = track.recent.reduce((s, p) => s + p.spanSec, 0);
        out.push(this.observe(track, Math.max(from, track.firstSec), frame.timeSec, sums, spanSec));
      }
    }
    return out;
  }

  async flush(): Promise<SignalObservation[]> {
    return [...this.tracks.values()].map((t) =>
      this.observe(t, t.firstSec, t.lastSec, t.total, t.totalSpanSec),
    );
  }

  private measure(track: FlickerTrack, face: TrackedFace, timeSec: number): void {
    const c = this.config;
    if (face.quality.faceSizePx < c.minFaceSizePx) {
      track.previous = null;
      track.history.clear();
      return;
    }
    const still = track.history.isStill(
      track.history.push(headPlacement(timeSec, face.landmarks, face.pose)),
    );
    if (!still) {
      track.previous = null;
      return;
    }
    const luma = faceBandLuma(face, this.geometry);
    if (Math.min(luma.innerPixels, luma.outerPixels, luma.interiorPixels) < c.minZonePixels) {
      track.previous = null;
      return;
    }
    track.addFaceSize(face.quality.faceSizePx, c.fullConfidenceFacePx);
    const prev = track.previous;
    track.previous = { timeSec, luma };
    if (!prev || timeSec - prev.timeSec > c.maxFrameGapSec) return;
    const spanSec = timeSec - prev.timeSec;
    addFlickerPair(track.total, prev.luma, luma);
    track.totalSpanSec += spanSec;
    track.recent.push({ timeSec, spanSec, luma: [prev.luma, luma] });
  }

  private observe(
    track: FlickerTrack,
    startSec: number,
    endSec: number,
    sums: FlickerSums,
    stillSec: number,
  ): SignalObservation {
    const c = this.config;
    const base = { signalId: BOUNDARY_FLICKER_SIGNAL_ID, trackId: track.trackId, startSec, endSec };
    if (stillSec < c.minStillSec) return notJudged(base, 'reason.boundary-flicker-too-short');
    const stats = flickerStats(sums, c.noiseFloorLevels);
    const verdict = scoreBoundaryFlicker(stats.seamRatio, c);
    const sizeFactor = track.sizeFactor;
    return {
      ...base,
      score: verdict.score,
      confidence: sizeFactor * clamp01(stillSec / (2 * c.minStillSec)) * verdict.weight,
      status: 'ok',
      reasonKey: verdict.reasonKey,
      features: {
        seamRatio: stats.seamRatio,
        seamFlicker: stats.seamFlicker,
        innerFlicker: stats.innerFlicker,
        outerFlicker: stats.outerFlicker,
        interiorFlicker: stats.interiorFlicker,
        stillSec,
        excess: verdict.excess,
      },
    };
  }
}

export const boundaryFlickerSignal: SignalDefinition<BoundaryFlickerConfig> = {
  id: BOUNDARY_FLICKER_SIGNAL_ID,
  title: 'Flicker along the face boundary',
  citation:
    'Blending boundary of a pasted face: L. Li, J. Bao, T. Zhang, H. Yang, D. Chen, F. Wen, B. Guo, "Face X-ray for More General Face Forgery Detection", CVPR 2020; followed over time here',
  requires: ['tracks', 'mesh', 'aligned-crop'],
  models: [],
  defaultConfig: DEFAULT_BOUNDARY_FLICKER_CONFIG,
  role: 'advisory',
  async create(_ctx, config) {
    return new BoundaryFlickerInstance(resolveBoundaryFlickerConfig(config));
  },
};
