// The eval's "verdict after the first T seconds of face": each item judged on its samples before
// T only, verified only with T seconds of usable face, under its fold's fit of the whole items.

import { describe, expect, it } from 'vitest';
import { verdictsAfterFaceTime, type FaceTimeItem } from '../../../engine/eval/face-time.ts';
import type { FoldFit, ScoredItem } from '../../../engine/eval/protocol.ts';

// Identity calibration (probability = sigmoid(logit)): suspicious from 0.5, likely fake from 0.9.
const fit: FoldFit = {
  fold: 0,
  calibration: { platt: { slope: 1, intercept: 0, slopeClamped: false }, operatingPoints: [] },
  suspiciousThreshold: 0.5,
  likelyFakeThreshold: 0.9,
  train: { genuine: 10, swap: 10 },
};

/** An item sampled every 0.5 s with the given logits (null = an unusable sample). */
function item(id: string, label: 0 | 1, logits: Array<number | null>, faceSizePx = 200): FaceTimeItem {
  const scored = logits.filter((l) => l !== null).length;
  const whole: ScoredItem = {
    itemId: id,
    label,
    fold: 0,
    method: null,
    isStill: false,
    usableFaceSec: scored * 0.5,
    medianFaceSizePx: faceSizePx,
    framesScored: scored,
    rawScore: null,
  };
  return { item: whole, samples: logits.map((logit, k) => ({ timeSec: k * 0.5, logit })) };
}

const run = (items: FaceTimeItem[], seconds: number[]) =>
  verdictsAfterFaceTime(items, [fit], { minJudgeableFacePx: 64 }, 0, { resamples: 50, seed: 1 }, seconds);

describe('verdictsAfterFaceTime', () => {
  it('judges only the samples before T, so a late swap is missed early and caught later', () => {
    // Genuine throughout; a swap whose face turns fake after 1 s.
    const items = [item('g', 0, [-3, -3, -3, -3, -3, -3]), item('s', 1, [-3, -3, 4, 4, 4, 4])];
    const [early, late] = run(items, [1, 3]);
    expect(early).toMatchObject({ seconds: 1, verified: { genuine: 1, swap: 1 }, missRate: 1 });
    // At 3 s the swap's mean logit is (−6 + 16) / 6 > 0: suspicious.
    expect(late).toMatchObject({ seconds: 3, missRate: 0, falseAlarmRate: 0 });
    expect(late!.auc).toBe(1);
  });

  it('leaves items without T seconds of usable face, or with too small a face, not verified', () => {
    const items = [
      item('short', 0, [-3, -3]), // 1 s of face: too short for T = 2
      item('gappy', 0, [-3, null, -3, -3, -3]), // a lost sample within the first 2 s
      item('tiny', 0, [-3, -3, -3, -3, -3], 40), // face under 64 px
      item('ok', 0, [-3, -3, -3, -3]),
      item('swap', 1, [2, 2, 2, 2]),
    ];
    const [row] = run(items, [2]);
    expect(row!.verified).toEqual({ genuine: 1, swap: 1 });
    expect(row!.notVerifiedGenuine).toBeCloseTo(3 / 4, 12);
    expect(row!.notVerifiedSwap).toBe(0);
  });

  it('has no AUC while a class has no verified item', () => {
    const [row] = run([item('g', 0, [-1, -1, -1]), item('s', 1, [1])], [1.5]);
    expect(row!.verified).toEqual({ genuine: 1, swap: 0 });
    expect(row!.auc).toBeNaN();
  });
});
