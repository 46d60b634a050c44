// The challenge session's state machine on scripted observation streams: the seeded sequence, a
// simulated caller who performs (or refuses) what is asked, time-outs, next/abort, throttled
// progress events, and identity continuity from scripted embeddings.

import { describe, expect, it } from 'vitest';
import {
  ChallengeSession,
  drawSequence,
  type ChallengeSessionEvent,
} from '../../../engine/challenges/session.ts';
import {
  challengeSessionConfigProblem,
  DEFAULT_CHALLENGE_SESSION_CONFIG,
  type ChallengeSessionConfig,
} from '../../../engine/challenges/session-config.ts';
import type { ChallengeSessionState } from '../../../engine/challenges/session.ts';
import { ChallengeRegistry } from '../../../engine/challenges/definitions.ts';
import { resolveConfig } from '../../../engine/config/index.ts';
import { applyChallengeRules } from '../../../engine/fusion/challenge-rules.ts';
import type { VerdictResult } from '../../../engine/fusion/verdict.ts';
import { keyframes, syntheticObservation, type FrameSpec } from '../../support/challenge-streams.ts';
import { seededRandom } from '../../support/seeded-random.ts';

const FPS = 30;
const CLEAN: VerdictResult = { verdict: 'likely_real', score: 0.1, confidence: 0.9, reasons: [] };

function config(partial: Partial<ChallengeSessionConfig>): { challenges: ChallengeSessionConfig } {
  return { challenges: { ...DEFAULT_CHALLENGE_SESSION_CONFIG, ...partial } };
}

/** What a caller does `sinceSec` after being asked for `challengeId` (null: sits still). */
function perform(challengeId: string, sinceSec: number): FrameSpec {
  if (challengeId === 'open-mouth')
    return {
      mouthOpen: keyframes([
        [0.5, 0],
        [1, 0.7],
        [1.6, 0.7],
        [2, 0],
      ])(sinceSec),
    };
  if (challengeId === 'blink-twice')
    return { eyeAspect: [0.5, 1.5].some((b) => sinceSec >= b && sinceSec < b + 0.13) ? 0.05 : 0.3 };
  throw new Error(`the scripted caller cannot do ${challengeId}`);
}

interface Run {
  session: ChallengeSession;
  events: ChallengeSessionEvent[];
  states: ChallengeSessionState[];
  /** Frames fed so far; the next frame's time is frame / FPS. */
  frame: number;
  readonly t: number;
}

/** Feeds `seconds` of frames; the caller performs the current challenge when `willing` says so. */
async function feed(
  run: Run,
  seconds: number,
  willing: (challengeId: string) => boolean,
  embeddingAt?: (t: number) => number[] | null,
): Promise<void> {
  const next = seededRandom(7);
  const end = run.frame + Math.round(seconds * FPS);
  for (; run.frame < end; run.frame++) {
    const t = run.frame / FPS;
    const s = run.session.state();
    const spec =
      s.status === 'active' && willing(s.challengeId!)
        ? perform(s.challengeId!, t - s.steps[s.stepIndex!]!.startSec!)
        : {};
    const observation = syntheticObservation(t, spec, {}, next);
    run.states.push(await run.session.update({ observation, embedding: embeddingAt?.(t) ?? null }));
  }
}

function newRun(partial: Partial<ChallengeSessionConfig>, seed = 1): Run {
  const events: ChallengeSessionEvent[] = [];
  const session = new ChallengeSession({
    config: config(partial),
    rng: seededRandom(seed),
    onEvent: (e) => events.push(e),
  });
  return {
    session,
    events,
    states: [],
    frame: 0,
    get t() {
      return this.frame / FPS;
    },
  };
}

const types = (events: readonly ChallengeSessionEvent[]) => events.map((e) => e.type);

