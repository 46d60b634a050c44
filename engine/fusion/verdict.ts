// Turns what was observed of the primary face into one of four verdicts. Until detector
// signals exist (see the issues on fusion), a face that was seen well enough still gets
// `not_verified`, with the reason that no detector judged it: the tool never claims "real"
// without evidence.

import type { SignalObservation } from '../signals/types.ts';

export type Verdict = 'likely_real' | 'suspicious' | 'likely_fake' | 'not_verified';

/** Why the verdict is what it is; `key` is a message-catalogue key, `params` fill it. */
export interface VerdictReason {
  key: string;
  params?: Record<string, string | number>;
}

export interface VerdictThresholds {
  /** Faces whose median size is below this (frame pixels) are too small to judge. */
  minJudgeableFacePx: number;
  /** A video needs at least this much usable face before any verdict. */
  minUsableFaceSec: number;
  /** Fused score from which the verdict is `suspicious`. */
  suspiciousScore: number;
  /** Fused score from which the verdict is `likely_fake`. */
  likelyFakeScore: number;
}

export const DEFAULT_VERDICT_THRESHOLDS: Readonly<VerdictThresholds> = Object.freeze({
  minJudgeableFacePx: 64,
  minUsableFaceSec: 3,
  suspiciousScore: 0.5,
  likelyFakeScore: 0.8,
});

export interface PrimaryFaceEvidence {
  trackId: number;
  medianFaceSizePx: number;
  /** Media seconds during which the face was usable (big, sharp and lit enough). */
  usableFaceSec: number;
}

export interface VerdictInput {
  primary: PrimaryFaceEvidence | null;
  isStillImage: boolean;
  observations: readonly SignalObservation[];
}

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
  const notVerified = (reason: VerdictReason): VerdictResult => ({
    verdict: 'not_verified',
    score: null,
    confidence: 0,
    reasons: [reason],
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
    return notVerified({
      key: 'reason.too-little-face',
      params: { seconds: primary.usableFaceSec.toFixed(1) },
    });
  }
  const judged = input.observations.filter((o) => o.trackId === primary.trackId && o.score !== null);
  if (judged.length === 0) return notVerified({ key: 'reason.no-detector' });
  // First rule, until fitted fusion exists: the confidence-weighted mean of the signal scores.
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
