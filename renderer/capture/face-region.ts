// Renderer side of capture (DOM only): runs MediaPipe Tasks' FaceDetector on each captured frame
// to choose the region sent to the engine (region-choice.ts), so a face-centred crop at full
// resolution plus a small context frame travel instead of whole frames. The engine detects and
// judges faces itself; these boxes only steer the crop.
//
// Assets are plain static files, passed as URLs:
// - wasmBaseUrl: the folder node_modules/@mediapipe/tasks-vision/wasm is served as
//   (vision_wasm_internal.{js,wasm} and the nosimd variants);
// - modelUrl: models/vendor/face_detection_short_range.tflite, written by `npm run models`
//   (the npm model plus the TFLite metadata MediaPipe Tasks needs).

import { FaceDetector, FilesetResolver } from '@mediapipe/tasks-vision';
import {
  chooseRegion,
  DEFAULT_REGION_CHOICE_CONFIG,
  INITIAL_REGION_STATE,
  type BoxPx,
  type FaceDetectionPx,
  type RegionChoice,
  type RegionChoiceConfig,
  type RegionState,
  type SizePx,
} from './region-choice.ts';

/** A frame the detector and canvas can read. */
export type FrameSource =
  HTMLVideoElement | HTMLCanvasElement | HTMLImageElement | ImageBitmap | OffscreenCanvas;

export interface FaceRegionOptions {
  /** URL of the served @mediapipe/tasks-vision/wasm folder. */
  readonly wasmBaseUrl: string;
  /** URL of the served face_detection_short_range.tflite (with metadata). */
  readonly modelUrl: string;
  /** Detector threshold, 0..1 (default 0.5). */
  readonly minDetectionConfidence?: number;
  /** MediaPipe delegate (default CPU: works without a GPU and in headless Chromium). */
  readonly delegate?: 'CPU' | 'GPU';
  /** A search region is drawn at most this many pixels on its longer side before detection. */
  readonly detectSidePx?: number;
  /** Overrides of the region choice (unknown keys are an error). */
  readonly region?: Partial<RegionChoiceConfig>;
}

export const DEFAULT_MIN_DETECTION_CONFIDENCE = 0.5;
export const DEFAULT_DETECT_SIDE_PX = 384;

export interface FaceDetectionRun {
  /** Faces in frame pixels. */
  readonly detections: FaceDetectionPx[];
  /** The region of the frame searched, frame pixels. */
  readonly searchedPx: BoxPx;
  /** Time spent drawing the region and detecting, ms. */
  readonly detectMs: number;
}

export interface FaceRegionResult extends FaceDetectionRun {
  readonly choice: RegionChoice;
}

/** Width and height of a frame source in pixels. */
export function frameSizeOf(source: FrameSource): SizePx {
  if (typeof HTMLVideoElement !== 'undefined' && source instanceof HTMLVideoElement)
    return { width: source.videoWidth, height: source.videoHeight };
  if (typeof HTMLImageElement !== 'undefined' && source instanceof HTMLImageElement)
    return { width: source.naturalWidth, height: source.naturalHeight };
  return { width: source.width, height: source.height };
}

/** The region config with `overrides` applied; unknown keys or non-finite values throw. */
export function resolveRegionConfig(overrides: Partial<RegionChoiceConfig> = {}): RegionChoiceConfig {
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in DEFAULT_REGION_CHOICE_CONFIG)) throw new Error(`unknown region option "${key}"`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new Error(`region option "${key}" must be a finite number ≥ 0, got ${String(value)}`);
  }
  return { ...DEFAULT_REGION_CHOICE_CONFIG, ...overrides };
}

function makeCanvas(width: number, height: number): HTMLCanvasElement | OffscreenCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

/**
 * Draw `regionPx` of `source` scaled to `size` into `target` (resized to fit; a new canvas when
 * omitted) and return it: how the crop and the context frame are cut for sending.
 */
