// MediaPipe Hands landmark model (lite, converted from @vladmandic/human) run on an enlarged square
// around the face: its hand-presence output says whether a hand is over or next to the face, its
// 21 landmarks where.
//
// Model I/O (models/vendor/manifest.json): input [1,224,224,3] RGB in 0..1; outputs Identity_1
// hand presence (already a probability: 0.001–0.04 on faces without a hand, measured),
// Identity 21 × (x, y, z) in crop pixels, Identity_2 handedness, Identity_3 world coordinates
// (the last two unused).

import { applyAffine, boundingBox, frameToCropAffine, invertAffine, type BoxPx } from '../face/geometry.ts';
import type { FaceRoi } from '../face/face-mesh.ts';
import { warpToTensor, type RgbImage } from '../face/image-warp.ts';
import type { ModelStore, OnnxModel } from '../runtime/index.ts';

export const HAND_MODEL = 'handlandmark-lite';
export const HAND_INPUT_PX = 224;
export const HAND_LANDMARKS = 21;

export interface HandObservation {
  /** Probability that a hand is in the region, 0..1. */
  readonly presence: number;
  /** 21 × (x, y) hand landmarks in frame pixels (meaningful when presence is high). */
  readonly landmarksPx: Float32Array;
  /** Bounding box of the landmarks, frame pixels. */
  readonly boxPx: BoxPx;
  readonly region: FaceRoi;
}

const UNIT_RANGE = { scale: 1 / 255, offset: 0 };

/** The presence output is a probability in the converted graph; guard against a raw logit. */
function probability(x: number): number {
  return x >= 0 && x <= 1 ? x : 1 / (1 + Math.exp(-x));
}

export class HandPresenceModel {
  private readonly input = new Float32Array(HAND_INPUT_PX * HAND_INPUT_PX * 3);

  constructor(private readonly model: OnnxModel) {}

  static async load(store: ModelStore): Promise<HandPresenceModel> {
    return new HandPresenceModel(await store.load(HAND_MODEL));
  }

  async run(frame: RgbImage, region: FaceRoi): Promise<HandObservation> {
    const size = HAND_INPUT_PX;
    const frameToCrop = frameToCropAffine(region.center, region.sizePx, region.angleRad, size);
    warpToTensor(frame, frameToCrop, size, size, UNIT_RANGE, this.input);
    const outputs = await this.model.run(this.input, [1, size, size, 3]);
    const presence = outputs.Identity_1?.data[0];
    const landmarks = outputs.Identity?.data;
    if (presence === undefined || !landmarks || landmarks.length !== HAND_LANDMARKS * 3)
      throw new Error('hand landmark outputs not found');
    const cropToFrame = invertAffine(frameToCrop);
    const landmarksPx = new Float32Array(HAND_LANDMARKS * 2);
    for (let i = 0; i < HAND_LANDMARKS; i++) {
      const [x, y] = applyAffine(cropToFrame, [landmarks[3 * i]!, landmarks[3 * i + 1]!]);
      landmarksPx[2 * i] = x;
      landmarksPx[2 * i + 1] = y;
    }
    return { presence: probability(presence), landmarksPx, boxPx: boundingBox(landmarksPx), region };
  }
}
