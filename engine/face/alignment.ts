// The aligned face crop every detector sees: eyes level, the face at a fixed scale and place,
// plus a mask of the face area (inside the mesh's face outline) in crop coordinates.

import type { CropKind } from '../runtime/index.ts';
import type { FaceConfig } from './config.ts';
import { applyAffine, composeAffine, type Affine, type Point } from './geometry.ts';
import { warpToImage, type RgbImage } from './image-warp.ts';
import { forEachPolygonSpan } from './polygon-spans.ts';
import { FACE_OVAL, LANDMARK, LEFT_EYE_CONTOUR, RIGHT_EYE_CONTOUR } from './landmark-indices.ts';

export interface AlignedFace {
  image: RgbImage;
  /** 255 inside the face outline, 0 outside; one byte per crop pixel. */
  mask: Uint8Array;
  /** Maps frame pixels to crop pixels. */
  frameToCrop: Affine;
}

/**
 * Where the five anchor points sit in the crop, as fractions of its side: eye centres from the
 * config, nose tip and mouth corners below them (proportions of an average frontal face).
 */
function templatePoints(config: FaceConfig): Point[] {
  const half = config.alignedEyeDistance / 2;
  const eyeY = config.alignedEyeHeight;
  const eyeGap = config.alignedEyeDistance;
  return [
    [0.5 - half, eyeY],
    [0.5 + half, eyeY],
    [0.5, eyeY + 0.36 * eyeGap],
    [0.5 - 0.36 * eyeGap, eyeY + 0.72 * eyeGap],
    [0.5 + 0.36 * eyeGap, eyeY + 0.72 * eyeGap],
  ];
}

export function alignFace(frame: RgbImage, landmarks: Float32Array, config: FaceConfig): AlignedFace {
  const size = config.alignedCropPx;
  const frameToCrop = alignmentTransform(landmarks, config);
  const image = warpToImage(frame, frameToCrop, size, size);
  const oval = FACE_OVAL.map((i) => applyAffine(frameToCrop, [landmarks[3 * i]!, landmarks[3 * i + 1]!]));
  return { image, mask: fillPolygon(oval, size, size), frameToCrop };
}

/**
 * How much more of the scene the context crop shows than the aligned crop (per side): at 2 the
 * face fills about half of it, and what is around the face shows — a photo's edge, the fingers
 * holding it, a screen's bezel. The presentation-attack model is trained on this crop.
 */
export const CONTEXT_CROP_ZOOM = 2;

/** How many times more of the scene a crop of `kind` shows than the aligned crop. */
export function cropZoom(kind: CropKind): number {
  return kind === 'context' ? CONTEXT_CROP_ZOOM : 1;
}

/** Maps frame pixels to the context crop: the aligned crop zoomed out `zoom` times about its centre. */
export function contextTransform(frameToCrop: Affine, cropPx: number, zoom = CONTEXT_CROP_ZOOM): Affine {
  const c = cropPx / 2;
  const k = 1 / zoom;
  return composeAffine([k, 0, c - k * c, 0, k, c - k * c], frameToCrop);
}

/** The crop of `kind` a trained model sees of an aligned face (its manifest entry names the kind). */
export function cropOfKind(kind: CropKind, frame: RgbImage, aligned: AlignedFace): RgbImage {
  return kind === 'context' ? contextCrop(frame, aligned) : aligned.image;
}

/** The context crop of an aligned face (same size, same orientation; black beyond the frame). */
export function contextCrop(frame: RgbImage, aligned: AlignedFace, zoom = CONTEXT_CROP_ZOOM): RgbImage {
  const size = aligned.image.width;
  return warpToImage(frame, contextTransform(aligned.frameToCrop, size, zoom), size, size);
}

/**
 * Rotation from the eye line (so the eyes are exactly level); scale and shift fitted by least
 * squares to five anchor points, which keeps the scale steady when one cue (e.g. the eye
 * distance under yaw) shrinks.
 */
export function alignmentTransform(landmarks: Float32Array, config: FaceConfig): Affine {
  const size = config.alignedCropPx;
  const rightEye = centroid(landmarks, RIGHT_EYE_CONTOUR);
  const leftEye = centroid(landmarks, LEFT_EYE_CONTOUR);
  const source: Point[] = [
    rightEye,
    leftEye,
    point(landmarks, LANDMARK.noseTip),
    point(landmarks, LANDMARK.mouthRight),
    point(landmarks, LANDMARK.mouthLeft),
  ];
  const target = templatePoints(config).map(([x, y]): Point => [x * size, y * size]);
  const angle = Math.atan2(leftEye[1] - rightEye[1], leftEye[0] - rightEye[0]);
  const cos = Math.cos(-angle);
  const sin = Math.sin(-angle);
  const rotated = source.map(([x, y]): Point => [x * cos - y * sin, x * sin + y * cos]);
  const [pMeanX, pMeanY] = meanPoint(rotated);
  const [qMeanX, qMeanY] = meanPoint(target);
  let num = 0;
  let den = 0;
  for (let i = 0; i < rotated.length; i++) {
    const px = rotated[i]![0] - pMeanX;
    const py = rotated[i]![1] - pMeanY;
    num += px * (target[i]![0] - qMeanX) + py * (target[i]![1] - qMeanY);
    den += px * px + py * py;
  }
  const s = den > 0 ? num / den : 1;
  return [s * cos, -s * sin, qMeanX - s * pMeanX, s * sin, s * cos, qMeanY - s * pMeanY];
}

function point(landmarks: Float32Array, i: number): Point {
  return [landmarks[3 * i]!, landmarks[3 * i + 1]!];
}

function centroid(landmarks: Float32Array, indices: readonly number[]): Point {
  let x = 0;
  let y = 0;
  for (const i of indices) {
    x += landmarks[3 * i]!;
    y += landmarks[3 * i + 1]!;
  }
  return [x / indices.length, y / indices.length];
}

function meanPoint(points: readonly Point[]): Point {
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p[0];
    y += p[1];
  }
  return [x / points.length, y / points.length];
}

/** Even-odd scanline fill of a polygon into a width×height byte mask (255 inside). */
export function fillPolygon(polygon: readonly Point[], width: number, height: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  forEachPolygonSpan(polygon, width, height, (y, from, to) =>
    mask.fill(255, y * width + from, y * width + to + 1),
  );
  return mask;
}
