// Square regions of a frame that the challenge models look at, placed from the face box: movenet
// sees the head and shoulders, the hand model an enlarged square around the face. Both are upright
// (no rotation): the models are trained on upright people.

import type { FaceRoi } from '../face/face-mesh.ts';
import type { BoxPx } from '../face/geometry.ts';

export interface RegionSettings {
  /** Side of the square relative to the face size (the larger side of the face box). */
  readonly scale: number;
  /** Downward shift of the square's centre from the face centre, in face sizes. */
  readonly shiftDown: number;
}

/** An upright square region around `face`, its side at most the frame's larger side. */
export function regionAroundFace(
  face: BoxPx,
  frame: { readonly width: number; readonly height: number },
  settings: RegionSettings,
): FaceRoi {
  const size = Math.max(face.width, face.height);
  return {
    center: [face.x + face.width / 2, face.y + face.height / 2 + settings.shiftDown * size],
    sizePx: Math.min(size * settings.scale, Math.max(frame.width, frame.height)),
    angleRad: 0,
  };
}

/** The whole frame as one square (padded on its shorter side), for when no face is known. */
export function wholeFrameRegion(frame: { readonly width: number; readonly height: number }): FaceRoi {
  return {
    center: [frame.width / 2, frame.height / 2],
    sizePx: Math.max(frame.width, frame.height),
    angleRad: 0,
  };
}
