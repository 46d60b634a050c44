// The real pipeline (face tracker, MoveNet, hand model) on clips of a real photo moved by known
// transforms (engine/eval/synthetic): a still photo performs no challenge and shows no
// challenge-like moment, in-plane rotation does not read as a head turn, mirroring flips the
// yaw's sign, and a zoom reads as coming close.

import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_CHALLENGES,
  findChallengeMoments,
  measureStream,
  verifyCloseUp,
  verifyHeadTurn,
} from '../../../engine/challenges/index.ts';
import { median } from '../../../engine/core/stats.ts';
import { makeMotionClip } from '../../../engine/eval/synthetic/motion-clips.ts';
import { useModelStore } from '../../support/model-store.ts';
import { observeClip } from './observe-clip.ts';

describe('challenges on synthetic clips of a real photo', () => {
  const store = useModelStore();

  it('a still photo performs no challenge and has no challenge-like moment', async () => {
    const clip = await makeMotionClip({ motion: 'static', seconds: 3 });
    const observations = await observeClip(clip.path, store());
    expect(observations.filter((o) => o.face).length).toBe(observations.length);
    for (const challenge of BUILT_IN_CHALLENGES) {
      const result = challenge.verify(observations, challenge.defaultConfig);
      expect(result.performed, challenge.id).toBe(false);
    }
    expect(findChallengeMoments(observations)).toEqual([]);
    const measures = measureStream(observations);
    const hand = Math.max(...measures.map((m) => m.handPresence ?? 0));
    const yaws = measures.map((m) => m.yawDeg!);
    console.info(
      `still photo: yaw ${Math.min(...yaws).toFixed(1)}…${Math.max(...yaws).toFixed(1)}°, max hand presence ${hand.toFixed(3)}`,
    );
    expect(hand).toBeLessThan(0.2);
  });

  it('in-plane rotation (−30° → +30°) does not fake a head turn', async () => {
    const clip = await makeMotionClip({ motion: 'rotate', seconds: 3 });
    const observations = await observeClip(clip.path, store(), { hand: false });
    const measures = measureStream(observations);
    const rolls = measures.map((m) => m.rollDeg!).filter(Number.isFinite);
    expect(Math.max(...rolls) - Math.min(...rolls)).toBeGreaterThan(45);
    const result = verifyHeadTurn(observations);
    console.info(
      `rotate clip: roll ${Math.min(...rolls).toFixed(1)}…${Math.max(...rolls).toFixed(1)}°, yaw peaks ${result.peaks.yawNegativeDeg!.toFixed(1)} / ${result.peaks.yawPositiveDeg!.toFixed(1)}°`,
    );
    expect(result.performed).toBe(false);
    expect(result.peaks.yawPositiveDeg).toBeLessThan(12);
    expect(result.peaks.yawNegativeDeg).toBeGreaterThan(-12);
    expect(findChallengeMoments(observations).filter((m) => m.kind === 'head-turn')).toEqual([]);
  });

  it.each(['facedetect-man', 'facedetect-woman-dark'] as const)(
    'mirroring %s flips the sign of its yaw (mesh and MoveNet)',
    async (photo) => {
      const yaw = async (mirror: boolean) => {
        const clip = await makeMotionClip({ motion: 'static', photo, seconds: 1, mirror });
        const measures = measureStream(await observeClip(clip.path, store(), { hand: false }));
        return {
          fused: median(measures.map((m) => m.yawDeg!)),
          body: median(measures.map((m) => m.bodyYawDeg!)),
        };
      };
      const plain = await yaw(false);
      const mirrored = await yaw(true);
      console.info(
        `${photo}: yaw ${plain.fused.toFixed(1)}° (MoveNet ${plain.body.toFixed(1)}°), mirrored ${mirrored.fused.toFixed(1)}° (${mirrored.body.toFixed(1)}°)`,
      );
      expect(Math.abs(plain.fused)).toBeGreaterThan(7);
      expect(Math.sign(mirrored.fused)).toBe(-Math.sign(plain.fused));
      expect(Math.abs(plain.fused + mirrored.fused)).toBeLessThan(4);
      expect(Math.sign(mirrored.body)).toBe(-Math.sign(plain.body));
    },
  );

  it('a zoom (0.7× → 1.4×) reads as coming close, without going back', async () => {
    const clip = await makeMotionClip({ motion: 'zoom', seconds: 2 });
    const observations = await observeClip(clip.path, store(), { hand: false, body: false });
    const result = verifyCloseUp(observations);
    console.info(
      `zoom clip: size ratio ${result.peaks.sizeRatio!.toFixed(2)}, progress ${result.progress.toFixed(2)}`,
    );
    expect(result.peaks.sizeRatio).toBeGreaterThan(1.6);
    expect(result.peaks.sizeRatio).toBeLessThan(2.2);
    expect(result.performed).toBe(false);
    expect(result.progress).toBeGreaterThan(0.69);
  });
});
