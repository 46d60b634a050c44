// Eye aspect ratio (EAR) from six eye landmarks:
//   T. Soukupová, J. Čech, "Real-Time Eye Blink Detection using Facial Landmarks",
//   21st Computer Vision Winter Workshop (CVWW), 2016.
// EAR = (|p2 − p6| + |p3 − p5|) / (2 |p1 − p4|): the eye's height over its width, roughly
// constant while the eye is open and falling towards 0 as it closes; it does not depend on the
// face's size or in-plane rotation. Points are the 468-point mesh's, in the paper's p1…p6 order
// (p1, p4 the corners; p2, p3 upper lid; p6, p5 lower lid); distances use the mesh's x, y and z.

/** p1…p6 of the subject's right eye (image left in an unmirrored view). */
export const RIGHT_EYE_EAR_POINTS = [33, 160, 158, 133, 153, 144] as const;
/** p1…p6 of the subject's left eye. */
export const LEFT_EYE_EAR_POINTS = [362, 385, 387, 263, 373, 380] as const;

export function eyeAspectRatio(landmarks: Float32Array, points: readonly number[]): number {
  const d = (a: number, b: number) => {
    const i = 3 * points[a]!;
    const j = 3 * points[b]!;
    return Math.hypot(
      landmarks[i]! - landmarks[j]!,
      landmarks[i + 1]! - landmarks[j + 1]!,
      landmarks[i + 2]! - landmarks[j + 2]!,
    );
  };
  const width = d(0, 3);
  return width > 0 ? (d(1, 5) + d(2, 4)) / (2 * width) : Number.NaN;
}
