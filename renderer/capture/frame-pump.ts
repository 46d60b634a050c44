// The frame pump: takes the picture shown in the call view's <video>, cuts the region to analyse
// (a face-centred crop chosen by MediaPipe when available, else the whole frame scaled to
// ≤ maxSidePx), reads its RGBA pixels and sends them to the engine — one frame at a time: the next
// frame is taken only once the previous one's result (or drop) came back, so the engine never
// queues frames and the delay from capture to shown result stays bounded.

import type { FrameHeader, RectPx } from '../../engine/live/protocol.ts';
import { MAX_FRAME_SIDE_PX, MAX_FRAMES_IN_FLIGHT } from '../../engine/live/protocol.ts';
import { sendSize } from '../state/geometry.ts';

/** Picks the region of each frame to send (renderer/capture/face-region.ts's FaceRegionTracker). */
export interface RegionChooser {
  next(
    source: HTMLVideoElement,
    timeSec: number,
  ): {
    choice: {
      mode: 'face' | 'frame';
      cropPx: RectPx;
      outputSize: { width: number; height: number };
      /** Time for a context frame (the whole picture at contextSize) beside the crops. */
      contextDue: boolean;
      contextSize: { width: number; height: number };
    };
  };
  reset(): void;
  close(): void;
}

export interface FramePumpOptions {
  video: HTMLVideoElement;
  send(header: FrameHeader, rgba: Uint8Array): void;
  /** Whole-frame sending: longest side in pixels (default 640). */
  maxSidePx?: number;
  /** Give up waiting for a frame's result after this long and take the next one (default 4000 ms). */
  resultTimeoutMs?: number;
  now?: () => number;
}

export interface FramePumpStats {
  sent: number;
  settled: number;
  timedOut: number;
  /** 'face' while a face-centred crop is sent, 'frame' for the whole frame. */
  region: 'face' | 'frame';
  chooser: 'mediapipe' | 'none';
  lastSizePx: { width: number; height: number } | null;
  /** Context frames sent (the whole picture, small, about once a second). */
  contextSent: number;
}

export const DEFAULT_MAX_SIDE_PX = 640;
const FRAME_WAIT_MS = 100;
/**
 * The face detector picks the crop at most this often: the engine's tracker follows the face
 * between picks, and the crop only moves when the face leaves its middle (region-choice.ts), so
 * detecting on every frame would spend the window's CPU for nothing.
 */
const REGION_EVERY_MS = 150;
const IDLE_WAIT_MS = 200;

export class FramePump {
  private running = false;
  /** Bumped by every start(), so a loop left over from an earlier start ends. */
  private generation = 0;
  private seq = 0;
  private startMs = 0;
  private chooser: RegionChooser | null = null;
  private canvas: OffscreenCanvas | HTMLCanvasElement | null = null;
  /** Frames sent and not yet answered: seq → when sent. */
  private readonly inFlight = new Map<number, number>();
  private settleWaiters: Array<() => void> = [];
  /** A context frame is due (its size), sent after the next crop when there is room. */
  private contextDue: { width: number; height: number } | null = null;
  /** The chooser's last pick and when it was made (reused until REGION_EVERY_MS has passed). */
  private lastChoice: { atMs: number; choice: ReturnType<RegionChooser['next']>['choice'] } | null = null;
  private presentedFrames = 0;
  private capturedFrames = -1;
  private frameWaiters: Array<() => void> = [];
  private readonly maxSidePx: number;
  private readonly resultTimeoutMs: number;
  private readonly now: () => number;
  readonly stats: FramePumpStats = {
    sent: 0,
    settled: 0,
    timedOut: 0,
    region: 'frame',
    chooser: 'none',
    lastSizePx: null,
    contextSent: 0,
  };

  constructor(private readonly opts: FramePumpOptions) {
    this.maxSidePx = opts.maxSidePx ?? DEFAULT_MAX_SIDE_PX;
    this.resultTimeoutMs = opts.resultTimeoutMs ?? 4000;
    this.now = opts.now ?? (() => performance.now());
  }

