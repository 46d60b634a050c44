import { describe, expect, it } from 'vitest';
import { makeAnchorCentres } from '../../../engine/face/blazeface-anchors.ts';
import { planDetectorPasses } from '../../../engine/face/face-detector.ts';
import { DEFAULT_FACE_CONFIG } from '../../../engine/face/config.ts';
import { applyAffine } from '../../../engine/face/geometry.ts';
import { weightedNonMaxSuppression } from '../../../engine/face/non-max-suppression.ts';

describe('BlazeFace anchors', () => {
  it('has 896 anchors: 16×16×2 then 8×8×6', () => {
    const a = makeAnchorCentres();
    expect(a.length).toBe(896 * 2);
    expect([a[0], a[1], a[2], a[3]]).toEqual([0.5 / 16, 0.5 / 16, 0.5 / 16, 0.5 / 16]);
    expect(a[2 * 512]).toBeCloseTo(0.5 / 8);
    expect(a[2 * 895]).toBeCloseTo(7.5 / 8);
  });
});

describe('detector passes', () => {
  it('uses one letterboxed pass when the frame is small enough', () => {
    const passes = planDetectorPasses(320, 240, DEFAULT_FACE_CONFIG);
    expect(passes).toHaveLength(1);
    // Letterbox keeps the aspect ratio and centres the frame vertically.
    const [x0, y0] = applyAffine(passes[0]!.frameToInput, [0, 0]);
    const [x1, y1] = applyAffine(passes[0]!.frameToInput, [320, 240]);
    expect([x0, x1]).toEqual([0, 256]);
    expect(y0).toBeCloseTo(32);
    expect(y1).toBeCloseTo(224);
  });

  it('adds overlapping tiles so a minimum-size face is large enough for the model somewhere', () => {
    const config = DEFAULT_FACE_CONFIG;
    const passes = planDetectorPasses(1280, 720, config);
    expect(passes.length).toBeGreaterThan(1);
    const tiles = passes.slice(1);
    for (const t of tiles)
      expect(t.frameToInput[0] * config.minFacePx).toBeGreaterThanOrEqual(
        config.detectorMinInputFacePx - 1e-9,
      );
    // Every point of the frame is inside some tile with a full minimum face around it.
    for (const [x, y] of [
      [0, 0],
      [640, 360],
      [1279, 719],
      [700, 100],
    ] as const) {
      const inside = tiles.some((t) => {
        const [u, v] = applyAffine(t.frameToInput, [x, y]);
        return u >= 0 && v >= 0 && u <= 256 && v <= 256;
      });
      expect(inside).toBe(true);
    }
  });
});

describe('weighted NMS', () => {
  it('merges overlapping candidates by score and keeps separate faces apart', () => {
    const out = weightedNonMaxSuppression(
      [
        { box: { x: 0, y: 0, width: 10, height: 10 }, points: [1, 1], score: 0.9 },
        { box: { x: 1, y: 0, width: 10, height: 10 }, points: [3, 1], score: 0.3 },
        { box: { x: 50, y: 50, width: 10, height: 10 }, points: [0, 0], score: 0.8 },
      ],
      0.3,
      10,
    );
    expect(out).toHaveLength(2);
    expect(out[0]!.score).toBe(0.9);
    expect(out[0]!.box.x).toBeCloseTo(0.25);
    expect(out[0]!.points[0]).toBeCloseTo(1.5);
    expect(out[1]!.box.x).toBe(50);
  });
});
