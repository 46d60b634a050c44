// Verifiers on scripted observation streams (test/support/challenge-streams.ts): a rigid head posed
// by known yaw / pitch / roll, eyelids, mouth, size and hand, with the mesh lost past 50° of yaw.
// Each challenge must pass when performed, and never on a still face.

import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_CHALLENGES,
  bodyYawDeg,
  measureStream,
  verifyBlink,
  verifyCloseUp,
  verifyCoverEye,
  verifyHandSweep,
  verifyHeadTurn,
  verifyLookUpDown,
  verifyMouthOpen,
  verifyPressCheek,
} from '../../../engine/challenges/index.ts';
import { headPose } from '../../../engine/face/head-pose.ts';
import {
  keyframes,
  syntheticObservation,
  syntheticStream,
  type FrameSpec,
} from '../../support/challenge-streams.ts';

const still = syntheticStream(8, () => ({}));

/** 0 → +70 → 0 → −70 → 0 over 10 s (or the mirror image). */
function turnSpec(sign = 1, peak = 70): (t: number) => FrameSpec {
  const yaw = keyframes([
    [0.5, 0],
    [2.5, sign * peak],
    [3, sign * peak],
    [5, 0],
    [7, -sign * peak],
    [7.5, -sign * peak],
    [9.5, 0],
  ]);
  return (t) => ({ yawDeg: yaw(t) });
}

describe('synthetic head', () => {
  it('reads back its pose through head-pose.ts and MoveNet yaw', () => {
    for (const [yaw, pitch, roll] of [
      [30, -10, 15],
      [-45, 20, -25],
      [5, 0, 30],
    ] as const) {
      const o = syntheticObservation(
        0,
        { yawDeg: yaw, pitchDeg: pitch, rollDeg: roll },
        { poseNoiseDeg: 0, pointNoisePx: 0 },
      );
      const pose = headPose(o.face!.landmarks);
      expect(pose.yawDeg).toBeCloseTo(yaw, 1);
      expect(pose.pitchDeg).toBeCloseTo(pitch, 1);
      expect(pose.rollDeg).toBeCloseTo(roll, 1);
    }
    // MoveNet's yaw follows to profile (the mesh is gone there), also under roll.
    for (const yaw of [-80, -60, -20, 0, 20, 60, 80]) {
      for (const roll of [-25, 0, 25]) {
        const o = syntheticObservation(0, { yawDeg: yaw, rollDeg: roll }, { poseNoiseDeg: 0 });
        const estimate = bodyYawDeg(o.body!.points, roll, { bodyYawEarScale: 1.45, minKeypointScore: 0.1 })!;
        expect(Math.abs(estimate - yaw), `yaw ${yaw} roll ${roll}`).toBeLessThan(3);
      }
    }
  });
});

describe('turn-head', () => {
  it('passes a slow turn to ±70° and back, in either order, with MoveNet past the mesh', () => {
    for (const sign of [1, -1]) {
      const result = verifyHeadTurn(syntheticStream(10, turnSpec(sign)));
      expect(result.performed).toBe(true);
      expect(result.progress).toBe(1);
      expect(result.peaks.yawPositiveDeg).toBeGreaterThan(66);
      expect(result.peaks.yawNegativeDeg).toBeLessThan(-66);
      expect(result.evidence.values.order).toBe(sign > 0 ? 'positive-first' : 'negative-first');
      expect(result.evidence.values.framesYawFromBody).toBeGreaterThan(20);
      expect(result.evidence.spans.map((s) => s.label)).toEqual(
        sign > 0 ? ['yaw-positive', 'yaw-negative'] : ['yaw-negative', 'yaw-positive'],
      );
    }
  });

  it('needs MoveNet when the mesh gives up early', () => {
    const options = { meshLostAbsYawDeg: 35 };
    expect(verifyHeadTurn(syntheticStream(10, turnSpec(), options)).performed).toBe(true);
    const meshOnly = verifyHeadTurn(syntheticStream(10, turnSpec(), { ...options, body: false }));
    expect(meshOnly.performed).toBe(false);
    expect(meshOnly.peaks.yawPositiveDeg).toBeLessThan(37);
  });

  it('fails one side only, no return, too small a turn, a one-frame glitch, in-plane rotation', () => {
    const oneSide = keyframes([
      [0.5, 0],
      [2.5, 70],
      [4.5, 0],
    ]);
    const r1 = verifyHeadTurn(syntheticStream(8, (t) => ({ yawDeg: oneSide(t) })));
    expect(r1.performed).toBe(false);
    expect(r1.progress).toBeGreaterThan(0.4);
    expect(r1.progress).toBeLessThan(0.7);

    const noReturn = keyframes([
      [0.5, 0],
      [2.5, 70],
      [3.5, 0],
      [5.5, -70],
    ]);
    expect(verifyHeadTurn(syntheticStream(8, (t) => ({ yawDeg: noReturn(t) }))).performed).toBe(false);

    const small = verifyHeadTurn(syntheticStream(10, turnSpec(1, 25)));
    expect(small.performed).toBe(false);
    expect(small.peaks.yawPositiveDeg).toBeLessThan(28);

    const glitch = verifyHeadTurn(
      syntheticStream(6, (t) => ({ yawDeg: Math.abs(t - 2) < 0.01 ? 60 : Math.abs(t - 4) < 0.01 ? -60 : 0 })),
    );
    expect(glitch.performed).toBe(false);

    const roll = keyframes([
      [0.5, 0],
      [2.5, 30],
      [4.5, -30],
      [6, 0],
    ]);
    const rolled = verifyHeadTurn(syntheticStream(6, (t) => ({ rollDeg: roll(t) })));
    expect(rolled.performed).toBe(false);
    expect(Math.max(rolled.peaks.yawPositiveDeg!, -rolled.peaks.yawNegativeDeg!)).toBeLessThan(5);
  });
});

