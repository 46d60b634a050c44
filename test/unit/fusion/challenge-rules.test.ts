// The challenge rules of docs/fusion.md §6: a refused, failed or timed-out challenge makes the
// verdict at least suspicious, a clear identity switch makes it likely fake; neither lowers it.

import { describe, expect, it } from 'vitest';
import { formatMessage, LANGS, type MessageKey } from '../../../engine/core/messages.ts';
import { applyChallengeRules, type ChallengeRuleInput } from '../../../engine/fusion/challenge-rules.ts';
import type { Verdict, VerdictResult } from '../../../engine/fusion/verdict.ts';

const passive = (verdict: Verdict, score: number | null = 0.1): VerdictResult => ({
  verdict,
  score,
  confidence: score === null ? 0 : 0.9,
  reasons: [{ key: 'reason.face-swap-clean' }],
});

const steps = (...outcomes: ChallengeRuleInput['steps'][number]['outcome'][]) =>
  outcomes.map((outcome, i) => ({ challengeId: ['turn-head', 'blink-twice', 'hand-sweep'][i]!, outcome }));

const SWITCH = { startSec: 12.25, endSec: 13, minSimilarity: 0.41 };

describe('challenge rules', () => {
  it('raises a refused, failed or timed-out challenge to at least suspicious', () => {
    for (const outcome of ['failed', 'timed-out'] as const) {
      const r = applyChallengeRules(passive('likely_real'), {
        steps: steps('performed', outcome),
        identitySwitches: [],
      });
      expect(r.verdict).toBe('suspicious');
      expect(r.score).toBe(0.1);
      expect(r.reasons.map((x) => x.key)).toEqual([
        'reason.face-swap-clean',
        'reason.challenge-not-performed',
      ]);
      expect(r.reasons[1]!.params).toEqual({ count: 1, challenges: 'blink-twice' });
    }
    // not_verified is raised as well; likely_fake is never lowered.
    expect(
      applyChallengeRules(passive('not_verified', null), { steps: steps('failed'), identitySwitches: [] })
        .verdict,
    ).toBe('suspicious');
    expect(
      applyChallengeRules(passive('likely_fake', 0.9), { steps: steps('failed'), identitySwitches: [] })
        .verdict,
    ).toBe('likely_fake');
  });

  it('makes an identity switch likely fake, whatever the challenges did', () => {
    const r = applyChallengeRules(passive('likely_real'), {
      steps: steps('performed', 'performed'),
      identitySwitches: [SWITCH],
    });
    expect(r.verdict).toBe('likely_fake');
    expect(r.reasons.at(-1)).toEqual({
      key: 'reason.identity-switch',
      params: { time: '12.3', seconds: '0.8', similarity: '0.41' },
    });
    expect(
      applyChallengeRules(passive('suspicious', 0.5), { steps: [], identitySwitches: [SWITCH] }).verdict,
    ).toBe('likely_fake');
  });

  it('leaves the verdict alone when every challenge was performed with one face, or aborted', () => {
    const ok = applyChallengeRules(passive('likely_real'), {
      steps: steps('performed', 'performed', null),
      identitySwitches: [],
    });
    expect(ok.verdict).toBe('likely_real');
    expect(ok.reasons.at(-1)).toEqual({ key: 'reason.challenges-performed', params: { count: 2 } });
    const aborted = applyChallengeRules(passive('likely_real'), {
      steps: steps('aborted', null),
      identitySwitches: [],
    });
    expect(aborted).toEqual(passive('likely_real'));
    expect(
      applyChallengeRules(passive('suspicious', 0.5), { steps: steps('performed'), identitySwitches: [] })
        .verdict,
    ).toBe('suspicious');
  });

  it('has every reason in both languages with its parameters filled', () => {
    const r = applyChallengeRules(passive('likely_real'), {
      steps: steps('timed-out'),
      identitySwitches: [SWITCH],
    });
    const ok = applyChallengeRules(passive('likely_real'), {
      steps: steps('performed'),
      identitySwitches: [],
    });
    for (const reason of [...r.reasons, ...ok.reasons]) {
      for (const lang of LANGS) {
        const text = formatMessage(reason.key as MessageKey, reason.params, lang);
        expect(text, `${reason.key} ${lang}`).not.toMatch(/[{}]/);
      }
    }
    expect(formatMessage('reason.identity-switch', r.reasons.at(-1)!.params, 'zh-CN')).toContain('12.3');
  });
});
