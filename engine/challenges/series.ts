// Small helpers over per-frame measure series that several verifiers share: runs of frames where
// something holds, a baseline from the first moments, and the two-sided excursion that head turns
// and nods are made of (one side, back to neutral, the other side, back).

import { median } from '../core/stats.ts';
import type { FrameMeasures } from './measures.ts';
import type { EvidenceSpan, VerifierEvidence } from './types.ts';

/** Frames first..last (inclusive) of the stream. */
export interface Run {
  readonly first: number;
  readonly last: number;
}

/** Maximal runs of consecutive frames where `holds(i)`. */
export function runsWhere(count: number, holds: (i: number) => boolean): Run[] {
  const out: Run[] = [];
  let first = -1;
  for (let i = 0; i <= count; i++) {
    const on = i < count && holds(i);
    if (on && first < 0) first = i;
    if (!on && first >= 0) {
      out.push({ first, last: i - 1 });
      first = -1;
    }
  }
  return out;
}

/** Join runs separated by at most `maxGapSec` (a model missing a frame or two). */
export function mergeRuns(runs: readonly Run[], times: readonly number[], maxGapSec: number): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    const previous = out[out.length - 1];
    if (previous && times[run.first]! - times[previous.last]! <= maxGapSec)
      out[out.length - 1] = { first: previous.first, last: run.last };
    else out.push(run);
  }
  return out;
}

export function runSeconds(run: Run, times: readonly number[]): number {
  return times[run.last]! - times[run.first]!;
}

export function runSpan(label: string, run: Run, times: readonly number[]): EvidenceSpan {
  return { label, startSec: times[run.first]!, endSec: times[run.last]! };
}

/** Median of `value` over the first `seconds` after its first defined value; null when never defined. */
export function baseline(
  measures: readonly FrameMeasures[],
  value: (m: FrameMeasures) => number | null,
  seconds: number,
): number | null {
  const first = measures.find((m) => value(m) !== null);
  if (!first) return null;
  const values = measures
    .filter((m) => m.timeSec <= first.timeSec + seconds)
    .map(value)
    .filter((v): v is number => v !== null);
  return median(values);
}

export function evidenceOf(
  measures: readonly FrameMeasures[],
  spans: readonly EvidenceSpan[],
  values: Readonly<Record<string, number | boolean | string>>,
): VerifierEvidence {
  return {
    frames: measures.length,
    framesWithFace: measures.filter((m) => m.hasFace).length,
    framesWithBody: measures.filter((m) => m.hasBody).length,
    spans,
    values,
  };
}

export interface ExcursionSettings {
  /** |value| the caller must reach on each side. */
  readonly target: number;
  /** |value| at or below which the caller is back at neutral. */
  readonly returnTo: number;
  /** Consecutive frames at or beyond the target that count as reaching it (one glitch does not). */
  readonly minFrames: number;
}

export interface ExcursionSide {
  readonly sign: 1 | -1;
  readonly reachedSec: number;
  /** When the value came back to neutral (or crossed to the other side); null if it never did. */
  readonly returnedSec: number | null;
  readonly peak: number;
}

export interface Excursion {
  /** Sides in the order they were reached; the same side twice in a row counts once. */
  readonly sides: readonly ExcursionSide[];
  /** Largest value reached on the positive side and largest magnitude on the negative side. */
  readonly peakPositive: number;
  readonly peakNegative: number;
  /** Both sides reached, each followed by a return to neutral. */
  readonly complete: boolean;
}

/**
 * Walk a signed series (yaw, pitch relative to its baseline): a side is reached after
 * `minFrames` consecutive samples beyond ±target, and left when the value returns to within
 * ±returnTo (or crosses zero, when sampling skipped the neutral band). Null samples are skipped.
 */
export function twoSidedExcursion(
  times: readonly number[],
  values: readonly (number | null)[],
  settings: ExcursionSettings,
): Excursion {
  const sides: { sign: 1 | -1; reachedSec: number; returnedSec: number | null; peak: number }[] = [];
  let peakPositive = 0;
  let peakNegative = 0;
  let runSign = 0;
  let runStart = -1;
  let runLength = 0;
  values.forEach((v, i) => {
    if (v === null) return;
    const t = times[i]!;
    if (v > peakPositive) peakPositive = v;
    if (-v > peakNegative) peakNegative = -v;
    const open =
      sides.length > 0 && sides[sides.length - 1]!.returnedSec === null ? sides[sides.length - 1]! : null;
    if (open) {
      if (Math.sign(v) === open.sign) open.peak = Math.max(open.peak, Math.abs(v));
      if (Math.abs(v) <= settings.returnTo || Math.sign(v) === -open.sign) open.returnedSec = t;
    }
    const sign = Math.abs(v) >= settings.target ? (Math.sign(v) as 1 | -1) : 0;
    if (sign === 0) {
      runSign = 0;
      runLength = 0;
      return;
    }
    if (sign === runSign) runLength++;
    else {
      runSign = sign;
      runStart = i;
      runLength = 1;
    }
    const last = sides[sides.length - 1];
    const stillOpen = last !== undefined && last.returnedSec === null;
    if (runLength === settings.minFrames && !stillOpen && (!last || last.sign !== sign))
      sides.push({ sign, reachedSec: times[runStart]!, returnedSec: null, peak: Math.abs(v) });
  });
  const complete = sides.length >= 2 && sides[0]!.returnedSec !== null && sides[1]!.returnedSec !== null;
  return { sides, peakPositive, peakNegative, complete };
}
