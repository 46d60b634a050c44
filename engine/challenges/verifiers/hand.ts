// The hand challenges: a hand swept across the face, one eye covered, a finger pressed on a
// cheek. All read the hand model's presence around the face (observer.ts searches the region
// around the face and follows a hand once found) and, where it matters, where the hand is
// against the face's eyes and cheeks. Real-time swappers flicker, drop the face or show a double
// edge while a hand passes over it (FIELD-NOTES); these verifiers only establish that the hand
// was there, and when, so those moments can be examined.

import { resolveChallengeConfig, ramp } from '../config.ts';
import type { Point } from '../../face/geometry.ts';
import {
  DEFAULT_MEASURE_CONFIG,
  measureStream,
  type FrameMeasures,
  type MeasureConfig,
} from '../measures.ts';
import { evidenceOf, mergeRuns, runSeconds, runSpan, runsWhere, type Run } from '../series.ts';
import type { ChallengeObservation, VerifierResult } from '../types.ts';

/** Mesh points: eye corners (to place each eye) and the middle of each cheek. */
const RIGHT_EYE = [33, 133] as const;
const LEFT_EYE = [263, 362] as const;
const RIGHT_CHEEK = 205;
const LEFT_CHEEK = 425;
/** Hand landmark of the index fingertip (MediaPipe Hands numbering). */
const INDEX_TIP = 8;

interface HandSpans {
  readonly measures: FrameMeasures[];
  readonly times: number[];
  /** Runs of frames with a hand seen, short gaps closed. */
  readonly runs: Run[];
}

function handRuns(
  observations: readonly ChallengeObservation[],
  maxGapSec: number,
  measureConfig: MeasureConfig,
): HandSpans {
  const measures = measureStream(observations, measureConfig);
  const times = measures.map((m) => m.timeSec);
  const runs = mergeRuns(
    runsWhere(measures.length, (i) => measures[i]!.handSeen),
    times,
    maxGapSec,
  );
  return { measures, times, runs };
}

function meanPoint(landmarks: Float32Array, indices: readonly number[]): Point {
  let x = 0;
  let y = 0;
  for (const i of indices) {
    x += landmarks[3 * i]!;
    y += landmarks[3 * i + 1]!;
  }
  return [x / indices.length, y / indices.length];
}

/** The last face seen at or before frame i (a hand over the face may make the mesh lose it). */
function faceAtOrBefore(observations: readonly ChallengeObservation[], i: number) {
  for (let j = i; j >= 0; j--) {
    const face = observations[j]!.face;
    if (face) return face;
  }
  return null;
}

function peakPresence(measures: readonly FrameMeasures[]): number {
  return Math.max(0, ...measures.map((m) => m.handPresence ?? 0));
}

// --- hand sweep -------------------------------------------------------------------------------

export interface HandSweepConfig {
  /** A pass longer than this is not a sweep (a hand resting on the face), seconds. */
  maxPassSec: number;
  /** The face must be seen this close before the hand arrives and after it leaves, seconds. */
  faceAroundSec: number;
  /** The hand's centre must travel across at least this many face widths. */
  minTravelFaceWidths: number;
  /** Frames without the hand inside one pass (a missed detection), seconds. */
  maxGapSec: number;
}

export const DEFAULT_HAND_SWEEP_CONFIG: Readonly<HandSweepConfig> = Object.freeze({
  maxPassSec: 4,
  faceAroundSec: 1.5,
  minTravelFaceWidths: 0.5,
  maxGapSec: 0.25,
});

export function resolveHandSweepConfig(partial?: Partial<HandSweepConfig>): HandSweepConfig {
  return resolveChallengeConfig('hand-sweep', DEFAULT_HAND_SWEEP_CONFIG, partial, (c) =>
    c.maxPassSec > 0 && c.minTravelFaceWidths >= 0 ? null : 'maxPassSec must be > 0',
  );
}

