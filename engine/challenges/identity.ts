// Identity continuity: is the face during and after the challenges the same person as in the calm
// moments before them? A real-time swapper that breaks (at profile, under a hand, close up) shows
// the attacker's own face for a moment; a face-embedding model (face-embedding.ts) sees another
// identity there. Pure logic over embeddings: the caller embeds the subject's face a few times a
// second and passes the unit vectors here.
//
// The baseline is the mean of the first calm samples (before any challenge, or between challenges
// if too few were taken before). A sample is compared with it once it is complete; a switch is
// `switchMinSamples` consecutive samples below `switchSimilarity`. Thresholds measured with
// scripts/challenges/measure-identity.ts on the shared data (docs/challenges.md).

import { resolveChallengeConfig } from './config.ts';
import { cosineSimilarity, normalise } from './face-embedding.ts';

export interface IdentityConfig {
  /** Embeddings per second of media time (the session skips frames in between). */
  sampleHz: number;
  /** Calm samples averaged into the baseline. */
  baselineSamples: number;
  /** Samples compared with a baseline of fewer calm samples than this are not judged. */
  minBaselineSamples: number;
  /**
   * Cosine similarity to the baseline below which a sample looks like another person. Measured
   * with scripts/challenges/measure-identity.ts (faceres, tracked at 10 fps, 4 samples/s, crop
   * 1.2× the mesh box, 13 genuine clips, first 60 s): genuine samples stayed ≥ 0.68 (cap12's hand
   * at the chin included) but for one of capture4 at 0.62, never two in a row below 0.7; a
   * DeepFaceLive swap against its own streamer at the same instant (another identity, same pose,
   * light and room) gave medians 0.55–0.63, and runs of 10–34 samples below 0.65 in all 7 clips.
   * Tracked at only 4 fps the mesh lags fast moves and misplaced crops fall to 0.32 (capture4):
   * feed the session every frame you can.
   */
  switchSimilarity: number;
  /** Consecutive samples below `switchSimilarity` that make a switch (single glitches do not). */
  switchMinSamples: number;
  /** Faces smaller than this (larger box side, px) are not embedded. */
  minFacePx: number;
  /** Faces turned further than this (mesh yaw, degrees) are not embedded: profile views of one
   *  person embed far apart. */
  maxAbsYawDeg: number;
}

export const DEFAULT_IDENTITY_CONFIG: Readonly<IdentityConfig> = Object.freeze({
  sampleHz: 4,
  baselineSamples: 8,
  minBaselineSamples: 3,
  switchSimilarity: 0.65,
  switchMinSamples: 3,
  minFacePx: 64,
  maxAbsYawDeg: 40,
});

export function resolveIdentityConfig(partial?: Partial<IdentityConfig>): IdentityConfig {
  return resolveChallengeConfig('identity', DEFAULT_IDENTITY_CONFIG, partial, (c) =>
    c.sampleHz > 0 &&
    Number.isInteger(c.baselineSamples) &&
    Number.isInteger(c.minBaselineSamples) &&
    Number.isInteger(c.switchMinSamples) &&
    c.minBaselineSamples >= 1 &&
    c.minBaselineSamples <= c.baselineSamples &&
    c.switchMinSamples >= 1 &&
    c.switchSimilarity > -1 &&
    c.switchSimilarity < 1
      ? null
      : 'need sampleHz > 0, integers 1 ≤ minBaselineSamples ≤ baselineSamples, switchMinSamples ≥ 1, switchSimilarity in (−1, 1)',
  );
}

/** Where in the session a sample was taken: before the first challenge, during step i, after one. */
export type IdentityPhase = 'before' | 'during' | 'after';

export interface IdentitySample {
  readonly timeSec: number;
  readonly phase: IdentityPhase;
  /** Step index during a challenge (null before and after). */
  readonly step: number | null;
  /** Similarity to the baseline; null while the baseline was not ready (the sample then joined it if calm). */
  readonly similarity: number | null;
}

/** A run of samples that looked like another person. */
export interface IdentitySwitch {
  readonly startSec: number;
  readonly endSec: number;
  readonly samples: number;
  readonly minSimilarity: number;
  /** Steps during which it happened (empty: between challenges or before). */
  readonly steps: readonly number[];
}