  /** Uses `chooser` from the next frame on (null: whole frames). */
  setChooser(chooser: RegionChooser | null): void {
    this.chooser?.close();
    this.chooser = chooser;
    this.lastChoice = null;
    this.stats.chooser = chooser ? 'mediapipe' : 'none';
  }

  /** Starts pumping; media time 0 is `sessionStartMs` (performance.now() clock). */
  start(sessionStartMs: number): void {
    if (this.running) return;
    this.running = true;
    this.startMs = sessionStartMs;
    this.generation++;
    this.watchFrames();
    void this.loop(this.generation);
  }

  stop(): void {
    this.running = false;
    this.inFlight.clear();
    this.lastChoice = null;
    for (const w of this.settleWaiters.splice(0)) w();
    for (const w of this.frameWaiters.splice(0)) w();
    this.chooser?.reset();
  }

  dispose(): void {
    this.stop();
    this.setChooser(null);
  }

  /** The engine answered frame `seq` (a result or a drop): the next frame may go. */
  settle(seq: number): void {
    if (!this.inFlight.delete(seq)) return;
    this.stats.settled++;
    for (const w of this.settleWaiters.splice(0)) w();
  }

  /** Waits until fewer than MAX_FRAMES_IN_FLIGHT frames are unanswered; forgets ones past the timeout. */
  private async waitForRoom(live: () => boolean): Promise<void> {
    while (live() && this.inFlight.size >= MAX_FRAMES_IN_FLIGHT) {
      const now = this.now();
      for (const [seq, sentMs] of this.inFlight) {
        if (now - sentMs >= this.resultTimeoutMs) {
          this.inFlight.delete(seq);
          this.stats.timedOut++;
        }
      }
      if (this.inFlight.size < MAX_FRAMES_IN_FLIGHT) break;
      await Promise.race([
        new Promise<void>((resolve) => this.settleWaiters.push(resolve)),
        sleep(FRAME_WAIT_MS),
      ]);
    }
  }

  private watchFrames(): void {
    const video = this.opts.video;
    if (!this.running || typeof video.requestVideoFrameCallback !== 'function') return;
    video.requestVideoFrameCallback((_now, meta) => {
      this.presentedFrames = meta.presentedFrames;
      for (const w of this.frameWaiters.splice(0)) w();
      this.watchFrames();
    });
  }

  /** Resolves when a frame not yet sent is on screen (or soon, where frames cannot be watched). */
  private waitForNewFrame(): Promise<void> {
    const video = this.opts.video;
    // A hidden page gets no frame callbacks and slow timers: take the next frame at once.
    if (document.visibilityState !== 'visible' || typeof video.requestVideoFrameCallback !== 'function')
      return Promise.resolve();
    if (this.presentedFrames > this.capturedFrames) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, FRAME_WAIT_MS);
      this.frameWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private async loop(generation: number): Promise<void> {
    const video = this.opts.video;
    const live = () => this.running && this.generation === generation;
    while (live()) {
      await this.waitForNewFrame();
      if (!live()) break;
      if (
        video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA ||
        video.videoWidth === 0 ||
        video.paused ||
        video.ended
      ) {
        await sleep(IDLE_WAIT_MS);
        continue;
      }
      const captured = this.capture();
      if (!live()) break;
      if (!captured) {
        await sleep(IDLE_WAIT_MS);
        continue;
      }
      this.inFlight.set(captured.header.seq, this.now());
      this.opts.send(captured.header, captured.rgba);
      this.stats.sent++;
      await this.waitForRoom(live);
      if (this.contextDue && live()) {
        const context = this.captureContext(this.contextDue);
        this.contextDue = null;
        if (context) {
          this.inFlight.set(context.header.seq, this.now());
          this.opts.send(context.header, context.rgba);
          this.stats.contextSent++;
          await this.waitForRoom(live);
        }
      }
    }
  }

