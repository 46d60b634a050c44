// Runs the real face pipeline (ONNX models, ffmpeg decode) over a clip and keeps what the
// geometry tests compare: each frame's faces with their landmarks and pose.

import {
  createFaceTracker,
  type FaceConfig,
  type TrackedFace,
  type TrackSummary,
} from '../../../engine/face/index.ts';
import { readFrames } from '../../../engine/media/index.ts';
import type { ModelStore } from '../../../engine/runtime/index.ts';

export interface TrackedFrame {
  index: number;
  timeSec: number;
  faces: Array<Pick<TrackedFace, 'trackId' | 'landmarks' | 'pose' | 'boxPx' | 'quality'>>;
}

export async function trackClip(
  path: string,
  models: ModelStore,
  config: Partial<FaceConfig> = {},
  options: { maxSeconds?: number; sampleFps?: number } = {},
): Promise<{ frames: TrackedFrame[]; summaries: TrackSummary[] }> {
  const tracker = await createFaceTracker(models, config);
  const frames: TrackedFrame[] = [];
  for await (const frame of readFrames(path, options)) {
    const result = await tracker.process(frame);
    frames.push({
      index: frame.index,
      timeSec: frame.timeSec,
      faces: result.faces.map(({ trackId, landmarks, pose, boxPx, quality }) => ({
        trackId,
        landmarks,
        pose,
        boxPx,
        quality,
      })),
    });
  }
  return { frames, summaries: tracker.summaries() };
}
