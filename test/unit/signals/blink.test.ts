// The blink signal on scripted eye-aspect-ratio sequences: two blinks are found with the right
// count and timing, a constant or slowly drifting sequence has none, odd shapes are named, and
// the signal scores a face that never blinks higher than one that blinks normally.

import { describe, expect, it } from 'vitest';
import type { TrackedFace } from '../../../engine/face/index.ts';
import { DEFAULT_BLINK_CONFIG, resolveBlinkConfig } from '../../../engine/signals/blink/config.ts';
import { detectBlinks, type EyeSample } from '../../../engine/signals/blink/detect-blinks.ts';
import {
  eyeAspectRatio,
  LEFT_EYE_EAR_POINTS,
  RIGHT_EYE_EAR_POINTS,
} from '../../../engine/signals/blink/eye-aspect-ratio.ts';
import { blinkSignal } from '../../../engine/signals/blink/index.ts';
import type { FrameBundle, SignalObservation } from '../../../engine/signals/index.ts';
import { seededRandom } from '../../support/seeded-random.ts';

const OPEN = 0.3;
const FPS = 30;

/** Closure 0..1 of a blink peaking at `peakSec`: closes in `closeSec`, reopens in `openSec`. */
function blinkShape(t: number, peakSec: number, closeSec = 0.08, openSec = 0.16): number {
  if (t <= peakSec - closeSec || t >= peakSec + openSec) return 0;
  return t < peakSec ? 1 - (peakSec - t) / closeSec : 1 - (t - peakSec) / openSec;
}

function earSequence(
  seconds: number,
  blinks: Array<{ peakSec: number; right?: number; left?: number; closeSec?: number; openSec?: number }>,
  opts: { noise?: number; seed?: number; drift?: (t: number) => number } = {},
): EyeSample[] {
  const rand = seededRandom(opts.seed ?? 1);
  const out: EyeSample[] = [];
  for (let i = 0; i < seconds * FPS; i++) {
    const t = i / FPS;
    const level = OPEN * (opts.drift?.(t) ?? 1);
    let right = 0;
    let left = 0;
    for (const b of blinks) {
      const c = blinkShape(t, b.peakSec, b.closeSec, b.openSec);
      right = Math.max(right, c * (b.right ?? 0.7));
      left = Math.max(left, c * (b.left ?? 0.7));
    }
    const noise = () => (opts.noise ?? 0.003) * (rand() - 0.5) * 2;
    out.push({ timeSec: t, right: level * (1 - right) + noise(), left: level * (1 - left) + noise() });
  }
  return out;
}

describe('blink detection on scripted EAR sequences', () => {
  it('finds two blinks with the right timing, duration and shape', () => {
    const events = detectBlinks(earSequence(10, [{ peakSec: 3 }, { peakSec: 6.5 }]), DEFAULT_BLINK_CONFIG);
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.kind)).toEqual(['blink', 'blink']);
    expect(Math.abs(events[0]!.peakSec - 3)).toBeLessThanOrEqual(1 / FPS);
    expect(Math.abs(events[1]!.peakSec - 6.5)).toBeLessThanOrEqual(1 / FPS);
    for (const e of events) {
      // Half-depth width of the scripted shape: (0.08 + 0.16) / 2 = 0.12 s.
      expect(e.durationSec).toBeGreaterThan(0.09);
      expect(e.durationSec).toBeLessThan(0.16);
      expect(e.closingSec).toBeLessThan(e.openingSec);
      expect(e.depth).toBeGreaterThan(0.55);
      expect(e.asymmetry).toBeLessThan(0.1);
    }
  });

  it('finds nothing in a constant sequence, in noise, or in a slow drift of the open-eye level', () => {
    const constant = Array.from({ length: 300 }, (_, i) => ({ timeSec: i / FPS, right: OPEN, left: OPEN }));
    expect(detectBlinks(constant, DEFAULT_BLINK_CONFIG)).toEqual([]);
    expect(detectBlinks(earSequence(10, [], { noise: 0.01, seed: 5 }), DEFAULT_BLINK_CONFIG)).toEqual([]);
    const pitch = (t: number) => 1 + 0.15 * Math.sin((2 * Math.PI * t) / 3);
    expect(detectBlinks(earSequence(10, [], { drift: pitch }), DEFAULT_BLINK_CONFIG)).toEqual([]);
    expect(
      detectBlinks(earSequence(10, [{ peakSec: 5 }], { drift: pitch }), DEFAULT_BLINK_CONFIG),
    ).toHaveLength(1);
  });

  it('names implausible events: one eye only, a one-frame flicker, a long closure', () => {
    const kinds = (blinks: Parameters<typeof earSequence>[1]) =>
      detectBlinks(earSequence(6, blinks), DEFAULT_BLINK_CONFIG).map((e) => e.kind);
    expect(kinds([{ peakSec: 3, right: 0.7, left: 0.05 }])).toEqual(['one-eyed']);
    expect(kinds([{ peakSec: 3, closeSec: 0.034, openSec: 0.034 }])).toEqual(['too-fast']);
    expect(kinds([{ peakSec: 3, closeSec: 0.6, openSec: 0.9 }])).toEqual(['long-closure']);
  });

  it('an event still under way at the end of the samples is not reported yet', () => {
    const samples = earSequence(4, [{ peakSec: 3.95 }]);
    expect(detectBlinks(samples, DEFAULT_BLINK_CONFIG)).toEqual([]);
  });

  it('config: unknown keys and inconsistent thresholds are refused', () => {
    expect(() => resolveBlinkConfig({ minDepht: 0.3 } as never)).toThrow(/unknown blink config key/);
    expect(() => resolveBlinkConfig({ edgeDepth: 0.15 })).toThrow(/edgeDepth/);
  });
});

