import { describe, expect, it } from 'vitest';
import { alignmentTransform, contextTransform, fillPolygon } from '../../../engine/face/alignment.ts';
import { DEFAULT_FACE_CONFIG } from '../../../engine/face/config.ts';
import { applyAffine, invertAffine } from '../../../engine/face/geometry.ts';
import {
  LANDMARK,
  LEFT_EYE_CONTOUR,
  MESH_POINTS,
  RIGHT_EYE_CONTOUR,
} from '../../../engine/face/landmark-indices.ts';

function syntheticFace(angleDeg: number, scale: number): Float32Array {
  const lm = new Float32Array(MESH_POINTS * 3);
  const a = (angleDeg * Math.PI) / 180;
  const put = (i: number, x: number, y: number) =>
    lm.set(
      [
        300 + scale * (x * Math.cos(a) - y * Math.sin(a)),
        200 + scale * (x * Math.sin(a) + y * Math.cos(a)),
        0,
      ],
      3 * i,
    );
  for (const i of RIGHT_EYE_CONTOUR) put(i, -1, 0);
  for (const i of LEFT_EYE_CONTOUR) put(i, 1, 0);
  put(LANDMARK.noseTip, 0, 0.7);
  put(LANDMARK.mouthRight, -0.7, 1.45);
  put(LANDMARK.mouthLeft, 0.7, 1.45);
  return lm;
}

describe('face alignment', () => {
  it.each([0, 20, -35])('levels the eyes of a face rolled by %d° and fixes its scale', (angle) => {
    const size = DEFAULT_FACE_CONFIG.alignedCropPx;
    for (const scale of [20, 60]) {
      const lm = syntheticFace(angle, scale);
      const m = alignmentTransform(lm, DEFAULT_FACE_CONFIG);
      const r = applyAffine(m, [lm[3 * 33]!, lm[3 * 33 + 1]!]);
      const l = applyAffine(m, [lm[3 * 263]!, lm[3 * 263 + 1]!]);
      expect(r[1]).toBeCloseTo(l[1], 6);
      // Eye distance in the crop does not depend on the face's size in the frame.
      expect((l[0] - r[0]) / size).toBeCloseTo(DEFAULT_FACE_CONFIG.alignedEyeDistance, 1);
    }
  });

  it('the context crop shows the aligned crop zoomed out about its centre', () => {
    const size = DEFAULT_FACE_CONFIG.alignedCropPx;
    const m = alignmentTransform(syntheticFace(25, 40), DEFAULT_FACE_CONFIG);
    const c = contextTransform(m, size, 2);
    // A frame point at the aligned crop's centre stays there; one at its corner moves halfway in.
    for (const [x, y] of [
      [size / 2, size / 2],
      [0, 0],
      [size, size / 2],
    ] as const) {
      const frame = applyAffine(invertAffine(m), [x, y]);
      const [cx, cy] = applyAffine(c, frame);
      expect(cx).toBeCloseTo(size / 2 + (x - size / 2) / 2, 6);
      expect(cy).toBeCloseTo(size / 2 + (y - size / 2) / 2, 6);
    }
  });

  it('fills a polygon mask', () => {
    const mask = fillPolygon(
      [
        [2, 2],
        [8, 2],
        [8, 8],
        [2, 8],
      ],
      10,
      10,
    );
    const inside = mask.reduce((n, v) => n + (v ? 1 : 0), 0);
    expect(inside).toBe(36);
    expect(mask[5 * 10 + 5]).toBe(255);
    expect(mask[0]).toBe(0);
  });
});