  private capture(): { header: FrameHeader; rgba: Uint8Array } | null {
    const video = this.opts.video;
    const captureTimeMs = this.now();
    this.capturedFrames = this.presentedFrames;
    const sourceWidth = video.videoWidth;
    const sourceHeight = video.videoHeight;
    const mediaTimeSec = Math.max(0, (captureTimeMs - this.startMs) / 1000);
    let cropPx: RectPx = { x: 0, y: 0, width: sourceWidth, height: sourceHeight };
    let size = sendSize(sourceWidth, sourceHeight, this.maxSidePx);
    this.stats.region = 'frame';
    if (this.chooser) {
      try {
        if (!this.lastChoice || captureTimeMs - this.lastChoice.atMs >= REGION_EVERY_MS) {
          const { choice } = this.chooser.next(video, mediaTimeSec);
          if (choice.contextDue && choice.mode === 'face') this.contextDue = choice.contextSize;
          this.lastChoice = { atMs: captureTimeMs, choice };
        }
        cropPx = this.lastChoice.choice.cropPx;
        size = this.lastChoice.choice.outputSize;
        this.stats.region = this.lastChoice.choice.mode;
      } catch {
        // The detector failed on this frame: send the whole frame instead.
      }
    }
    size = clampSize(size);
    const canvas = this.ensureCanvas(size.width, size.height);
    const g = canvas.getContext('2d', { willReadFrequently: true }) as
      CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
    if (!g) return null;
    g.drawImage(video, cropPx.x, cropPx.y, cropPx.width, cropPx.height, 0, 0, size.width, size.height);
    const image = g.getImageData(0, 0, size.width, size.height);
    this.stats.lastSizePx = size;
    const header: FrameHeader = {
      type: 'frame',
      seq: this.seq++,
      captureTimeMs,
      mediaTimeSec,
      width: size.width,
      height: size.height,
      cropPx,
      sourceWidth,
      sourceHeight,
    };
    return { header, rgba: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength) };
  }

  /** The whole picture, small: the engine looks for faces in it but does not track or judge it. */
  private captureContext(size: {
    width: number;
    height: number;
  }): { header: FrameHeader; rgba: Uint8Array } | null {
    const video = this.opts.video;
    const sourceWidth = video.videoWidth;
    const sourceHeight = video.videoHeight;
    if (sourceWidth === 0 || sourceHeight === 0) return null;
    const out = clampSize(size);
    const canvas = this.ensureCanvas(out.width, out.height);
    const g = canvas.getContext('2d', { willReadFrequently: true }) as
      CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
    if (!g) return null;
    g.drawImage(video, 0, 0, sourceWidth, sourceHeight, 0, 0, out.width, out.height);
    const image = g.getImageData(0, 0, out.width, out.height);
    const captureTimeMs = this.now();
    return {
      header: {
        type: 'frame',
        purpose: 'context',
        seq: this.seq++,
        captureTimeMs,
        mediaTimeSec: Math.max(0, (captureTimeMs - this.startMs) / 1000),
        width: out.width,
        height: out.height,
        cropPx: { x: 0, y: 0, width: sourceWidth, height: sourceHeight },
        sourceWidth,
        sourceHeight,
      },
      rgba: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength),
    };
  }

  private ensureCanvas(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
    if (!this.canvas) {
      this.canvas =
        typeof OffscreenCanvas !== 'undefined'
          ? new OffscreenCanvas(width, height)
          : document.createElement('canvas');
    }
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
    return this.canvas;
  }
}

function clampSize(size: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(1, MAX_FRAME_SIDE_PX / Math.max(size.width, size.height));
  return {
    width: Math.min(MAX_FRAME_SIDE_PX, Math.max(16, Math.round(size.width * scale))),
    height: Math.min(MAX_FRAME_SIDE_PX, Math.max(16, Math.round(size.height * scale))),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
