// Plain shapes shared by the media modules (no classes: frames and infos cross IPC unchanged).

/** One decoded picture. `data` is RGB24, row-major, no padding: `data.length === width * height * 3`. */
export interface VideoFrame {
  /** 0-based position in the yielded stream (consecutive, also when frames are sampled). */
  index: number;
  /** Presentation time in seconds from the start of the input (real timestamps, not index / fps). */
  timeSec: number;
  width: number;
  height: number;
  /** Owned by the consumer: each frame has its own buffer, nothing is reused behind its back. */
  data: Uint8Array;
}

/** What a quick look at the input (no decoding) tells. */
export interface MediaInfo {
  path: string;
  /** Demuxer name(s) as ffmpeg reports them, e.g. `mov,mp4,m4a,3gp,3g2,mj2`, `matroska,webm`, `png_pipe`. */
  container: string;
  /** Video codec, e.g. `h264`, `vp9`, `png`, `gif`. */
  codec: string;
  /** Display size after rotation (what decoded frames will measure before any `maxWidth`). */
  width: number;
  height: number;
  /** Clockwise rotation ffmpeg applies for display: 0, 90, 180 or 270. */
  rotationDeg: number;
  /** Nominal frame rate; null for still images or when the container does not say. */
  fpsHz: number | null;
  durationSec: number | null;
  isStillImage: boolean;
  /** duration x fps (rounded) for videos, 1 for stills, page count for animated WebP; null when unknown. */
  frameCountEstimate: number | null;
}

export interface FrameProgress {
  /** Frames yielded so far (including the one just yielded). */
  frames: number;
  timeSec: number;
  durationSec: number | null;
  /** timeSec / durationSec clamped to 0..1, null when the duration is unknown. */
  fraction: number | null;
  /** Decoded bytes held in this process beyond the frame just yielded (ready frames, partial frame, pipe buffer). */
  bufferedBytes: number;
}

export interface ReadFramesOptions {
  /** Yield at most this many frames per second of media time (the first frame of each 1/sampleFps slot). Sampling runs inside ffmpeg. */
  sampleFps?: number;
  /** Stop after this many seconds of media time. */
  maxSeconds?: number;
  /** Downscale (keeping aspect, even dimensions) when wider than this. Never upscales. */
  maxWidth?: number;
  signal?: AbortSignal;
  onProgress?: (progress: FrameProgress) => void;
  /** Called once, before the first frame, with what the decoder's own header said about the input. */
  onInfo?: (info: MediaInfo) => void;
  /** Use this ffmpeg binary instead of resolving one (see resolveFfmpeg). */
  ffmpegPath?: string;
}
