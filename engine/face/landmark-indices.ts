// Named points of MediaPipe's 468-point face mesh. "Right" and "left" are the subject's own:
// in an unmirrored camera image the subject's right eye appears on the image's left.

export const MESH_POINTS = 468;

export const LANDMARK = {
  foreheadTop: 10,
  chin: 152,
  noseTip: 1,
  rightEyeOuter: 33,
  rightEyeInner: 133,
  leftEyeOuter: 263,
  leftEyeInner: 362,
  mouthRight: 61,
  mouthLeft: 291,
  upperLipTop: 13,
  lowerLipBottom: 14,
  rightCheek: 234,
  leftCheek: 454,
} as const;

/** Eye outlines (for eye centres and the eye-aspect ratio of later blink signals). */
export const RIGHT_EYE_CONTOUR = [
  33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246,
] as const;
export const LEFT_EYE_CONTOUR = [
  263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466,
] as const;

/** The face outline, in order around the face: the boundary of the face mask. */
export const FACE_OVAL = [
  10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149,
  150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
] as const;