describe('look-up-down', () => {
  it('passes up and down from a tilted neutral, fails one way or still', () => {
    const pitch = keyframes([
      [0.6, -10],
      [2, 12],
      [3, -10],
      [4.5, -32],
      [6, -10],
    ]);
    const r = verifyLookUpDown(syntheticStream(7, (t) => ({ pitchDeg: pitch(t) })));
    expect(r.performed).toBe(true);
    expect(r.peaks.pitchUpDeg).toBeGreaterThan(20);
    expect(r.peaks.pitchDownDeg).toBeLessThan(-20);
    expect(r.evidence.values.neutralPitchDeg).toBeCloseTo(-10, 0);
    const upOnly = keyframes([
      [0.6, 0],
      [2, 25],
      [3, 0],
    ]);
    expect(verifyLookUpDown(syntheticStream(5, (t) => ({ pitchDeg: upOnly(t) }))).performed).toBe(false);
    expect(verifyLookUpDown(still).performed).toBe(false);
  });
});

describe('blink-twice', () => {
  const blinkAt =
    (times: number[], closedSec = 0.13) =>
    (t: number) => ({
      eyeAspect: times.some((b) => t >= b && t < b + closedSec) ? 0.05 : 0.3,
    });
  it('counts two short closures, not one, not a long one, not when turned away', () => {
    const two = verifyBlink(syntheticStream(4, blinkAt([1, 2.5])));
    expect(two.performed).toBe(true);
    expect(two.peaks.blinks).toBe(2);
    expect(two.evidence.spans).toHaveLength(2);
    const one = verifyBlink(syntheticStream(4, blinkAt([1])));
    expect(one.performed).toBe(false);
    expect(one.progress).toBe(0.5);
    expect(verifyBlink(syntheticStream(4, blinkAt([1], 1.5))).peaks.blinks).toBe(0);
    const turned = verifyBlink(syntheticStream(4, (t) => ({ ...blinkAt([1, 2.5])(t), yawDeg: 45 })));
    expect(turned.performed).toBe(false);
  });
});

describe('open-mouth', () => {
  it('passes a wide opening that closes again, not talking', () => {
    const mouth = keyframes([
      [0.5, 0],
      [1, 0.7],
      [1.6, 0.7],
      [2, 0],
    ]);
    const r = verifyMouthOpen(syntheticStream(3, (t) => ({ mouthOpen: mouth(t) })));
    expect(r.performed).toBe(true);
    expect(r.peaks.mouthOpenRatio).toBeGreaterThan(0.65);
    const talking = verifyMouthOpen(
      syntheticStream(4, (t) => ({ mouthOpen: 0.2 + 0.2 * Math.sin(2 * Math.PI * 3 * t) })),
    );
    expect(talking.performed).toBe(false);
  });
});