export function verifyHandSweep(
  observations: readonly ChallengeObservation[],
  config: Readonly<HandSweepConfig> = DEFAULT_HAND_SWEEP_CONFIG,
  measureConfig: MeasureConfig = DEFAULT_MEASURE_CONFIG,
): VerifierResult {
  const { measures, times, runs } = handRuns(observations, config.maxGapSec, measureConfig);
  let best: { run: Run; travel: number; faceBefore: boolean; faceAfter: boolean } | null = null;
  for (const run of runs) {
    const start = times[run.first]!;
    const end = times[run.last]!;
    const faceBefore = measures.some(
      (m, i) => i < run.first && m.hasFace && m.timeSec >= start - config.faceAroundSec,
    );
    const faceAfter = measures.some(
      (m, i) => i > run.last && m.hasFace && m.timeSec <= end + config.faceAroundSec,
    );
    const face = faceAtOrBefore(observations, run.first);
    const width = face ? face.boxPx.width : 0;
    const xs = observations
      .slice(run.first, run.last + 1)
      .filter((o, k) => measures[run.first + k]!.handSeen && o.hand)
      .map((o) => o.hand!.boxPx.x + o.hand!.boxPx.width / 2);
    const travel = width > 0 && xs.length > 0 ? (Math.max(...xs) - Math.min(...xs)) / width : 0;
    const ok = (r: typeof best) =>
      r !== null &&
      r.faceBefore &&
      r.faceAfter &&
      runSeconds(r.run, times) <= config.maxPassSec &&
      r.travel >= config.minTravelFaceWidths;
    const candidate = { run, travel, faceBefore, faceAfter };
    if (!best || (ok(candidate) && !ok(best)) || (ok(candidate) === ok(best) && travel > best.travel))
      best = candidate;
  }
  const performed =
    best !== null &&
    best.faceBefore &&
    best.faceAfter &&
    runSeconds(best.run, times) <= config.maxPassSec &&
    best.travel >= config.minTravelFaceWidths;
  const progress = best
    ? 0.4 + 0.4 * ramp(best.travel, 0, config.minTravelFaceWidths) + (best.faceAfter ? 0.2 : 0)
    : 0;
  return {
    performed,
    progress: performed ? 1 : Math.min(progress, 0.99),
    peaks: { handPresence: peakPresence(measures), travelFaceWidths: best?.travel ?? 0 },
    evidence: evidenceOf(
      measures,
      runs.map((r) => runSpan('hand', r, times)),
      {
        passes: runs.length,
        faceBefore: best?.faceBefore ?? false,
        faceAfter: best?.faceAfter ?? false,
        framesFaceLostDuringPass: best
          ? measures.slice(best.run.first, best.run.last + 1).filter((m) => !m.hasFace).length
          : 0,
      },
    ),
  };
}

// --- hand held on the face (cover an eye, press a cheek) ---------------------------------------

export interface HandHoldConfig {
  /** The hand must stay this long, seconds (the prompt asks for two). */
  holdSec: number;
  /** Fraction of the held frames where the hand is at the right place. */
  minPlacedFraction: number;
  /** Frames without the hand inside one hold, seconds. */
  maxGapSec: number;
}

export const DEFAULT_HAND_HOLD_CONFIG: Readonly<HandHoldConfig> = Object.freeze({
  holdSec: 1,
  minPlacedFraction: 0.6,
  maxGapSec: 0.25,
});

export function resolveHandHoldConfig(
  what: 'cover-eye' | 'press-cheek',
  partial?: Partial<HandHoldConfig>,
): HandHoldConfig {
  return resolveChallengeConfig(what, DEFAULT_HAND_HOLD_CONFIG, partial, (c) =>
    c.holdSec > 0 && c.minPlacedFraction >= 0 && c.minPlacedFraction <= 1
      ? null
      : 'holdSec must be > 0 and minPlacedFraction in 0..1',
  );
}

/** Where the hand is in one frame against the face: true when it is where the challenge wants it. */
type Placement = (o: ChallengeObservation, face: NonNullable<ChallengeObservation['face']>) => boolean;

function verifyHold(
  observations: readonly ChallengeObservation[],
  config: Readonly<HandHoldConfig>,
  measureConfig: MeasureConfig,
  label: string,
  placed: Placement,
  extra: (measures: FrameMeasures[], held: Run | null) => Record<string, number | boolean | string>,
): VerifierResult {
  const { measures, times, runs } = handRuns(observations, config.maxGapSec, measureConfig);
  let bestSeconds = 0;
  let bestFraction = 0;
  let held: Run | null = null;
  for (const run of runs) {
    let seen = 0;
    let good = 0;
    for (let i = run.first; i <= run.last; i++) {
      const o = observations[i]!;
      const face = faceAtOrBefore(observations, i);
      if (!measures[i]!.handSeen || !o.hand || !face) continue;
      seen++;
      if (placed(o, face)) good++;
    }
    const fraction = seen > 0 ? good / seen : 0;
    const seconds = runSeconds(run, times);
    if (fraction >= config.minPlacedFraction && seconds >= config.holdSec && !held) held = run;
    if (fraction >= config.minPlacedFraction) bestSeconds = Math.max(bestSeconds, seconds);
    bestFraction = Math.max(bestFraction, fraction);
  }
  const performed = held !== null;
  const progress =
    runs.length === 0
      ? 0
      : 0.3 +
        0.3 * ramp(bestFraction, 0, config.minPlacedFraction) +
        0.4 * ramp(bestSeconds, 0, config.holdSec);
  return {
    performed,
    progress: performed ? 1 : Math.min(progress, 0.99),
    peaks: { handPresence: peakPresence(measures), heldSec: bestSeconds, placedFraction: bestFraction },
    evidence: evidenceOf(
      measures,
      [...runs.map((r) => runSpan('hand', r, times)), ...(held ? [runSpan(label, held, times)] : [])],
      extra(measures, held),
    ),
  };
}