export function drawRegion(
  source: FrameSource,
  regionPx: BoxPx,
  size: SizePx,
  target?: HTMLCanvasElement | OffscreenCanvas,
): HTMLCanvasElement | OffscreenCanvas {
  const canvas = target ?? makeCanvas(size.width, size.height);
  if (canvas.width !== size.width) canvas.width = size.width;
  if (canvas.height !== size.height) canvas.height = size.height;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) throw new Error('2D canvas context unavailable');
  ctx.drawImage(
    source,
    regionPx.x,
    regionPx.y,
    regionPx.width,
    regionPx.height,
    0,
    0,
    size.width,
    size.height,
  );
  return canvas;
}

/** MediaPipe's FaceDetector plus the per-stream region state. One instance per capture stream. */
export class FaceRegionTracker {
  readonly config: RegionChoiceConfig;
  private state: RegionState = INITIAL_REGION_STATE;
  private nextSearchPx: BoxPx | null = null;
  private scratch: HTMLCanvasElement | OffscreenCanvas | null = null;

  private constructor(
    private readonly detector: FaceDetector,
    config: RegionChoiceConfig,
    private readonly detectSidePx: number,
  ) {
    this.config = config;
  }

  static async create(options: FaceRegionOptions): Promise<FaceRegionTracker> {
    const config = resolveRegionConfig(options.region);
    const fileset = await FilesetResolver.forVisionTasks(options.wasmBaseUrl);
    const detector = await FaceDetector.createFromOptions(fileset, {
      baseOptions: { modelAssetPath: options.modelUrl, delegate: options.delegate ?? 'CPU' },
      runningMode: 'IMAGE',
      minDetectionConfidence: options.minDetectionConfidence ?? DEFAULT_MIN_DETECTION_CONFIDENCE,
    });
    return new FaceRegionTracker(detector, config, options.detectSidePx ?? DEFAULT_DETECT_SIDE_PX);
  }

  /** Faces in `regionPx` of the frame (default: the whole frame), mapped to frame pixels. */
  detect(source: FrameSource, regionPx?: BoxPx): FaceDetectionRun {
    const frame = frameSizeOf(source);
    const region = regionPx ?? { x: 0, y: 0, width: frame.width, height: frame.height };
    const started = performance.now();
    const scale = Math.min(1, this.detectSidePx / Math.max(region.width, region.height));
    const whole =
      region.x === 0 && region.y === 0 && region.width === frame.width && region.height === frame.height;
    let input: FrameSource = source;
    if (!whole || scale < 1) {
      const size = {
        width: Math.max(1, Math.round(region.width * scale)),
        height: Math.max(1, Math.round(region.height * scale)),
      };
      this.scratch = drawRegion(source, region, size, this.scratch ?? undefined);
      input = this.scratch;
    }
    const inputSize = frameSizeOf(input);
    const sx = region.width / inputSize.width;
    const sy = region.height / inputSize.height;
    const result = this.detector.detect(input as Parameters<FaceDetector['detect']>[0]);
    const detections: FaceDetectionPx[] = [];
    for (const d of result.detections) {
      const box = d.boundingBox;
      if (!box) continue;
      detections.push({
        boxPx: {
          x: region.x + box.originX * sx,
          y: region.y + box.originY * sy,
          width: box.width * sx,
          height: box.height * sy,
        },
        score: d.categories[0]?.score ?? 0,
      });
    }
    return { detections, searchedPx: region, detectMs: performance.now() - started };
  }

  /**
   * One captured frame at media time `timeSec`: detect where the previous frame said to look,
   * then choose the region to send.
   */
  next(source: FrameSource, timeSec: number): FaceRegionResult {
    const frame = frameSizeOf(source);
    const search = this.nextSearchPx && fits(this.nextSearchPx, frame) ? this.nextSearchPx : undefined;
    const run = this.detect(source, search);
    const { state, choice } = chooseRegion(
      this.state,
      { frameSize: frame, detections: run.detections, timeSec },
      this.config,
    );
    this.state = state;
    this.nextSearchPx = choice.searchPx;
    return { ...run, choice };
  }

  /** Forget the followed face (new source, seek). */
  reset(): void {
    this.state = INITIAL_REGION_STATE;
    this.nextSearchPx = null;
  }

  close(): void {
    this.detector.close();
    this.scratch = null;
  }
}

function fits(box: BoxPx, frame: SizePx): boolean {
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= frame.width && box.y + box.height <= frame.height;
}
