// Presentation-attack error rates in the style of ISO/IEC 30107-3: APCER (attack presentations
// classified as bona fide) at a fixed BPCER (bona fide presentations classified as attacks), per
// attack type. Scores are "higher = more likely an attack"; an attack is detected when its score
// is strictly above the threshold, ties count against the detector. The trainer
// (scripts/train/presentation-attack/pad_metrics.py) uses the same definition.

import { wilsonInterval, type RateInterval } from './metrics.ts';

/** Lowest threshold t at which at most `bpcer` of the bona fide scores lie above t. */
export function thresholdAtBpcer(bonaFide: readonly number[], bpcer: number): number {
  if (bonaFide.length === 0) return Number.NaN;
  const sorted = [...bonaFide].sort((a, b) => b - a);
  const allowed = Math.floor(bpcer * sorted.length + 1e-9);
  return allowed < sorted.length ? sorted[allowed]! : sorted[sorted.length - 1]! - 1e-9;
}

/** Share of bona fide scores above t (the BPCER actually reached at t). */
export function bpcerAt(bonaFide: readonly number[], threshold: number): number {
  return bonaFide.length === 0 ? Number.NaN : bonaFide.filter((s) => s > threshold).length / bonaFide.length;
}

/** Share of attack scores at or below t (not detected). */
export function apcerAt(attacks: readonly number[], threshold: number): number {
  return attacks.length === 0 ? Number.NaN : attacks.filter((s) => s <= threshold).length / attacks.length;
}

export interface ApcerAtBpcer {
  /** The BPCER asked for. */
  bpcerTarget: number;
  threshold: number;
  /** The BPCER reached at that threshold (≤ target). */
  bpcer: number;
  apcer: number;
  /** Attacks not detected, of `attacks`. */
  missed: number;
  attacks: number;
  /** Wilson 95 % interval of the APCER (binomial over the attack presentations). */
  ci: RateInterval;
}

export function apcerAtBpcer(
  bonaFide: readonly number[],
  attacks: readonly number[],
  bpcerTarget: number,
): ApcerAtBpcer {
  const threshold = thresholdAtBpcer(bonaFide, bpcerTarget);
  const missed = attacks.filter((s) => s <= threshold).length;
  return {
    bpcerTarget,
    threshold,
    bpcer: bpcerAt(bonaFide, threshold),
    apcer: attacks.length === 0 ? Number.NaN : missed / attacks.length,
    missed,
    attacks: attacks.length,
    ci: wilsonInterval(missed, attacks.length),
  };
}