describe('challenge sequence', () => {
  it('draws 3–5 distinct allowed challenges, the same for the same seed', () => {
    const counts = new Set<number>();
    const seen = new Set<string>();
    for (let seed = 1; seed <= 200; seed++) {
      const plan = drawSequence(DEFAULT_CHALLENGE_SESSION_CONFIG, seededRandom(seed));
      expect(plan).toEqual(drawSequence(DEFAULT_CHALLENGE_SESSION_CONFIG, seededRandom(seed)));
      expect(new Set(plan).size).toBe(plan.length);
      for (const id of plan) expect(DEFAULT_CHALLENGE_SESSION_CONFIG.allowed).toContain(id);
      counts.add(plan.length);
      plan.forEach((id) => seen.add(id));
    }
    expect([...counts].sort()).toEqual([3, 4, 5]);
    expect(seen.size).toBe(8);
    // Different seeds give different sequences.
    const plans = new Set(
      [1, 2, 3, 4, 5].map((s) => drawSequence(DEFAULT_CHALLENGE_SESSION_CONFIG, seededRandom(s)).join()),
    );
    expect(plans.size).toBeGreaterThan(3);
    const only = {
      ...DEFAULT_CHALLENGE_SESSION_CONFIG,
      minCount: 2,
      maxCount: 2,
      allowed: ['blink-twice', 'open-mouth'],
    };
    expect(drawSequence(only, seededRandom(3)).sort()).toEqual(['blink-twice', 'open-mouth']);
  });

  it('takes count and ids from the profile and refuses impossible settings', async () => {
    expect((await resolveConfig()).challenges.minCount).toBe(3);
    expect((await resolveConfig({ profile: 'police' })).challenges.minCount).toBe(4);
    await expect(
      resolveConfig({ overrides: { challenges: { allowed: ['turn-head', 'juggle'] } } }),
    ).rejects.toThrow(/unknown ids: juggle/);
    await expect(resolveConfig({ overrides: { challenges: { minCount: 6 } } })).rejects.toThrow(/minCount/);
    await expect(resolveConfig({ overrides: { challenges: { count: 3 } as never } })).rejects.toThrow(
      /unknown setting "challenges.count"/,
    );
    expect(
      challengeSessionConfigProblem({
        ...DEFAULT_CHALLENGE_SESSION_CONFIG,
        allowed: ['blink-twice', 'blink-twice'],
      }),
    ).toMatch(/repeats/);
    expect(() => new ChallengeSession({ config: config({ maxCount: 9 }) })).toThrow(/maxCount/);
  });
});

