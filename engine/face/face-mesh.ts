// FaceMesh: 468 landmarks with relative depth, from a rotated square region of interest around
// a face. The ROI comes from a detection (first frame) or from the previous frame's landmarks
// (tracking), and is rotated so the eyes are level, as MediaPipe's landmark model expects.

import type { OnnxModel } from '../runtime/index.ts';
import { applyAffine, frameToCropAffine, invertAffine, type Point } from './geometry.ts';
import { warpToTensor, type RgbImage } from './image-warp.ts';
import { LANDMARK, MESH_POINTS } from './landmark-indices.ts';

export const FACEMESH_INPUT_PX = 192;
/** FaceMesh takes RGB scaled to [0, 1]. */
const INPUT_NORMALIZATION = { scale: 1 / 255, offset: 0 };

/** A square region of the frame, rotated by `angleRad` (clockwise in image coordinates). */
export interface FaceRoi {
  center: Point;
  sizePx: number;
  angleRad: number;
}

export interface MeshResult {
  /** 468 × (x, y, z) in frame pixels; z is depth relative to the face centre, larger = farther. */
  landmarks: Float32Array;
  /** The model's face-presence probability for this ROI. */
  presence: number;
}

export class FaceMesh {
  private readonly input = new Float32Array(FACEMESH_INPUT_PX * FACEMESH_INPUT_PX * 3);

  constructor(private readonly model: OnnxModel) {}

  async run(frame: RgbImage, roi: FaceRoi): Promise<MeshResult> {
    const size = FACEMESH_INPUT_PX;
    const frameToCrop = frameToCropAffine(roi.center, roi.sizePx, roi.angleRad, size);
    warpToTensor(frame, frameToCrop, size, size, INPUT_NORMALIZATION, this.input);
    const outputs = await this.model.run(this.input, [1, size, size, 3]);
    const values = Object.values(outputs);
    const mesh = values.find((o) => o.data.length === MESH_POINTS * 3);
    const flag = values.find((o) => o.data.length === 1);
    if (!mesh || !flag) throw new Error('FaceMesh outputs not found');
    const cropToFrame = invertAffine(frameToCrop);
    const depthScale = roi.sizePx / size;
    const landmarks = new Float32Array(MESH_POINTS * 3);
    for (let i = 0; i < MESH_POINTS; i++) {
      const [x, y] = applyAffine(cropToFrame, [mesh.data[3 * i]!, mesh.data[3 * i + 1]!]);
      landmarks[3 * i] = x;
      landmarks[3 * i + 1] = y;
      landmarks[3 * i + 2] = mesh.data[3 * i + 2]! * depthScale;
    }
    const raw = flag.data[0]!;
    // The presence output is a probability in the converted graph; guard against a raw logit.
    const presence = raw >= 0 && raw <= 1 ? raw : 1 / (1 + Math.exp(-raw));
    return { landmarks, presence };
  }
}

/** Eye-line angle of a mesh (clockwise in image coordinates), from the outer eye corners. */
export function eyeLineAngle(landmarks: Float32Array): number {
  const r = LANDMARK.rightEyeOuter * 3;
  const l = LANDMARK.leftEyeOuter * 3;
  return Math.atan2(landmarks[l + 1]! - landmarks[r + 1]!, landmarks[l]! - landmarks[r]!);
}

/**
 * The ROI for the next frame: the landmarks' extent measured along the eye line (so a tilted
 * face does not inflate it), enlarged by `scale`.
 */
export function roiFromLandmarks(landmarks: Float32Array, scale: number): FaceRoi {
  const angle = eyeLineAngle(landmarks);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  let minU = Infinity;
  let maxU = -Infinity;
  let minV = Infinity;
  let maxV = -Infinity;
  for (let i = 0; i < MESH_POINTS; i++) {
    const x = landmarks[3 * i]!;
    const y = landmarks[3 * i + 1]!;
    const u = x * cos + y * sin;
    const v = -x * sin + y * cos;
    if (u < minU) minU = u;
    if (u > maxU) maxU = u;
    if (v < minV) minV = v;
    if (v > maxV) maxV = v;
  }
  const cu = (minU + maxU) / 2;
  const cv = (minV + maxV) / 2;
  return {
    center: [cu * cos - cv * sin, cu * sin + cv * cos],
    sizePx: Math.max(maxU - minU, maxV - minV) * scale,
    angleRad: angle,
  };
}
