// Active challenges enter the verdict by documented rules, not fitted weights: there is no labelled
// challenge data to fit them on (docs/fusion.md §6). Applied after the fused score; they can only
// raise the verdict, never lower it:
//   1. a challenge refused, failed or timed out          → at least `suspicious`
//   2. a clear identity switch (identity.ts: consecutive   → `likely_fake`
//      embeddings unlike the calm baseline)
// A challenge the operator aborted counts for neither. `not_verified` (no usable face score) is
// raised too: a refusal or another identity is a finding even when the face could not be scored.

import type { VerdictReason, VerdictResult, Verdict } from './verdict.ts';

export type ChallengeStepOutcome = 'performed' | 'failed' | 'timed-out' | 'aborted';

export interface ChallengeRuleInput {
  /** The challenges asked and how each ended (null: never issued). */
  readonly steps: ReadonlyArray<{
    readonly challengeId: string;
    readonly outcome: ChallengeStepOutcome | null;
  }>;
  /** Identity switches found (engine/challenges/identity.ts). */
  readonly identitySwitches: ReadonlyArray<{
    readonly startSec: number;
    readonly endSec: number;
    readonly minSimilarity: number;
  }>;
}

const RANK: Record<Verdict, number> = { not_verified: 0, likely_real: 0, suspicious: 1, likely_fake: 2 };

function atLeast(verdict: Verdict, floor: 'suspicious' | 'likely_fake'): Verdict {
  return RANK[verdict] >= RANK[floor] ? verdict : floor;
}

/** The verdict with the challenge rules applied, and the reasons they add (message keys). */
export function applyChallengeRules(verdict: VerdictResult, input: ChallengeRuleInput): VerdictResult {
  let result = verdict.verdict;
  const reasons: VerdictReason[] = [];
  const notDone = input.steps.filter((s) => s.outcome === 'failed' || s.outcome === 'timed-out');
  if (notDone.length > 0) {
    result = atLeast(result, 'suspicious');
    reasons.push({
      key: 'reason.challenge-not-performed',
      params: { count: notDone.length, challenges: notDone.map((s) => s.challengeId).join(', ') },
    });
  }
  if (input.identitySwitches.length > 0) {
    result = atLeast(result, 'likely_fake');
    const first = input.identitySwitches[0]!;
    reasons.push({
      key: 'reason.identity-switch',
      params: {
        time: first.startSec.toFixed(1),
        seconds: Math.max(0, first.endSec - first.startSec).toFixed(1),
        similarity: Math.min(...input.identitySwitches.map((s) => s.minSimilarity)).toFixed(2),
      },
    });
  }
  const performed = input.steps.filter((s) => s.outcome === 'performed').length;
  if (reasons.length === 0 && performed > 0)
    reasons.push({ key: 'reason.challenges-performed', params: { count: performed } });
  if (reasons.length === 0) return verdict;
  return { ...verdict, verdict: result, reasons: [...verdict.reasons, ...reasons] };
}
