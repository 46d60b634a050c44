export { createFaceDetector, createFaceTracker, FACE_PIPELINE_MODELS } from './create-face-tracker.ts';
export {
  FaceTracker,
  type TrackedFace,
  type FrameFaces,
  type StageTimingsMs,
  type TrackerFrame,
} from './face-tracker.ts';
export { choosePrimaryTrack, type TrackSummary } from './track-history.ts';
export { DEFAULT_FACE_CONFIG, resolveFaceConfig, type FaceConfig } from './config.ts';
export type { HeadPose } from './head-pose.ts';
export type { AlignedFace } from './alignment.ts';
export { CONTEXT_CROP_ZOOM, contextCrop, cropOfKind, cropZoom } from './alignment.ts';
export type { FaceQuality } from './quality.ts';
export type { BoxPx } from './geometry.ts';