function inflate(box: { x: number; y: number; width: number; height: number }, margin: number) {
  return {
    x: box.x - margin,
    y: box.y - margin,
    width: box.width + 2 * margin,
    height: box.height + 2 * margin,
  };
}

function inside(p: Point, box: { x: number; y: number; width: number; height: number }): boolean {
  return p[0] >= box.x && p[0] <= box.x + box.width && p[1] >= box.y && p[1] <= box.y + box.height;
}

/**
 * One eye covered: the eye nearer the hand's centre lies inside the hand's box (grown by a tenth
 * of the face width), and the hand's centre is clearly off to that side (not centred on the nose,
 * which would be both eyes or a sweep).
 */
const coversOneEye: Placement = (o, face) => {
  const hand = o.hand!.boxPx;
  const centre: Point = [hand.x + hand.width / 2, hand.y + hand.height / 2];
  const right = meanPoint(face.landmarks, RIGHT_EYE);
  const left = meanPoint(face.landmarks, LEFT_EYE);
  const eyeDistance = Math.hypot(left[0] - right[0], left[1] - right[1]);
  const dRight = Math.hypot(centre[0] - right[0], centre[1] - right[1]);
  const dLeft = Math.hypot(centre[0] - left[0], centre[1] - left[1]);
  const nearer = dRight < dLeft ? right : left;
  return (
    inside(nearer, inflate(hand, 0.1 * face.boxPx.width)) && Math.abs(dRight - dLeft) >= 0.3 * eyeDistance
  );
};

/** A finger on a cheek: the index fingertip within a fifth of the face width of a cheek's middle. */
const fingerOnCheek: Placement = (o, face) => {
  const tip: Point = [o.hand!.landmarksPx[2 * INDEX_TIP]!, o.hand!.landmarksPx[2 * INDEX_TIP + 1]!];
  const reach = 0.2 * face.boxPx.width;
  return [RIGHT_CHEEK, LEFT_CHEEK].some((c) => {
    const p = meanPoint(face.landmarks, [c]);
    return Math.hypot(tip[0] - p[0], tip[1] - p[1]) <= reach;
  });
};

export function verifyCoverEye(
  observations: readonly ChallengeObservation[],
  config: Readonly<HandHoldConfig> = DEFAULT_HAND_HOLD_CONFIG,
  measureConfig: MeasureConfig = DEFAULT_MEASURE_CONFIG,
): VerifierResult {
  // MoveNet's eye scores drop for a covered eye: the gap between them, held vs not, is evidence.
  const gap = (from: number, to: number) => {
    const gaps = observations
      .slice(from, to)
      .filter((o) => o.body)
      .map((o) => Math.abs(o.body!.points.leftEye.score - o.body!.points.rightEye.score));
    return gaps.length > 0 ? gaps.reduce((a, b) => a + b, 0) / gaps.length : -1;
  };
  return verifyHold(
    observations,
    config,
    measureConfig,
    'eye-covered',
    coversOneEye,
    (_, held): Record<string, number> =>
      held
        ? { bodyEyeScoreGapHeld: gap(held.first, held.last + 1), bodyEyeScoreGapBefore: gap(0, held.first) }
        : {},
  );
}

export function verifyPressCheek(
  observations: readonly ChallengeObservation[],
  config: Readonly<HandHoldConfig> = DEFAULT_HAND_HOLD_CONFIG,
  measureConfig: MeasureConfig = DEFAULT_MEASURE_CONFIG,
): VerifierResult {
  // The face stays in view while a finger presses a cheek: the mesh must keep it.
  return verifyHold(observations, config, measureConfig, 'cheek-pressed', fingerOnCheek, (measures) => ({
    faceKeptFraction:
      measures.filter((m) => m.handSeen && m.hasFace).length /
      Math.max(1, measures.filter((m) => m.handSeen).length),
  }));
}
