// Turns what was observed of the primary face into one of four verdicts. A face that was not
// seen well enough, or that no detector could judge, gets `not_verified` with the reason: the
// tool never claims "real" without evidence. First rule: the confidence-weighted mean of the
// judging signals' calibrated scores, against thresholds fitted with their calibration
// (≤ 5 % false alarms on the training folds for `suspicious`, ≤ 1 % for `likely_fake`).

import type { UnusableCause } from '../face/quality.ts';
import type { OperatingPoint, SignalObservation } from '../signals/types.ts';
import { DEFAULT_FALSE_ALARM_TARGETS, thresholdAt, type FalseAlarmTargets } from './calibration.ts';

export type Verdict = 'likely_real' | 'suspicious' | 'likely_fake' | 'not_verified';

/** Why the verdict is what it is; `key` is a message-catalogue key, `params` fill it. */
export interface VerdictReason {
  key: string;
  params?: Record<string, string | number>;
}

export interface VerdictThresholds {
  /** Faces whose median size is below this (frame pixels) are too small to judge. */
  minJudgeableFacePx: number;
  /**
   * A video needs at least this much usable face before any verdict. 2 s: on held-out folds the
   * face-swap verdict after the first 1.5–2 s of face ranks and false-alarms as it does after
   * 3 s or the whole clip (`callsentinel eval`, "verdict after the first T seconds"), and the
   * calls that cost victims lasted 7–9 s.
   */
  minUsableFaceSec: number;
  /** Fused score from which the verdict is `suspicious`. */
  suspiciousScore: number;
  /** Fused score from which the verdict is `likely_fake`. */
  likelyFakeScore: number;
}

/** Score thresholds apply only while no judging signal brings calibrated ones. */
export const DEFAULT_VERDICT_THRESHOLDS: Readonly<VerdictThresholds> = Object.freeze({
  minJudgeableFacePx: 64,
  minUsableFaceSec: 2,
  suspiciousScore: 0.5,
  likelyFakeScore: 0.8,
});

/**
 * Verdict thresholds from the signals' calibrations for the targeted false-alarm rates: each
 * signal's operating point for the rate, the strictest (highest) across signals, so fusing a
 * signal never raises another's false-alarm rate above its target. With none, `base` stays.
 */
export function thresholdsFromCalibration(
  calibrated: ReadonlyArray<readonly OperatingPoint[] | null>,
  targets: Readonly<FalseAlarmTargets> = DEFAULT_FALSE_ALARM_TARGETS,
  base: Readonly<VerdictThresholds> = DEFAULT_VERDICT_THRESHOLDS,
): VerdictThresholds {
  const list = calibrated.filter((p): p is readonly OperatingPoint[] => p !== null && p.length > 0);
  if (list.length === 0) return { ...base };
  const suspiciousScore = Math.max(...list.map((p) => thresholdAt(p, targets.suspicious)));
  const likelyFakeScore = Math.max(...list.map((p) => thresholdAt(p, targets.likelyFake)));
  return { ...base, suspiciousScore, likelyFakeScore: Math.max(suspiciousScore, likelyFakeScore) };
}

export interface PrimaryFaceEvidence {
  trackId: number;
  medianFaceSizePx: number;
  /** Media seconds during which the face was usable (big, sharp and lit enough). */
  usableFaceSec: number;
  /** Frames that were not usable, by cause (engine/face/quality.ts); empty when unknown. */
  unusableFrames?: Partial<Record<UnusableCause, number>>;
}

export interface VerdictInput {
  /** The face being judged (the primary face, or any other track when each is assessed). */
  primary: PrimaryFaceEvidence | null;
  isStillImage: boolean;
  observations: readonly SignalObservation[];
  /**
   * Signals whose scores enter the verdict: those calibrated on labelled data (training folds).
   * Other signals are shown with their reasons but do not move the verdict (docs/fusion.md).
   * When omitted, every signal judges.
   */
  judgingSignals?: ReadonlySet<string>;
}

/** The reason key for each quality shortfall, when it is why too little usable face was seen. */
const UNUSABLE_REASON: Record<UnusableCause, string> = {
  small: 'reason.face-too-small',
  dark: 'reason.too-dark',
  overexposed: 'reason.overexposed',
  blurred: 'reason.too-blurred',
};

export interface VerdictResult {
  verdict: Verdict;
  score: number | null;
  confidence: number | null;
  reasons: VerdictReason[];
}

export function decideVerdict(
  input: VerdictInput,
  thresholds: VerdictThresholds = DEFAULT_VERDICT_THRESHOLDS,
): VerdictResult {
  const notVerified = (...reasons: VerdictReason[]): VerdictResult => ({
    verdict: 'not_verified',
    score: null,
    confidence: 0,
    reasons,
  });
  const { primary } = input;
  if (!primary) return notVerified({ key: 'reason.no-face' });
  if (primary.medianFaceSizePx < thresholds.minJudgeableFacePx) {
    return notVerified({
      key: 'reason.face-too-small',
      params: { sizePx: Math.round(primary.medianFaceSizePx) },
    });
  }
  if (!input.isStillImage && primary.usableFaceSec < thresholds.minUsableFaceSec) {
    const seconds = { key: 'reason.too-little-face', params: { seconds: primary.usableFaceSec.toFixed(1) } };
    const cause = dominantCause(primary.unusableFrames ?? {});
    if (!cause) return notVerified(seconds);
    const params = cause === 'small' ? { sizePx: Math.round(primary.medianFaceSizePx) } : undefined;
    return notVerified({ key: UNUSABLE_REASON[cause], ...(params ? { params } : {}) }, seconds);
  }
  const about = input.observations.filter((o) => o.trackId === primary.trackId);
  const judges = input.judgingSignals;
  const judged = about.filter(
    (o) => o.status === 'ok' && o.score !== null && (!judges || judges.has(o.signalId)),
  );
  if (judged.length === 0) {
    // Say why each judging signal could not judge (too few frames, a failed detector).
    const why = [
      ...new Set(about.filter((o) => !judges || judges.has(o.signalId)).map((o) => o.reasonKey)),
    ].map((key) => ({ key }));
    return notVerified({ key: 'reason.no-detector' }, ...why);
  }
  // The confidence-weighted mean of the judging signals' calibrated scores.
  let weight = 0;
  let sum = 0;
  for (const o of judged) {
    weight += o.confidence;
    sum += o.confidence * o.score!;
  }
  const score = weight > 0 ? sum / weight : 0.5;
  const verdict: Verdict =
    score >= thresholds.likelyFakeScore
      ? 'likely_fake'
      : score >= thresholds.suspiciousScore
        ? 'suspicious'
        : 'likely_real';
  return {
    verdict,
    score,
    confidence: Math.min(1, weight / judged.length),
    reasons: judged.map((o) => ({ key: o.reasonKey })),
  };
}

/** The quality shortfall behind most unusable frames, if any frames were counted. */
function dominantCause(counts: Partial<Record<UnusableCause, number>>): UnusableCause | null {
  let best: UnusableCause | null = null;
  for (const [cause, n] of Object.entries(counts) as Array<[UnusableCause, number]>) {
    if (n > 0 && (best === null || n > (counts[best] ?? 0))) best = cause;
  }
  return best;
}
