// The neck-colour signal's pure parts: chromaticity, the neck patch below the chin, the
// face-minus-neck difference on a synthetic frame, the median step, the score's shape, config.

import { describe, expect, it } from 'vitest';
import { LANDMARK, MESH_POINTS } from '../../../engine/face/landmark-indices.ts';
import {
  DEFAULT_NECK_COLOUR_CONFIG,
  resolveNeckColourConfig,
} from '../../../engine/signals/neck-colour/config.ts';
import {
  chromaOf,
  faceNeckDifference,
  medianStep,
  neckPatch,
} from '../../../engine/signals/neck-colour/face-neck.ts';
import { scoreNeckColour } from '../../../engine/signals/neck-colour/score.ts';
import { SKIN_REGIONS } from '../../../engine/signals/pulse/skin-regions.ts';

const W = 320;
const H = 320;

/** A mesh whose forehead top is at y=40 and chin at y=200 (face height 160), skin regions spread over the face. */
function mesh(): Float32Array {
  const lm = new Float32Array(MESH_POINTS * 3);
  for (let i = 0; i < MESH_POINTS; i++) {
    lm[3 * i] = 160 + 50 * Math.cos(i);
    lm[3 * i + 1] = 120 + 50 * Math.sin(i);
  }
  const set = (i: number, x: number, y: number) => {
    lm[3 * i] = x;
    lm[3 * i + 1] = y;
  };
  // Each skin region a small ring of points inside the face.
  const centres: Record<string, [number, number]> = {
    forehead: [160, 70],
    rightCheek: [125, 140],
    leftCheek: [195, 140],
  };
  for (const [id, points] of Object.entries(SKIN_REGIONS))
    points.forEach((p, k) =>
      set(
        p,
        centres[id]![0] + 12 * Math.cos((2 * Math.PI * k) / points.length),
        centres[id]![1] + 12 * Math.sin((2 * Math.PI * k) / points.length),
      ),
    );
  // Last: point 10 (forehead top) is also one of the forehead region's points.
  set(LANDMARK.foreheadTop, 160, 40);
  set(LANDMARK.chin, 160, 200);
  return lm;
}

/** Face area (y < 200) in one colour, the neck below in another. */
function frame(face: [number, number, number], neck: [number, number, number]): Uint8Array {
  const data = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data.set(y < 200 ? face : neck, 3 * (y * W + x));
  return data;
}

describe('neck colour', () => {
  const lm = mesh();

  it('chromaticity ignores brightness', () => {
    const a = chromaOf({ r: 200, g: 150, b: 100 });
    const b = chromaOf({ r: 100, g: 75, b: 50 });
    expect(a.r).toBeCloseTo(b.r, 12);
    expect(a.g).toBeCloseTo(b.g, 12);
    expect(a.luma).toBeGreaterThan(b.luma);
  });

  it('puts the neck patch below the chin, scaled by the face height, and refuses one off the frame', () => {
    const patch = neckPatch(lm, W, H, DEFAULT_NECK_COLOUR_CONFIG)!;
    expect(patch[0]).toEqual([160 - 0.175 * 160, 200 + 0.08 * 160]);
    expect(patch[2]).toEqual([160 + 0.175 * 160, 200 + 0.3 * 160]);
    expect(neckPatch(lm, W, 230, DEFAULT_NECK_COLOUR_CONFIG)).toBeNull();
  });

  it('measures face minus neck chromaticity; the same light on both gives the same difference', () => {
    const warm = faceNeckDifference(
      frame([200, 150, 120], [180, 140, 120]),
      W,
      H,
      lm,
      DEFAULT_NECK_COLOUR_CONFIG,
    )!;
    const dimmer = faceNeckDifference(
      frame([100, 75, 60], [90, 70, 60]),
      W,
      H,
      lm,
      DEFAULT_NECK_COLOUR_CONFIG,
    )!;
    expect(warm.dr).toBeGreaterThan(0);
    expect(dimmer.dr).toBeCloseTo(warm.dr, 2);
    expect(dimmer.dg).toBeCloseTo(warm.dg, 2);
    // The face re-tinted on its own (a swapper's colour match) moves the difference.
    const retinted = faceNeckDifference(
      frame([190, 160, 120], [180, 140, 120]),
      W,
      H,
      lm,
      DEFAULT_NECK_COLOUR_CONFIG,
    )!;
    expect(Math.hypot(retinted.dr - warm.dr, retinted.dg - warm.dg) * 1000).toBeGreaterThan(
      DEFAULT_NECK_COLOUR_CONFIG.driftHigh,
    );
  });

  it('median step in thousandths; score neutral when steady, rising with the step', () => {
    expect(medianStep([0.001, 0.003, 0.002])).toBeCloseTo(2, 9);
    expect(medianStep([0.001, 0.003])).toBeCloseTo(2, 9);
    expect(medianStep([])).toBeNaN();
    const c = DEFAULT_NECK_COLOUR_CONFIG;
    expect(scoreNeckColour(c.driftNormal / 2, c)).toMatchObject({
      score: c.neutralScore,
      reasonKey: 'reason.neck-colour-normal',
    });
    const high = scoreNeckColour(c.driftHigh * 2, c);
    expect(high.score).toBeCloseTo(c.maxScore, 9);
    expect(high.reasonKey).toBe('reason.neck-colour-drift');
  });

  it('rejects bad config', () => {
    expect(() => resolveNeckColourConfig({ neckTop: 0.4, neckBottom: 0.3 })).toThrow();
    expect(() => resolveNeckColourConfig({ minChanges: 1 })).toThrow();
    expect(resolveNeckColourConfig({ windowSec: 5 }).windowSec).toBe(5);
  });
});