describe('close-up', () => {
  const size = keyframes([
    [0.5, 160],
    [2, 280],
    [2.5, 280],
    [4, 160],
  ]);
  it('passes coming close and going back, also when the mesh loses the face up close', () => {
    const r = verifyCloseUp(syntheticStream(5, (t) => ({ faceWidthPx: size(t) })));
    expect(r.performed).toBe(true);
    expect(r.peaks.sizeRatio).toBeGreaterThan(1.65);
    const lost = verifyCloseUp(
      syntheticStream(5, (t) => ({ faceWidthPx: size(t), meshLost: size(t) > 240 })),
    );
    expect(lost.performed).toBe(true);
    expect(lost.evidence.values.framesSizeFromBody).toBeGreaterThan(5);
    expect(lost.peaks.sizeRatio).toBeGreaterThan(1.6);
  });

  it('fails too little, no return, still', () => {
    const little = keyframes([
      [0.5, 160],
      [2, 200],
      [3.5, 160],
    ]);
    expect(verifyCloseUp(syntheticStream(4, (t) => ({ faceWidthPx: little(t) }))).performed).toBe(false);
    const stay = keyframes([
      [0.5, 160],
      [2, 280],
    ]);
    const r = verifyCloseUp(syntheticStream(4, (t) => ({ faceWidthPx: stay(t) })));
    expect(r.performed).toBe(false);
    expect(r.progress).toBeGreaterThan(0.65);
    expect(verifyCloseUp(still).performed).toBe(false);
  });
});

describe('hand challenges', () => {
  const hand = (from: number, to: number, spec: (u: number) => FrameSpec['hand']) => (t: number) => ({
    hand: t >= from && t <= to ? spec((t - from) / (to - from)) : null,
  });

  it('hand-sweep: a pass across the face with the face seen before and after', () => {
    const sweep = hand(2, 3, (u) => ({ presence: 0.9, centre: [-0.8 + 1.6 * u, 0.1], size: 0.6 }));
    const r = verifyHandSweep(syntheticStream(5, (t) => ({ ...sweep(t), meshLost: t > 2.3 && t < 2.7 })));
    expect(r.performed).toBe(true);
    expect(r.peaks.travelFaceWidths).toBeGreaterThan(1.4);
    expect(r.evidence.values.framesFaceLostDuringPass).toBeGreaterThan(5);
    const resting = hand(2, 3, () => ({ presence: 0.9, centre: [0, 0.5], size: 0.6 }));
    expect(verifyHandSweep(syntheticStream(5, resting)).performed).toBe(false);
    const long = hand(1, 7, (u) => ({ presence: 0.9, centre: [-0.8 + 1.6 * u, 0.1], size: 0.6 }));
    expect(verifyHandSweep(syntheticStream(8, long)).performed).toBe(false);
  });

  it('cover-eye: one eye for long enough, not both, not briefly', () => {
    const onRightEye = hand(1, 3, () => ({ presence: 0.95, centre: [-0.17, -0.05], size: 0.45 }));
    const r = verifyCoverEye(syntheticStream(4, onRightEye));
    expect(r.performed).toBe(true);
    expect(r.evidence.spans.map((s) => s.label)).toContain('eye-covered');
    const both = hand(1, 3, () => ({ presence: 0.95, centre: [0, -0.05], size: 0.9 }));
    expect(verifyCoverEye(syntheticStream(4, both)).performed).toBe(false);
    const brief = hand(1, 1.5, () => ({ presence: 0.95, centre: [0.17, -0.05], size: 0.45 }));
    const b = verifyCoverEye(syntheticStream(4, brief));
    expect(b.performed).toBe(false);
    expect(b.progress).toBeGreaterThan(0.5);
  });

  it('press-cheek: the index fingertip on a cheek, not elsewhere', () => {
    const onCheek = hand(1, 3, () => ({
      presence: 0.9,
      centre: [0.4, 0.35],
      size: 0.5,
      indexTip: [0.22, 0.17],
    }));
    expect(verifyPressCheek(syntheticStream(4, onCheek)).performed).toBe(true);
    const onForehead = hand(1, 3, () => ({
      presence: 0.9,
      centre: [0, -0.5],
      size: 0.5,
      indexTip: [0, -0.35],
    }));
    expect(verifyPressCheek(syntheticStream(4, onForehead)).performed).toBe(false);
  });
});

describe('every challenge on a still face', () => {
  it.each(BUILT_IN_CHALLENGES.map((c) => [c.id, c] as const))('%s is not performed', (_, challenge) => {
    const result = challenge.verify(still, challenge.defaultConfig);
    expect(result.performed).toBe(false);
    expect(result.progress).toBeLessThan(0.5);
    expect(result.evidence.frames).toBe(still.length);
  });

  it('measures a still face as still', () => {
    const m = measureStream(still);
    expect(m.every((f) => f.yawSource === 'mesh' && Math.abs(f.yawDeg!) < 3 && !f.handSeen)).toBe(true);
  });
});
