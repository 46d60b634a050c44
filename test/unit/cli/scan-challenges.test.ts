// `scan --challenges auto`: the mode flag and the text lines, in both languages.

import { describe, expect, it } from 'vitest';
import type { RecordingChallengeResult } from '../../../engine/challenges/recording.ts';
import { challengeSummaryLines, parseChallengesMode } from '../../../engine/cli/commands/scan-challenges.ts';

const result: RecordingChallengeResult = {
  primaryTrackId: 1,
  framesAnalyzed: 120,
  calm: { score: 0.12, scoredFrames: 40, source: 'calm-frames' },
  moments: [
    {
      kind: 'head-turn',
      startSec: 2.2,
      endSec: 3.1,
      peak: 28,
      score: 0.45,
      scoredFrames: 6,
      rise: 0.33,
      framesWithoutFace: 2,
      identity: { comparedSamples: 3, minSimilarity: 0.52, switched: true },
    },
  ],
  identity: {
    baselineSamples: 8,
    comparedSamples: 30,
    minSimilarity: 0.52,
    meanSimilarity: 0.8,
    switches: [{ startSec: 2.3, endSec: 2.9, samples: 3, minSimilarity: 0.52, steps: [0] }],
    threshold: 0.65,
    switchMinSamples: 3,
  },
  passive: { verdict: 'likely_real', score: 0.12 },
  withChallenges: {
    verdict: 'likely_fake',
    score: 0.45,
    reasons: [{ code: 'reason.identity-switch', message: 'x' }],
  },
  thresholds: { suspiciousScore: 0.26, likelyFakeScore: 0.6 },
  maxGenuineRise: 0.25,
};

describe('scan --challenges', () => {
  it('accepts only auto', () => {
    expect(parseChallengesMode(undefined)).toBeNull();
    expect(parseChallengesMode('auto')).toBe('auto');
    expect(() => parseChallengesMode('all')).toThrow();
  });

  it('prints the moments and the with-challenge verdict in either language', () => {
    const en = challengeSummaryLines(result, 'en').join('\n');
    expect(en).toContain('1 moment(s) found; calm score 0.12');
    expect(en).toContain('head turn 2.2–3.1 s: score 0.45 (calm 0.12, rise +0.33), identity 0.52, SWITCH');
    expect(en).toMatch(/with challenges: Likely fake \(0\.45\)/i);
    const zh = challengeSummaryLines(result, 'zh-CN').join('\n');
    expect(zh).toContain('转头 2.2–3.1 秒');
    expect(zh).toContain('身份切换');
    for (const text of [en, zh]) expect(text).not.toMatch(/[{}]/);
  });
});
