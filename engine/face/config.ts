// Every constant of the face pipeline, with its default and why. Callers pass a partial
// config; `resolveFaceConfig` fills the rest and rejects unknown keys.

export interface FaceConfig {
  /** BlazeFace score (after sigmoid) a candidate needs to count as a face. */
  detectorMinScore: number;
  /** Candidates overlapping more than this are merged by weighted NMS. */
  detectorIouThreshold: number;
  /** At most this many faces are tracked at once. */
  maxFaces: number;
  /**
   * Smallest face (box width, in frame pixels) the detector must find. Frames too large for a
   * single 256×256 pass to reach it are also searched in overlapping tiles.
   */
  minFacePx: number;
  /** Smallest face, in detector-input pixels, that BlazeFace finds reliably (measured). */
  detectorMinInputFacePx: number;
  /** Search the whole frame again every N frames to pick up new faces and correct drift. */
  redetectEveryFrames: number;
  /** Search every tile (small faces in large frames) within this many frames. */
  tileScanEveryFrames: number;
  /** FaceMesh presence score below which a track is considered lost. */
  meshMinPresence: number;
  /** Side of the square mesh ROI relative to the face box (MediaPipe uses 1.5). */
  meshRoiScale: number;
  /** A detection matches a track when their boxes overlap at least this much. */
  trackMatchIou: number;
  /** Frames a track may go unseen before it is closed. */
  trackMaxMissedFrames: number;
  /** Side of the aligned crop handed to the detectors, in pixels. */
  alignedCropPx: number;
  /** Distance between the eye centres in the aligned crop, as a fraction of its side. */
  alignedEyeDistance: number;
  /** Height of the eye line in the aligned crop, as a fraction of its side from the top. */
  alignedEyeHeight: number;
}

export const DEFAULT_FACE_CONFIG: Readonly<FaceConfig> = Object.freeze({
  detectorMinScore: 0.5,
  detectorIouThreshold: 0.3,
  maxFaces: 6,
  minFacePx: 40,
  detectorMinInputFacePx: 24,
  redetectEveryFrames: 10,
  tileScanEveryFrames: 60,
  meshMinPresence: 0.5,
  meshRoiScale: 1.5,
  trackMatchIou: 0.3,
  trackMaxMissedFrames: 15,
  alignedCropPx: 224,
  alignedEyeDistance: 0.36,
  alignedEyeHeight: 0.4,
});

export function resolveFaceConfig(partial: Partial<FaceConfig> = {}): FaceConfig {
  for (const key of Object.keys(partial)) {
    if (!(key in DEFAULT_FACE_CONFIG)) throw new Error(`unknown face config key: ${key}`);
  }
  return { ...DEFAULT_FACE_CONFIG, ...partial };
}
