// The score shape of the one-sided advisory signals (blink, jitter, boundary-flicker, mouth-texture,
// neck-colour; pulse's settings follow it too): evidence
// of a fake (0..1) lifts the score from `neutralScore` towards `maxScore`; without such evidence
// the score stays neutral and weighs little (`restingWeight`), because a good fake can look normal.

export interface OneSidedScoreConfig {
  neutralScore: number;
  maxScore: number;
  /** Weight of the observation when there is no evidence at all (it reaches 1 with full evidence). */
  restingWeight: number;
}

export function oneSidedScore(evidence: number, c: OneSidedScoreConfig): { score: number; weight: number } {
  return {
    score: c.neutralScore + (c.maxScore - c.neutralScore) * evidence,
    weight: 1 - (1 - evidence) * (1 - c.restingWeight),
  };
}

/** Why one-sided score settings are invalid, or null; `weightKey` names the config key of restingWeight. */
export function oneSidedScoreProblem(c: OneSidedScoreConfig, weightKey: string): string | null {
  if (!(c.neutralScore >= 0 && c.maxScore <= 1 && c.maxScore > c.neutralScore))
    return 'need 0 ≤ neutralScore < maxScore ≤ 1';
  if (!(c.restingWeight >= 0 && c.restingWeight <= 1)) return `${weightKey} must be in 0..1`;
  return null;
}