export interface IdentitySummary {
  readonly baselineSamples: number;
  readonly comparedSamples: number;
  readonly minSimilarity: number | null;
  readonly meanSimilarity: number | null;
  readonly switches: readonly IdentitySwitch[];
  readonly threshold: number;
  readonly switchMinSamples: number;
}

export class IdentityMonitor {
  private readonly baseline: Float32Array[] = [];
  private baselineMean: Float32Array | null = null;
  private readonly samples: IdentitySample[] = [];
  private readonly switches: IdentitySwitch[] = [];
  /** The current run of low samples. */
  private run: IdentitySample[] = [];
  private lastSampleSec = -Infinity;

  constructor(readonly config: IdentityConfig = DEFAULT_IDENTITY_CONFIG) {}

  /** Whether a sample is due at `timeSec` (the session embeds only then). */
  due(timeSec: number): boolean {
    return timeSec - this.lastSampleSec >= 1 / this.config.sampleHz - 1e-6;
  }

  /** Whether a face of this size and yaw may be embedded. */
  usable(faceSizePx: number, yawDeg: number): boolean {
    return faceSizePx >= this.config.minFacePx && Math.abs(yawDeg) <= this.config.maxAbsYawDeg;
  }

  get baselineReady(): boolean {
    return this.baseline.length >= this.config.minBaselineSamples;
  }

  /** Adds one embedding (any length, normalised here); returns the sample as recorded. */
  add(
    timeSec: number,
    embedding: ArrayLike<number>,
    phase: IdentityPhase,
    step: number | null,
  ): IdentitySample {
    this.lastSampleSec = timeSec;
    const unit = normalise(embedding);
    const calm = phase !== 'during';
    let similarity: number | null = null;
    if (this.baselineReady) similarity = cosineSimilarity(unit, this.baselineMean!);
    // Calm samples fill the baseline until it is full; a calm sample that already looks like
    // someone else does not join it.
    if (calm && this.baseline.length < this.config.baselineSamples) {
      if (similarity === null || similarity >= this.config.switchSimilarity) {
        this.baseline.push(unit);
        this.baselineMean = mean(this.baseline);
      }
    }
    const sample: IdentitySample = { timeSec, phase, step, similarity };
    this.samples.push(sample);
    if (similarity !== null && similarity < this.config.switchSimilarity) {
      this.run.push(sample);
    } else if (similarity !== null) {
      this.closeRun();
    }
    return sample;
  }

  /** Samples taken so far. */
  allSamples(): readonly IdentitySample[] {
    return this.samples;
  }

  /** Whether the current run of low samples is already a switch (for live display). */
  get switching(): boolean {
    return this.run.length >= this.config.switchMinSamples;
  }

  /** Switches found so far, including one still in progress. */
  currentSwitches(): IdentitySwitch[] {
    const open = this.run.length >= this.config.switchMinSamples ? [toSwitch(this.run)] : [];
    return [...this.switches, ...open];
  }

  /** The summary over samples in [fromSec, toSec] (default: all). */
  summary(fromSec = -Infinity, toSec = Infinity): IdentitySummary {
    const compared = this.samples.filter(
      (s) => s.similarity !== null && s.timeSec >= fromSec && s.timeSec <= toSec,
    );
    const values = compared.map((s) => s.similarity!);
    return {
      baselineSamples: this.baseline.length,
      comparedSamples: compared.length,
      minSimilarity: values.length > 0 ? round(Math.min(...values)) : null,
      meanSimilarity: values.length > 0 ? round(values.reduce((a, b) => a + b, 0) / values.length) : null,
      switches: this.currentSwitches().filter((w) => w.endSec >= fromSec && w.startSec <= toSec),
      threshold: this.config.switchSimilarity,
      switchMinSamples: this.config.switchMinSamples,
    };
  }

  private closeRun(): void {
    if (this.run.length >= this.config.switchMinSamples) this.switches.push(toSwitch(this.run));
    this.run = [];
  }
}

function toSwitch(run: readonly IdentitySample[]): IdentitySwitch {
  const steps = [...new Set(run.map((s) => s.step).filter((s): s is number => s !== null))];
  return {
    startSec: run[0]!.timeSec,
    endSec: run[run.length - 1]!.timeSec,
    samples: run.length,
    minSimilarity: round(Math.min(...run.map((s) => s.similarity!))),
    steps,
  };
}

function mean(vectors: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(vectors[0]!.length);
  for (const v of vectors) for (let i = 0; i < v.length; i++) out[i]! += v[i]! / vectors.length;
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
