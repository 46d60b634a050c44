// The pulse signal's pure parts on synthetic colour traces: a 1.2 Hz oscillation reads as
// 72 bpm (POS and CHROM, irregular frame times), noise gives a low SNR, the score is one-sided.

import { describe, expect, it } from 'vitest';
import { analysePulseWindow, type PulseSample } from '../../../engine/signals/pulse/analyse-window.ts';
import { DEFAULT_PULSE_CONFIG, resolvePulseConfig } from '../../../engine/signals/pulse/config.ts';
import { posPulse } from '../../../engine/signals/pulse/pos.ts';
import { scorePulse } from '../../../engine/signals/pulse/score.ts';
import { convexHull, meanColourInPolygon } from '../../../engine/signals/pulse/skin-regions.ts';
import { pulseSpectrum } from '../../../engine/signals/pulse/spectrum.ts';
import { seededRandom } from '../../support/seeded-random.ts';

const SKIN = { r: 180, g: 130, b: 110 };

/** Samples of three regions with a pulse of `hz` (green-led, as blood absorbs) plus noise. */
function traces(opts: {
  seconds: number;
  fps: number;
  hz: number | null;
  amplitude: number;
  noise: number;
  seed: number;
  jitterSec?: number;
}): PulseSample[] {
  const rand = seededRandom(opts.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
  const out: PulseSample[] = [];
  for (let i = 0; i < opts.seconds * opts.fps; i++) {
    const t = i / opts.fps + (opts.jitterSec ?? 0) * (rand() - 0.5);
    const p = opts.hz === null ? 0 : Math.sin(2 * Math.PI * opts.hz * t);
    out.push({
      timeSec: t,
      regions: [0, 1, 2].map(() => ({
        r: SKIN.r - 0.4 * opts.amplitude * p + opts.noise * gauss(),
        g: SKIN.g - opts.amplitude * p + opts.noise * gauss(),
        b: SKIN.b - 0.2 * opts.amplitude * p + opts.noise * gauss(),
        pixels: 400,
      })),
    });
  }
  return out;
}

describe('pulse: rate, SNR and coherence on synthetic traces', () => {
  it('a 1.2 Hz oscillation reads as 72 bpm with a high SNR and coherent regions (POS)', () => {
    const samples = traces({
      seconds: 10,
      fps: 30,
      hz: 1.2,
      amplitude: 0.8,
      noise: 0.3,
      seed: 1,
      jitterSec: 0.01,
    });
    const r = analysePulseWindow(samples, 0, 10, DEFAULT_PULSE_CONFIG);
    expect(r.bpm).toBeCloseTo(72, 0);
    expect(r.snrDb).toBeGreaterThan(DEFAULT_PULSE_CONFIG.snrGoodDb);
    expect(r.coherence).toBeGreaterThan(DEFAULT_PULSE_CONFIG.coherenceGood);
    expect(r.regionsAgreeing).toBe(3);
    for (const b of r.regionBpm) expect(Math.abs(b - 72)).toBeLessThan(3);
  });

  it('CHROM reads the same rate', () => {
    const samples = traces({ seconds: 10, fps: 25, hz: 1.2, amplitude: 0.8, noise: 0.3, seed: 2 });
    const r = analysePulseWindow(samples, 0, 10, { ...DEFAULT_PULSE_CONFIG, method: 'chrom' });
    expect(Math.abs(r.bpm - 72)).toBeLessThan(1.5);
    expect(r.snrDb).toBeGreaterThan(DEFAULT_PULSE_CONFIG.snrGoodDb);
  });

  it.each([0.8, 1.5, 2.5])('%s Hz reads within 1 bpm', (hz) => {
    const samples = traces({ seconds: 10, fps: 30, hz, amplitude: 0.8, noise: 0.3, seed: 3 });
    const r = analysePulseWindow(samples, 0, 10, DEFAULT_PULSE_CONFIG);
    expect(Math.abs(r.bpm - hz * 60)).toBeLessThan(1);
  });

  it('noise alone gives a low SNR and incoherent regions', () => {
    const samples = traces({ seconds: 10, fps: 30, hz: null, amplitude: 0, noise: 0.5, seed: 4 });
    const r = analysePulseWindow(samples, 0, 10, DEFAULT_PULSE_CONFIG);
    expect(r.snrDb).toBeLessThan(DEFAULT_PULSE_CONFIG.snrBadDb + 2);
    expect(Math.abs(r.coherence)).toBeLessThan(0.3);
    const v = scorePulse(r, DEFAULT_PULSE_CONFIG);
    expect(v.score).toBeGreaterThan(0.6);
    expect(v.reasonKey).not.toBe('reason.pulse-present');
  });

  it('POS cancels a common intensity change (brightness flicker is not a pulse)', () => {
    const fs = 30;
    const n = 300;
    const flicker = (k: number) => 1 + 0.02 * Math.sin((2 * Math.PI * 1.5 * k) / fs);
    const rgb = {
      r: Float64Array.from({ length: n }, (_, k) => SKIN.r * flicker(k)),
      g: Float64Array.from({ length: n }, (_, k) => SKIN.g * flicker(k)),
      b: Float64Array.from({ length: n }, (_, k) => SKIN.b * flicker(k)),
    };
    const pulse = posPulse(rgb, fs, 1.6);
    expect(Math.max(...pulse.map(Math.abs))).toBeLessThan(1e-9);
  });

  // A 10 s Hann-tapered window spreads a pure tone over ±0.2 Hz, so ±0.1 Hz holds ~90 % of it:
  // about 9.6 dB is the ceiling of this SNR.
  it('the SNR of a pure tone is high and its rate exact to a fraction of a bpm', () => {
    const x = Float64Array.from({ length: 300 }, (_, k) => Math.sin((2 * Math.PI * 1.23 * k) / 30));
    const s = pulseSpectrum(x, 30, DEFAULT_PULSE_CONFIG);
    expect(Math.abs(s.rateHz * 60 - 73.8)).toBeLessThan(0.3);
    expect(s.snrDb).toBeGreaterThan(8);
  });
});

describe('pulse: one-sided score', () => {
  it('a clear pulse scores the neutral value with reduced weight, never below it', () => {
    const v = scorePulse({ snrDb: 12, coherence: 0.95 }, DEFAULT_PULSE_CONFIG);
    expect(v.score).toBe(DEFAULT_PULSE_CONFIG.neutralScore);
    expect(v.weight).toBe(DEFAULT_PULSE_CONFIG.presentPulseWeight);
    expect(v.reasonKey).toBe('reason.pulse-present');
  });

  it('a strong pulse that disagrees across the face is incoherent', () => {
    const v = scorePulse({ snrDb: 8, coherence: -0.2 }, DEFAULT_PULSE_CONFIG);
    expect(v.score).toBe(DEFAULT_PULSE_CONFIG.maxScore);
    expect(v.reasonKey).toBe('reason.pulse-incoherent');
  });

  it('config: unknown keys and bad values are refused', () => {
    expect(() => resolvePulseConfig({ windowSecs: 3 } as never)).toThrow(/unknown pulse config key/);
    expect(() => resolvePulseConfig({ method: 'green' as never })).toThrow(/unknown method/);
    expect(() => resolvePulseConfig({ snrGoodDb: -5 })).toThrow(/snrGoodDb/);
  });
});

describe('skin regions', () => {
  it('the mean colour inside a polygon counts the pixels whose centres lie inside', () => {
    const w = 10;
    const h = 10;
    const data = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) data.set([x < 5 ? 100 : 200, 50, y], (y * w + x) * 3);
    const square = convexHull([2, 2, 8, 2, 8, 6, 2, 6, 5, 4]);
    expect(square).toHaveLength(4);
    const c = meanColourInPolygon(data, w, h, square);
    expect(c.pixels).toBe(24);
    expect(c.r).toBe(150);
    expect(c.b).toBeCloseTo(3.5);
  });
});
