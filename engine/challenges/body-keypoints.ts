// MoveNet SinglePose Lightning (converted from @vladmandic/human): 17 COCO body keypoints on a
// 192×192 square crop. Its nose, eyes and ears stay put when the head turns to full profile, where
// the face mesh gives up, so head-turn challenges fall back on them.
//
// Model I/O (models/vendor/manifest.json): input [1,192,192,3] RGB as whole numbers 0..255 (the
// graph truncates to integers, as human feeds int32); output [1,1,17,3] = (y, x, score) per
// keypoint, y and x in 0..1 of the crop. Out-of-frame parts of the crop are black, as human pads.

import { applyAffine, frameToCropAffine, invertAffine } from '../face/geometry.ts';
import type { FaceRoi } from '../face/face-mesh.ts';
import { warpToTensor, type RgbImage } from '../face/image-warp.ts';
import type { ModelStore, OnnxModel } from '../runtime/index.ts';

export const MOVENET_MODEL = 'movenet-lightning';
export const MOVENET_INPUT_PX = 192;

/** COCO keypoint order of MoveNet; left and right are the subject's own. */
export const BODY_KEYPOINT_NAMES = [
  'nose',
  'leftEye',
  'rightEye',
  'leftEar',
  'rightEar',
  'leftShoulder',
  'rightShoulder',
  'leftElbow',
  'rightElbow',
  'leftWrist',
  'rightWrist',
  'leftHip',
  'rightHip',
  'leftKnee',
  'rightKnee',
  'leftAnkle',
  'rightAnkle',
] as const;

export type BodyKeypointName = (typeof BODY_KEYPOINT_NAMES)[number];

export interface BodyKeypoint {
  /** Frame pixels. */
  readonly x: number;
  readonly y: number;
  /** MoveNet's confidence, 0..1. */
  readonly score: number;
}

/** The 17 keypoints by name, in frame pixels, and the crop they were found in. */
export interface BodyKeypoints {
  readonly points: Readonly<Record<BodyKeypointName, BodyKeypoint>>;
  readonly region: FaceRoi;
}

const PIXEL_VALUES = { scale: 1, offset: 0 };

export class BodyKeypointModel {
  private readonly input = new Float32Array(MOVENET_INPUT_PX * MOVENET_INPUT_PX * 3);

  constructor(private readonly model: OnnxModel) {}

  static async load(store: ModelStore): Promise<BodyKeypointModel> {
    return new BodyKeypointModel(await store.load(MOVENET_MODEL));
  }

  /** Keypoints of the person in `region` (an upright square of the frame). */
  async run(frame: RgbImage, region: FaceRoi): Promise<BodyKeypoints> {
    const size = MOVENET_INPUT_PX;
    const frameToCrop = frameToCropAffine(region.center, region.sizePx, region.angleRad, size);
    warpToTensor(frame, frameToCrop, size, size, PIXEL_VALUES, this.input);
    const outputs = await this.model.run(this.input, [1, size, size, 3]);
    const raw = outputs[this.model.outputNames[0]!]!.data;
    if (raw.length !== BODY_KEYPOINT_NAMES.length * 3) throw new Error('MoveNet output not [1,1,17,3]');
    const cropToFrame = invertAffine(frameToCrop);
    const points = {} as Record<BodyKeypointName, BodyKeypoint>;
    BODY_KEYPOINT_NAMES.forEach((name, i) => {
      const [x, y] = applyAffine(cropToFrame, [raw[3 * i + 1]! * size, raw[3 * i]! * size]);
      points[name] = { x, y, score: raw[3 * i + 2]! };
    });
    return { points, region };
  }
}
