// The `pulse` signal: remote photoplethysmography on three skin regions of the face mesh
// (POS, Wang et al. IEEE TBME 2017, by default; CHROM, de Haan & Jeanne 2013, by config).
// Every usable frame adds the mean colour of the forehead and both cheeks; once a track has a
// full window (default 10 s) of steady face, each hop reads the pulse rate, its SNR and how well
// the regions agree, and scores the window (score.ts: one-sided, a pulse never exonerates).
// See docs/signals/pulse.md.

import { median } from '../../core/stats.ts';
import { clamp01 } from '../common/config.ts';
import { headPlacement, headSpeed, type HeadPlacement } from '../common/mesh-motion.ts';
import type { FrameBundle, SignalDefinition, SignalInstance, SignalObservation } from '../types.ts';
import { analysePulseWindow, type PulseSample, type PulseWindowResult } from './analyse-window.ts';
import { DEFAULT_PULSE_CONFIG, resolvePulseConfig, type PulseConfig } from './config.ts';
import { scorePulse } from './score.ts';
import { SKIN_REGION_IDS, skinRegionColours } from './skin-regions.ts';

export const PULSE_SIGNAL_ID = 'pulse';

export type PulseWaitingReasonKey = 'reason.pulse-window-filling' | 'reason.pulse-face-moving';

interface TrackSample extends PulseSample {
  placement: HeadPlacement;
  faceSizePx: number;
}

interface WindowRecord extends PulseWindowResult {
  /** 0..1 from the face's size in the window (the evidence behind it, before the pulse's own weight). */
  sizeFactor: number;
}

class PulseTrack {
  samples: TrackSample[] = [];
  windows: WindowRecord[] = [];
  firstSec: number;
  lastHopSec = Number.NEGATIVE_INFINITY;
  /** Why the latest hop could not judge (for a track that never got a window). */
  waitingReason: PulseWaitingReasonKey = 'reason.pulse-window-filling';

  constructor(
    readonly trackId: number,
    startSec: number,
  ) {
    this.firstSec = startSec;
  }
}

export class PulseInstance implements SignalInstance {
  private readonly tracks = new Map<number, PulseTrack>();

  constructor(private readonly config: PulseConfig) {}

  async update(frame: FrameBundle): Promise<SignalObservation[]> {
    const c = this.config;
    const out: SignalObservation[] = [];
    for (const face of frame.faces) {
      let track = this.tracks.get(face.trackId);
      if (!track) {
        track = new PulseTrack(face.trackId, frame.timeSec);
        this.tracks.set(face.trackId, track);
      }
      if (face.quality.faceSizePx < c.minFaceSizePx) continue;
      const regions = skinRegionColours(frame.data, frame.width, frame.height, face.landmarks);
      if (regions.some((r) => r.pixels < c.minRegionPixels)) continue;
      const last = track.samples[track.samples.length - 1];
      if (last && frame.timeSec - last.timeSec > c.maxGapSec) track.samples = [];
      track.samples.push({
        timeSec: frame.timeSec,
        regions,
        placement: headPlacement(frame.timeSec, face.landmarks, face.pose),
        faceSizePx: face.quality.faceSizePx,
      });
      // Keep one window (plus a frame of margin for the interpolation at its start).
      const keepFrom = frame.timeSec - c.windowSec - 1 / c.resampleHz;
      let drop = 0;
      while (drop < track.samples.length - 1 && track.samples[drop + 1]!.timeSec <= keepFrom) drop++;
      if (drop) track.samples.splice(0, drop);
      if (frame.timeSec - track.lastHopSec >= c.hopSec - 1e-9) {
        track.lastHopSec = frame.timeSec;
        out.push(this.judgeWindow(track, frame.timeSec));
      }
    }
    return out;
  }

  async flush(): Promise<SignalObservation[]> {
    return [...this.tracks.values()].map((t) => this.summarise(t));
  }

  reset(trackId: number): void {
    this.tracks.delete(trackId);
  }

  async dispose(): Promise<void> {
    this.tracks.clear();
  }

