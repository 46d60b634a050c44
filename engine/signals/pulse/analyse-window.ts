// The pulse signal's core, a pure function: one window of per-frame skin colours (three mesh
// regions, real frame timestamps) → pulse rate, SNR and the agreement of the regions.
// Method: POS (Wang et al., IEEE TBME 2017) or CHROM (de Haan & Jeanne, IEEE TBME 2013), see
// pos.ts / chrom.ts; SNR after de Haan & Jeanne 2013 (spectrum.ts).

import { bandLimit, pearson, resampleUniform } from '../common/dsp.ts';
import type { PulseConfig } from './config.ts';
import { RPPG_METHODS, type RgbTraces } from './rppg-method.ts';
import type { RegionColour } from './skin-regions.ts';
import { pulseSpectrum } from './spectrum.ts';

/** One usable frame of a face: the mean colour of each skin region (SKIN_REGION_IDS order). */
export interface PulseSample {
  timeSec: number;
  regions: readonly RegionColour[];
}

export interface PulseWindowResult {
  /** Pulse rate of the pooled skin, beats per minute. */
  bpm: number;
  snrDb: number;
  /** Mean pairwise correlation of the regions' band-passed pulse signals, −1..1. */
  coherence: number;
  /** Each region's own rate, bpm (SKIN_REGION_IDS order). */
  regionBpm: number[];
  regionSnrDb: number[];
  /** How many regions' own rates lie within `regionRateToleranceBpm` of the pooled rate. */
  regionsAgreeing: number;
}

export type PulseWindowOptions = Pick<
  PulseConfig,
  | 'method'
  | 'resampleHz'
  | 'methodWindowSec'
  | 'bandLowHz'
  | 'bandHighHz'
  | 'peakHalfWidthHz'
  | 'minFftLength'
  | 'regionRateToleranceBpm'
>;

/**
 * Analyse the samples in [startSec, startSec + windowSec): resample every region's colour to
 * `resampleHz`, pool the regions (pixel-weighted), run the rPPG method on the pool and on each
 * region, and read rates, SNR and coherence.
 */
export function analysePulseWindow(
  samples: readonly PulseSample[],
  startSec: number,
  windowSec: number,
  o: PulseWindowOptions,
): PulseWindowResult {
  const fs = o.resampleHz;
  const n = Math.round(windowSec * fs);
  const times = samples.map((s) => s.timeSec);
  const regionCount = samples[0]?.regions.length ?? 0;
  const channel = (pick: (s: PulseSample) => number) =>
    resampleUniform(times, samples.map(pick), startSec, fs, n);
  const method = RPPG_METHODS[o.method];
  const methodOptions = { windowSec: o.methodWindowSec, bandLowHz: o.bandLowHz, bandHighHz: o.bandHighHz };
  const spectrumOptions = o;

  const pooledOf = (s: PulseSample, c: 'r' | 'g' | 'b') => {
    let sum = 0;
    let pixels = 0;
    for (const region of s.regions) {
      sum += region[c] * region.pixels;
      pixels += region.pixels;
    }
    return pixels ? sum / pixels : 0;
  };
  const pooled: RgbTraces = {
    r: channel((s) => pooledOf(s, 'r')),
    g: channel((s) => pooledOf(s, 'g')),
    b: channel((s) => pooledOf(s, 'b')),
  };
  const pooledSpectrum = pulseSpectrum(method(pooled, fs, methodOptions), fs, spectrumOptions);
  const bpm = pooledSpectrum.rateHz * 60;

  const regionPulses: Float64Array[] = [];
  const regionBpm: number[] = [];
  const regionSnrDb: number[] = [];
  for (let k = 0; k < regionCount; k++) {
    const traces: RgbTraces = {
      r: channel((s) => s.regions[k]!.r),
      g: channel((s) => s.regions[k]!.g),
      b: channel((s) => s.regions[k]!.b),
    };
    const pulse = method(traces, fs, methodOptions);
    const spectrum = pulseSpectrum(pulse, fs, spectrumOptions);
    regionBpm.push(spectrum.rateHz * 60);
    regionSnrDb.push(spectrum.snrDb);
    regionPulses.push(bandLimit(pulse, fs, o.bandLowHz, o.bandHighHz));
  }
  let correlation = 0;
  let pairs = 0;
  for (let a = 0; a < regionPulses.length; a++) {
    for (let b = a + 1; b < regionPulses.length; b++) {
      correlation += pearson(regionPulses[a]!, regionPulses[b]!);
      pairs++;
    }
  }
  const regionsAgreeing = regionBpm.filter((r) => Math.abs(r - bpm) <= o.regionRateToleranceBpm).length;
  return {
    bpm,
    snrDb: pooledSpectrum.snrDb,
    coherence: pairs ? correlation / pairs : 0,
    regionBpm,
    regionSnrDb,
    regionsAgreeing,
  };
}