/** A mesh whose eyes have the given aspect ratios (the rest of the points do not matter here). */
function meshWithEyes(right: number, left: number): Float32Array {
  const lm = new Float32Array(468 * 3);
  const place = (points: readonly number[], x0: number, ear: number) => {
    const h = (ear * 60) / 4; // EAR = (2h + 2h) / (2 · 30)
    const xy: Array<[number, number]> = [
      [x0, 100],
      [x0 + 10, 100 - h],
      [x0 + 20, 100 - h],
      [x0 + 30, 100],
      [x0 + 20, 100 + h],
      [x0 + 10, 100 + h],
    ];
    points.forEach((p, k) => lm.set([xy[k]![0], xy[k]![1], 0], 3 * p));
  };
  place(RIGHT_EYE_EAR_POINTS, 100, right);
  place(LEFT_EYE_EAR_POINTS, 160, left);
  return lm;
}

async function runBlinkSignal(
  samples: EyeSample[],
): Promise<{ timeline: SignalObservation[]; final: SignalObservation }> {
  const instance = await blinkSignal.create({} as never, { ...DEFAULT_BLINK_CONFIG });
  const timeline: SignalObservation[] = [];
  for (const [i, s] of samples.entries()) {
    const face = {
      trackId: 7,
      landmarks: meshWithEyes(s.right, s.left),
      pose: { yawDeg: 0, pitchDeg: 0, rollDeg: 0 },
      quality: { faceSizePx: 200, sharpness: 100, brightness: 0.5, clippedFraction: 0 },
    } as unknown as TrackedFace;
    const frame: FrameBundle = {
      frameIndex: i,
      timeSec: s.timeSec,
      width: 640,
      height: 480,
      data: new Uint8Array(0),
      faces: [face],
    };
    timeline.push(...(await instance.update(frame)));
  }
  const [final] = await instance.flush();
  await instance.dispose();
  return { timeline, final: final! };
}

describe('blink signal', () => {
  it('the mesh EAR matches the construction', () => {
    const lm = meshWithEyes(0.3, 0.1);
    expect(eyeAspectRatio(lm, RIGHT_EYE_EAR_POINTS)).toBeCloseTo(0.3, 6);
    expect(eyeAspectRatio(lm, LEFT_EYE_EAR_POINTS)).toBeCloseTo(0.1, 6);
  });

  it('a face blinking every 4 s blinks normally: neutral score, never below it', async () => {
    const peaks = Array.from({ length: 7 }, (_, k) => ({ peakSec: 2 + 4 * k }));
    const { timeline, final } = await runBlinkSignal(earSequence(30, peaks));
    expect(final.status).toBe('ok');
    expect(final.features!.blinks).toBe(7);
    expect(final.features!.ratePerMin).toBeCloseTo(14, 0);
    expect(final.reasonKey).toBe('reason.blink-normal');
    expect(final.score).toBe(DEFAULT_BLINK_CONFIG.neutralScore);
    // Once a blink was seen (at 2 s) the timeline judges.
    expect(timeline.filter((o) => o.status === 'ok').length).toBeGreaterThan(20);
  });

  it('a face that never blinks in 30 s scores high; before 20 s without a blink it is not judged', async () => {
    const { timeline, final } = await runBlinkSignal(earSequence(30, [], { noise: 0.004 }));
    for (const o of timeline.filter((x) => x.endSec < 19.9)) expect(o.status).toBe('insufficient-data');
    expect(timeline[timeline.length - 1]!.status).toBe('ok');
    expect(final.reasonKey).toBe('reason.blink-none');
    expect(final.score!).toBeGreaterThan(0.45);
    expect(final.features!.longestBlinkFreeSec).toBeGreaterThan(29);
    const at45 = await runBlinkSignal(earSequence(46, [], { noise: 0.004 }));
    expect(at45.final.score).toBeCloseTo(DEFAULT_BLINK_CONFIG.maxScore, 5);
  });

  it('a face whose eyes close one at a time scores as odd', async () => {
    const peaks = Array.from({ length: 6 }, (_, k) => ({
      peakSec: 2 + 4 * k,
      right: k % 2 ? 0.7 : 0.02,
      left: k % 2 ? 0.02 : 0.7,
    }));
    const { final } = await runBlinkSignal(earSequence(26, peaks));
    expect(final.features!.implausible).toBe(6);
    expect(final.reasonKey).toBe('reason.blink-odd');
    expect(final.score).toBeCloseTo(DEFAULT_BLINK_CONFIG.maxScore, 5);
  });
});
