// The jitter signal on synthetic meshes: rigid head motion alone gives no jitter, noise added to
// the landmarks reads back at its size, a steady still head scores neutral, a jittering one high,
// and a moving head is not judged.

import { describe, expect, it } from 'vitest';
import type { TrackedFace } from '../../../engine/face/index.ts';
import { LANDMARK } from '../../../engine/face/landmark-indices.ts';
import { fitSimilarity, pickPoints } from '../../../engine/signals/common/mesh-motion.ts';
import type { FrameBundle, SignalObservation } from '../../../engine/signals/index.ts';
import { DEFAULT_JITTER_CONFIG, resolveJitterConfig } from '../../../engine/signals/jitter/config.ts';
import { jitterSignal } from '../../../engine/signals/jitter/index.ts';
import { frameJitter, STABLE_LANDMARKS } from '../../../engine/signals/jitter/landmark-jitter.ts';
import { seededRandom } from '../../support/seeded-random.ts';

const FACE_HEIGHT = 150;

/** A face-like cloud of 468 points (forehead top 10 and chin 152 one face height apart). */
function baseMesh(seed: number): Float32Array {
  const rand = seededRandom(seed);
  const lm = new Float32Array(468 * 3);
  for (let i = 0; i < 468; i++) lm.set([300 + (rand() - 0.5) * 120, 240 + (rand() - 0.5) * 140, 0], 3 * i);
  lm.set([300, 240 - FACE_HEIGHT / 2, 0], 3 * LANDMARK.foreheadTop);
  lm.set([300, 240 + FACE_HEIGHT / 2, 0], 3 * LANDMARK.chin);
  return lm;
}

/** `base` moved by a similarity (scale s, rotation deg, shift) plus Gaussian noise of `noisePx`. */
function moved(
  base: Float32Array,
  s: number,
  deg: number,
  dx: number,
  dy: number,
  noisePx: number,
  rand: () => number,
) {
  const c = Math.cos((deg * Math.PI) / 180) * s;
  const d = Math.sin((deg * Math.PI) / 180) * s;
  const gauss = () => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
  const out = new Float32Array(base.length);
  for (let i = 0; i < 468; i++) {
    const x = base[3 * i]! - 300;
    const y = base[3 * i + 1]! - 240;
    out[3 * i] = 300 + c * x - d * y + dx + noisePx * gauss();
    out[3 * i + 1] = 240 + d * x + c * y + dy + noisePx * gauss();
  }
  return out;
}

describe('landmark jitter core', () => {
  it('the similarity fit recovers a known transform', () => {
    const base = baseMesh(1);
    const m = fitSimilarity(
      pickPoints(base, STABLE_LANDMARKS),
      pickPoints(moved(base, 1.1, 5, 7, -3, 0, Math.random), STABLE_LANDMARKS),
    );
    expect(Math.hypot(m.c, m.d)).toBeCloseTo(1.1, 6);
    expect((Math.atan2(m.d, m.c) * 180) / Math.PI).toBeCloseTo(5, 5);
  });

  it('rigid motion (shift, turn, zoom) alone is no jitter; noise reads back at its size', () => {
    const base = baseMesh(2);
    const rand = seededRandom(3);
    const pts = (lm: Float32Array) => pickPoints(lm, STABLE_LANDMARKS);
    const a = pts(moved(base, 1.0, 0, 0, 0, 0, rand));
    const b = pts(moved(base, 1.02, 1, 3, 1, 0, rand));
    const c = pts(moved(base, 1.05, 3, 9, 2, 0, rand));
    expect(frameJitter(a, b, c, FACE_HEIGHT)).toBeLessThan(1e-3 * 0.2);
    // Noise of σ px per coordinate on every frame: the second difference has RMS ≈ σ·√(2·1.5).
    const values: number[] = [];
    for (let k = 0; k < 200; k++) {
      const f = () => pts(moved(base, 1, 0, 0, 0, 0.3, rand));
      values.push(frameJitter(f(), f(), f(), FACE_HEIGHT) * FACE_HEIGHT);
    }
    const rms = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
    expect(rms).toBeGreaterThan(0.3 * Math.sqrt(3) * 0.85);
    expect(rms).toBeLessThan(0.3 * Math.sqrt(3) * 1.05);
  });

  it('config: unknown keys and bad thresholds are refused', () => {
    expect(() => resolveJitterConfig({ jiter: 1 } as never)).toThrow(/unknown jitter config key/);
    expect(() => resolveJitterConfig({ jitterHigh: 0.001 })).toThrow(/jitterNormal/);
  });
});

async function runJitter(
  frames: (i: number) => { lm: Float32Array },
  seconds: number,
): Promise<{ timeline: SignalObservation[]; final: SignalObservation }> {
  const instance = await jitterSignal.create({} as never, { ...DEFAULT_JITTER_CONFIG });
  const timeline: SignalObservation[] = [];
  for (let i = 0; i < seconds * 30; i++) {
    const face = {
      trackId: 3,
      landmarks: frames(i).lm,
      pose: { yawDeg: 0, pitchDeg: 0, rollDeg: 0 },
      quality: { faceSizePx: 170, sharpness: 100, brightness: 0.5, clippedFraction: 0 },
    } as unknown as TrackedFace;
    const frame: FrameBundle = {
      frameIndex: i,
      timeSec: i / 30,
      width: 640,
      height: 480,
      data: new Uint8Array(0),
      faces: [face],
    };
    timeline.push(...(await instance.update(frame)));
  }
  const [final] = await instance.flush();
  return { timeline, final: final! };
}

describe('jitter signal', () => {
  const base = baseMesh(4);

  it('a still head with mesh-like noise (0.1 px) is steady: neutral score', async () => {
    const rand = seededRandom(5);
    const { timeline, final } = await runJitter(() => ({ lm: moved(base, 1, 0, 0, 0, 0.1, rand) }), 8);
    expect(timeline[0]!.status).toBe('insufficient-data');
    expect(final.status).toBe('ok');
    expect(final.reasonKey).toBe('reason.jitter-normal');
    expect(final.score).toBe(DEFAULT_JITTER_CONFIG.neutralScore);
    expect(final.features!.medianJitter).toBeLessThan(DEFAULT_JITTER_CONFIG.jitterNormal);
  });

  it('a still head whose landmarks jitter by 1 px scores high', async () => {
    const rand = seededRandom(6);
    const { final } = await runJitter(() => ({ lm: moved(base, 1, 0, 0, 0, 1, rand) }), 8);
    expect(final.reasonKey).toBe('reason.jitter-high');
    expect(final.score!).toBeGreaterThan(0.6);
  });

  it('a head moving across the frame is not judged', async () => {
    const rand = seededRandom(7);
    const { final } = await runJitter((i) => ({ lm: moved(base, 1, 0, i * 2, 0, 0.1, rand) }), 8);
    expect(final.status).toBe('insufficient-data');
    expect(final.reasonKey).toBe('reason.jitter-not-still');
  });
});
