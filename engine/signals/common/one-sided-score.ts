// The score shape of the one-sided advisory signals (blink, jitter, boundary-flicker): evidence
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