describe('challenge session', () => {
  it('issues, follows and finishes each step: performed, then timed out, then ends', async () => {
    const run = newRun({ minCount: 2, maxCount: 2, allowed: ['open-mouth', 'blink-twice'] });
    const [first, second] = run.session.plan;
    await feed(run, 1, () => true);
    expect(run.session.state().status).toBe('idle');
    expect(run.events).toHaveLength(0);

    run.session.start();
    const issued = run.events[0]!;
    expect(issued).toMatchObject({
      type: 'challenge-issued',
      mediaTimeSec: expect.closeTo(1 - 1 / FPS, 6),
      challengeId: first,
      detail: { step: 0, stepCount: 2, promptKey: `challenge.${first}.prompt` },
    });
    const active = run.session.state();
    expect(active).toMatchObject({ status: 'active', stepIndex: 0, stepCount: 2, challengeId: first });
    expect(active.timeLeftSec).toBeGreaterThan(5);

    // The caller does the first challenge, then refuses the second (sits still).
    await feed(run, 5, (id) => id === first);
    const firstResult = run.events.find((e) => e.type === 'challenge-result')!;
    expect(firstResult).toMatchObject({
      challengeId: first,
      detail: { outcome: 'performed', passed: true, progress: 1 },
    });
    expect(firstResult.mediaTimeSec).toBeLessThan(1 + 2.5);
    const progress = run.events.filter((e) => e.type === 'challenge-progress');
    expect(progress.length).toBeGreaterThan(0);
    // Throttled: at most one per progressEverySec, never one per frame.
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.mediaTimeSec - progress[i - 1]!.mediaTimeSec).toBeGreaterThanOrEqual(0.5 - 1e-9);
    // The second step comes by itself after the 2 s pause.
    const secondIssued = run.events.filter((e) => e.type === 'challenge-issued')[1]!;
    expect(secondIssued.challengeId).toBe(second);
    expect(secondIssued.mediaTimeSec - firstResult.mediaTimeSec).toBeCloseTo(2, 1);

    await feed(run, 12, () => false);
    const results = run.events.filter((e) => e.type === 'challenge-result');
    expect(results[1]).toMatchObject({
      challengeId: second,
      detail: { outcome: 'timed-out', passed: false },
    });
    const limit = new ChallengeRegistry().get(second!).timeLimitSec;
    expect(results[1]!.mediaTimeSec - secondIssued.mediaTimeSec).toBeCloseTo(limit, 1);
    const ended = run.events[run.events.length - 1]!;
    expect(ended).toMatchObject({
      type: 'challenge-session-ended',
      detail: {
        outcome: 'completed',
        steps: [
          { challengeId: first, outcome: 'performed' },
          { challengeId: second, outcome: 'timed-out' },
        ],
      },
    });
    expect(run.session.state()).toMatchObject({ status: 'ended', timeLeftSec: null });
    expect(run.session.summary().outcome).toBe('completed');
    expect(applyChallengeRules(CLEAN, run.session.ruleInput()).verdict).toBe('suspicious');
    // Every event is plain JSON.
    for (const e of run.events) expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  it('next() fails a challenge not done and issues the next at once; abort() ends the rest', async () => {
    const run = newRun({ minCount: 3, maxCount: 3, allowed: ['open-mouth', 'blink-twice', 'turn-head'] }, 5);
    await feed(run, 0.5, () => false);
    run.session.start();
    await feed(run, 1, () => false);
    run.session.next();
    // (A still caller's noise may move a verifier's progress a little: progress events are left out here.)
    const steps = run.events.filter((e) => e.type !== 'challenge-progress');
    expect(types(steps)).toEqual(['challenge-issued', 'challenge-result', 'challenge-issued']);
    expect(steps[1]).toMatchObject({ detail: { outcome: 'failed', passed: false, step: 0 } });
    expect(run.session.state()).toMatchObject({ status: 'active', stepIndex: 1 });
    await feed(run, 0.5, () => false);
    run.session.abort();
    const last = run.events.slice(-2);
    expect(last[0]).toMatchObject({ type: 'challenge-result', detail: { outcome: 'aborted', step: 1 } });
    expect(last[1]).toMatchObject({ type: 'challenge-session-ended', detail: { outcome: 'aborted' } });
    expect(run.session.state().steps.map((s) => s.outcome)).toEqual(['failed', 'aborted', null]);
    // Nothing happens after the end.
    const count = run.events.length;
    await feed(run, 3, () => true);
    run.session.next();
    expect(run.events).toHaveLength(count);
    expect(() => run.session.start()).toThrow(/already ended/);
  });

  it('abort() before start ends the session with nothing issued', () => {
    const run = newRun({});
    run.session.abort(3);
    expect(types(run.events)).toEqual(['challenge-session-ended']);
    expect(run.session.state().steps.every((s) => s.outcome === null)).toBe(true);
  });

  it('flags an identity switch of three samples during a challenge, not a two-sample glitch', async () => {
    const dims = 16;
    const person = (seed: number, noise: number, t: number) => {
      const base = Array.from({ length: dims }, (_, i) => Math.sin(seed * (i + 1)));
      const wobble = seededRandom(Math.round(t * 1000) + seed);
      return base.map((v) => v + noise * (wobble() - 0.5));
    };
    for (const [glitchSec, expectSwitch] of [
      [0.7, true],
      [0.45, false],
    ] as const) {
      const run = newRun({ minCount: 1, maxCount: 1, allowed: ['open-mouth'] });
      // Calm: the genuine person; during the challenge, another identity for `glitchSec` (4 samples/s).
      await feed(
        run,
        2,
        () => true,
        (t) => person(1, 0.1, t),
      );
      run.session.start();
      const from = run.t + 0.3;
      // Samples come every 8 frames (0.267 s at 4 Hz, 30 fps): 0.7 s holds 3 of them, 0.45 s at most 2.
      await feed(
        run,
        5,
        () => true,
        (t) => (t >= from && t < from + glitchSec ? person(2, 0.1, t) : person(1, 0.1, t)),
      );
      const result = run.events.find((e) => e.type === 'challenge-result')!;
      expect(result.detail).toMatchObject({ outcome: 'performed' });
      const ended = run.events.find((e) => e.type === 'challenge-session-ended')!;
      const identity = ended.type === 'challenge-session-ended' ? ended.detail.identity : null;
      expect(identity!.baselineSamples).toBe(8);
      expect(identity!.switches.length > 0, `glitch ${glitchSec} s ${JSON.stringify(identity)}`).toBe(
        expectSwitch,
      );
      if (result.type === 'challenge-result') expect(result.detail.identity.switched).toBe(expectSwitch);
      if (expectSwitch) {
        expect(identity!.switches[0]!.steps).toEqual([0]);
        expect(identity!.minSimilarity).toBeLessThan(0.65);
      }
      expect(run.states.some((s) => s.identity.switchDetected)).toBe(expectSwitch);
      expect(applyChallengeRules(CLEAN, run.session.ruleInput()).verdict).toBe(
        expectSwitch ? 'likely_fake' : 'likely_real',
      );
    }
  });
});
