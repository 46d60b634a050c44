// The verdict rules on synthetic signal sets: every verdict is reachable, each cause of
// `not_verified` gives its own reason, and only calibrated (judging) signals move the verdict.

import { describe, expect, it } from 'vitest';
import {
  decideVerdict,
  DEFAULT_VERDICT_THRESHOLDS,
  type VerdictInput,
} from '../../../engine/fusion/verdict.ts';
import type { SignalObservation } from '../../../engine/signals/types.ts';

const face = { trackId: 1, medianFaceSizePx: 180, usableFaceSec: 10 };
const judging = new Set(['face-swap']);

function obs(
  signalId: string,
  score: number | null,
  confidence = 0.9,
  status: SignalObservation['status'] = 'ok',
): SignalObservation {
  return {
    signalId,
    trackId: 1,
    startSec: 0,
    endSec: 10,
    score,
    confidence,
    status,
    reasonKey: `reason.${signalId}-x`,
  };
}

function verdictOf(input: Partial<VerdictInput>) {
  return decideVerdict(
    { primary: face, isStillImage: false, observations: [], judgingSignals: judging, ...input },
    DEFAULT_VERDICT_THRESHOLDS,
  );
}

describe('verdict rules', () => {
  it.each([
    [0.1, 'likely_real'],
    [0.6, 'suspicious'],
    [0.95, 'likely_fake'],
  ] as const)('a calibrated score of %d gives %s', (score, verdict) => {
    const r = verdictOf({ observations: [obs('face-swap', score)] });
    expect(r.verdict).toBe(verdict);
    expect(r.score).toBeCloseTo(score);
    expect(r.reasons.length).toBeGreaterThan(0);
  });

  it('gives not_verified with its own reason for each cause', () => {
    const cases: Array<[Partial<VerdictInput>, string]> = [
      [{ primary: null }, 'reason.no-face'],
      [{ primary: { ...face, medianFaceSizePx: 40 } }, 'reason.face-too-small'],
      [{ primary: { ...face, usableFaceSec: 1 } }, 'reason.too-little-face'],
      [
        { primary: { ...face, usableFaceSec: 1, unusableFrames: { dark: 200, blurred: 10 } } },
        'reason.too-dark',
      ],
      [{ primary: { ...face, usableFaceSec: 1, unusableFrames: { blurred: 150 } } }, 'reason.too-blurred'],
      [{ primary: { ...face, usableFaceSec: 0, unusableFrames: { overexposed: 90 } } }, 'reason.overexposed'],
      [{ observations: [] }, 'reason.no-detector'],
      [{ observations: [obs('face-swap', null, 0, 'insufficient-data')] }, 'reason.no-detector'],
      [{ observations: [obs('face-swap', null, 0, 'degraded')] }, 'reason.no-detector'],
    ];
    for (const [input, reason] of cases) {
      const r = verdictOf({ observations: [obs('face-swap', 0.9)], ...input });
      expect(r.verdict, reason).toBe('not_verified');
      expect(r.reasons[0]!.key, reason).toBe(reason);
      expect(r.score).toBeNull();
    }
  });

  it('a still image needs no seconds of face', () => {
    expect(
      verdictOf({
        isStillImage: true,
        primary: { ...face, usableFaceSec: 0 },
        observations: [obs('face-swap', 0.1)],
      }).verdict,
    ).toBe('likely_real');
  });

  it('advisory (uncalibrated) signals never move the verdict, however confident', () => {
    const base = verdictOf({ observations: [obs('face-swap', 0.6)] });
    const withAdvisory = verdictOf({
      observations: [obs('face-swap', 0.6), obs('pulse', 0.05, 1), obs('blink', 0.3, 1)],
    });
    expect(withAdvisory).toEqual(base);
    expect(verdictOf({ observations: [obs('pulse', 0.99, 1)] }).verdict).toBe('not_verified');
  });

  it('judges only the face it is asked about (a self-view face does not leak into the primary)', () => {
    const selfView: SignalObservation = { ...obs('face-swap', 0.99), trackId: 2 };
    const r = verdictOf({ observations: [obs('face-swap', 0.1), selfView] });
    expect(r.verdict).toBe('likely_real');
  });
});