  private judgeWindow(track: PulseTrack, endSec: number): SignalObservation {
    const c = this.config;
    const startSec = endSec - c.windowSec;
    const samples = track.samples;
    const waiting = (reasonKey: PulseWaitingReasonKey): SignalObservation => {
      track.waitingReason = reasonKey;
      return {
        signalId: PULSE_SIGNAL_ID,
        trackId: track.trackId,
        startSec: samples[0]?.timeSec ?? endSec,
        endSec,
        score: null,
        confidence: 0,
        status: 'insufficient-data',
        reasonKey,
      };
    };
    // Full: the window's start is covered (to within a frame) and enough frames fell in it.
    const first = samples[0];
    if (!first || first.timeSec > startSec + 1.5 / c.resampleHz)
      return waiting('reason.pulse-window-filling');
    if (samples.length < c.minFrameRateHz * c.windowSec) return waiting('reason.pulse-window-filling');
    let moving = 0;
    for (let i = 1; i < samples.length; i++) {
      const speed = headSpeed(samples[i - 1]!.placement, samples[i]!.placement);
      if (speed && (speed.faceHeightsPerSec > c.maxHeadSpeed || speed.degPerSec > c.maxHeadTurnDegPerSec))
        moving++;
    }
    if (moving > c.maxMovingFraction * (samples.length - 1)) return waiting('reason.pulse-face-moving');

    const result = analysePulseWindow(samples, startSec, c.windowSec, c);
    const verdict = scorePulse(result, c);
    const sizeFactor = clamp01(median(samples.map((s) => s.faceSizePx)) / c.fullConfidenceFacePx);
    const confidence = sizeFactor * verdict.weight;
    track.windows.push({ ...result, sizeFactor });
    return {
      signalId: PULSE_SIGNAL_ID,
      trackId: track.trackId,
      startSec,
      endSec,
      score: verdict.score,
      confidence,
      status: 'ok',
      reasonKey: verdict.reasonKey,
      features: pulseFeatures(result, verdict.pulseQuality),
    };
  }

  /** One observation per track: the median window (rate, SNR, coherence) scored again. */
  private summarise(track: PulseTrack): SignalObservation {
    const c = this.config;
    const w = track.windows;
    const endSec = track.samples[track.samples.length - 1]?.timeSec ?? track.lastHopSec;
    if (w.length === 0) {
      return {
        signalId: PULSE_SIGNAL_ID,
        trackId: track.trackId,
        startSec: track.firstSec,
        endSec: Number.isFinite(endSec) ? endSec : track.firstSec,
        score: null,
        confidence: 0,
        status: 'insufficient-data',
        reasonKey: track.waitingReason,
      };
    }
    const summary: PulseWindowResult = {
      bpm: median(w.map((x) => x.bpm)),
      snrDb: median(w.map((x) => x.snrDb)),
      coherence: median(w.map((x) => x.coherence)),
      regionBpm: w[0]!.regionBpm.map((_, k) => median(w.map((x) => x.regionBpm[k]!))),
      regionSnrDb: w[0]!.regionSnrDb.map((_, k) => median(w.map((x) => x.regionSnrDb[k]!))),
      regionsAgreeing: median(w.map((x) => x.regionsAgreeing)),
    };
    const verdict = scorePulse(summary, c);
    const confidence = median(w.map((x) => x.sizeFactor)) * verdict.weight;
    return {
      signalId: PULSE_SIGNAL_ID,
      trackId: track.trackId,
      startSec: track.firstSec,
      endSec,
      score: verdict.score,
      confidence,
      status: 'ok',
      reasonKey: verdict.reasonKey,
      features: { ...pulseFeatures(summary, verdict.pulseQuality), windows: w.length },
    };
  }
}

function pulseFeatures(r: PulseWindowResult, pulseQuality: number): Record<string, number> {
  const features: Record<string, number> = {
    bpm: r.bpm,
    snrDb: r.snrDb,
    coherence: r.coherence,
    regionsAgreeing: r.regionsAgreeing,
    pulseQuality,
  };
  r.regionBpm.forEach((v, k) => (features[`${SKIN_REGION_IDS[k] ?? `region${k}`}Bpm`] = v));
  return features;
}

export const pulseSignal: SignalDefinition<PulseConfig> = {
  id: PULSE_SIGNAL_ID,
  title: 'Pulse (remote photoplethysmography)',
  citation:
    'W. Wang, A. C. den Brinker, S. Stuijk, G. de Haan, "Algorithmic Principles of Remote PPG", IEEE TBME 64(7), 2017; ' +
    'G. de Haan, V. Jeanne, "Robust Pulse Rate From Chrominance-Based rPPG", IEEE TBME 60(10), 2013',
  requires: ['frames', 'tracks', 'mesh'],
  models: [],
  defaultConfig: DEFAULT_PULSE_CONFIG,
  role: 'advisory',
  async create(_ctx, config) {
    return new PulseInstance(resolvePulseConfig(config));
  },
};
