// The challenge registry and its prompts, config resolution, and the auto-challenge moments finder.

import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_CHALLENGES,
  ChallengeRegistry,
  findChallengeMoments,
  fuseYaw,
  resolveHeadTurnConfig,
  resolveMeasureConfig,
  resolveMomentConfig,
} from '../../../engine/challenges/index.ts';
import { formatMessage, LANGS } from '../../../engine/core/messages.ts';
import { keyframes, syntheticStream } from '../../support/challenge-streams.ts';

describe('challenge registry', () => {
  it('holds the eight challenges, each with a prompt in both languages and a time limit', () => {
    const registry = new ChallengeRegistry();
    expect(registry.ids()).toEqual([
      'turn-head',
      'look-up-down',
      'hand-sweep',
      'cover-eye',
      'press-cheek',
      'close-up',
      'blink-twice',
      'open-mouth',
    ]);
    for (const c of registry.all()) {
      for (const lang of LANGS) {
        const text = formatMessage(c.promptKey, {}, lang);
        expect(text.length, `${c.id} ${lang}`).toBeGreaterThan(5);
        expect(text).not.toContain('{');
      }
      expect(formatMessage(c.promptKey, {}, 'zh-CN')).not.toBe(formatMessage(c.promptKey, {}, 'en'));
      expect(c.timeLimitSec).toBeGreaterThanOrEqual(5);
      expect(c.requires.length).toBeGreaterThan(0);
    }
  });

  it('refuses duplicate, malformed and unknown ids', () => {
    const registry = new ChallengeRegistry();
    expect(() => registry.register(BUILT_IN_CHALLENGES[0]!)).toThrow(/twice/);
    expect(() => registry.register({ ...BUILT_IN_CHALLENGES[0]!, id: 'Turn Head' })).toThrow(/kebab/);
    expect(() => registry.get('turn-heads')).toThrow(/unknown challenge: turn-heads/);
  });

  it('rejects unknown keys, wrong kinds and contradictions in configs', () => {
    expect(resolveHeadTurnConfig({ targetYawDeg: 50 }).targetYawDeg).toBe(50);
    expect(() => resolveHeadTurnConfig({ targetYaw: 50 } as never)).toThrow(/unknown turn-head config key/);
    expect(() => resolveHeadTurnConfig({ targetYawDeg: '50' } as never)).toThrow(/finite number/);
    expect(() => resolveHeadTurnConfig({ returnYawDeg: 60 })).toThrow(/below targetYawDeg/);
    expect(() => resolveMeasureConfig({ handPresenceThreshold: 1.5 })).toThrow();
    expect(() => resolveMomentConfig({ closeUpRatio: 0.9 })).toThrow();
  });
});

describe('yaw fusion', () => {
  it('keeps the mesh in its range, takes MoveNet past it when they agree, and when the mesh is lost', () => {
    const config = { meshTrustYawDeg: 40 };
    expect(fuseYaw(20, 35, config)).toEqual({ yawDeg: 20, source: 'mesh' });
    expect(fuseYaw(45, 62, config)).toEqual({ yawDeg: 62, source: 'body' });
    expect(fuseYaw(45, -62, config)).toEqual({ yawDeg: 45, source: 'mesh' });
    expect(fuseYaw(null, -70, config)).toEqual({ yawDeg: -70, source: 'body' });
    expect(fuseYaw(null, null, config)).toEqual({ yawDeg: null, source: null });
  });
});

describe('challenge-like moments', () => {
  it('finds a head turn with its direction, a hand over the face and a close-up', () => {
    const yaw = keyframes([
      [1, 0],
      [2, 30],
      [2.5, 30],
      [3.5, 0],
      [4, 0],
      [5, -25],
      [6, 0],
    ]);
    const size = keyframes([
      [9, 160],
      [9.5, 260],
      [10.5, 260],
      [11, 160],
    ]);
    const stream = syntheticStream(12, (t) => ({
      yawDeg: yaw(t),
      faceWidthPx: size(t),
      hand: t >= 7 && t <= 8 ? { presence: 0.9, centre: [0, 0.3], size: 0.6 } : null,
    }));
    const moments = findChallengeMoments(stream);
    expect(moments.map((m) => m.kind)).toEqual(['head-turn', 'head-turn', 'hand-over-face', 'close-up']);
    const [right, left, hand, close] = moments;
    expect(right!.peak).toBeGreaterThan(28);
    expect(right!.startSec).toBeGreaterThan(1.4);
    expect(right!.endSec).toBeLessThan(3.2);
    expect(left!.peak).toBeLessThan(-23);
    expect(hand!.startSec).toBeCloseTo(7, 1);
    expect(hand!.endSec).toBeCloseTo(8, 1);
    expect(close!.peak).toBeGreaterThan(1.5);
  });

  it('finds nothing in a still face', () => {
    expect(findChallengeMoments(syntheticStream(8, () => ({})))).toEqual([]);
  });
});
