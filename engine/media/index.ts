// Public API of engine/media: decoded frames with timestamps from anything ffmpeg reads.
export type { FrameProgress, MediaInfo, ReadFramesOptions, VideoFrame } from './types.ts';
export { readFrames } from './frame-source.ts';
export { probeMedia, type ProbeOptions } from './probe.ts';
export {
  resolveFfmpeg,
  type FfmpegSource,
  type ResolvedFfmpeg,
  type ResolveFfmpegOptions,
} from './ffmpeg-path.ts';
export { validateInput, type InputFileInfo } from './validate-input.ts';
export { isAnimatedWebp } from './webp.ts';
