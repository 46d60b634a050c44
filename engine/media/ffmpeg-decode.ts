import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { CallSentinelError } from '../core/errors.ts';
import { buildDecodeArgs } from './ffmpeg-args.ts';
import {
  ffmpegErrorDetail,
  isShowinfoLine,
  LineSplitter,
  parseInputHeader,
  parseOutputVideoSize,
  parseShowinfoFrame,
  parseShowinfoTimebase,
  saysNoVideoStream,
  toMediaInfo,
} from './ffmpeg-log.ts';
import type { MediaInfo, ReadFramesOptions, VideoFrame } from './types.ts';

/** Complete frames held before stdout is paused: one in hand while the consumer works on the last. */
const READY_FRAMES_LIMIT = 1;
/** Header lines kept until "Stream mapping:" (also the error detail when ffmpeg cannot open the input). */
const MAX_HEADER_LINES = 500;
/** Later non-showinfo lines kept for an error detail. */
const MAX_TAIL_LINES = 40;
/** After SIGTERM, how long ffmpeg gets to exit before SIGKILL. */
const KILL_GRACE_MS = 2000;

interface FrameSlot {
  timeSec: number;
  width: number;
  height: number;
  data: Buffer;
  filled: number;
}

type Child = ChildProcessByStdio<null, Readable, Readable>;

/**
 * One ffmpeg process decoding to RGB24 on stdout. The frame size comes from ffmpeg's own
 * "Output #0 ... rawvideo ... WxH" line (after autorotation and scaling, and fixed for the run:
 * ffmpeg scales a mid-stream resolution change back to it); each frame's pts comes from its
 * showinfo line. Frames and stderr lines travel on different pipes, so they are paired in order:
 * a frame's bytes wait (stdout paused) until its line and the output size have arrived.
 * Memory stays bounded: stdout is paused whenever a complete frame waits for the consumer,
 * which blocks ffmpeg on its pipe write.
 */
class FfmpegDecodeSession {
  private readonly child: Child;
  private readonly splitter = new LineSplitter();
  /** Times of frames whose showinfo line has arrived but whose bytes have not yet. */
  private readonly pendingTimes: number[] = [];
  private outputSize: { width: number; height: number } | null = null;
  private inOutputBlock = false;
  private readonly ready: FrameSlot[] = [];
  private current: FrameSlot | null = null;
  /** Bytes that arrived before the showinfo line telling their frame's size. */
  private stash: Buffer | null = null;
  private readonly headerLines: string[] = [];
  private headerDone = false;
  private readonly tailLines: string[] = [];
  private timebase: [number, number] | null = null;
  private lastTimeSec = 0;
  private exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private spawnError: NodeJS.ErrnoException | null = null;
  private wake: (() => void) | null = null;
  private readonly onAbort = () => this.kill();

  constructor(
    ffmpegPath: string,
    private readonly path: string,
    private readonly opts: ReadFramesOptions,
  ) {
    this.child = spawn(ffmpegPath, buildDecodeArgs(path, opts), {
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.child.on('error', (err: NodeJS.ErrnoException) => {
      this.spawnError = err;
      this.notify();
    });
    this.child.on('close', (code, signal) => {
      for (const line of this.splitter.flush()) this.onLine(line);
      this.exit = { code, signal };
      this.notify();
    });
    this.child.stdout.on('data', (chunk: Buffer) => this.onStdout(chunk));
    this.child.stdout.on('error', () => {}); // surfaced through the exit status
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      for (const line of this.splitter.push(chunk)) this.onLine(line);
    });
    this.child.stderr.on('error', () => {});
    opts.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** The next complete frame, or null when ffmpeg has finished (then call failure()). */
  async next(): Promise<FrameSlot | null> {
    for (;;) {
      this.opts.signal?.throwIfAborted();
      const frame = this.ready.shift();
      if (frame) {
        this.updateFlow();
        return frame;
      }
      if (this.exit || this.spawnError) return null;
      this.updateFlow();
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Called once ffmpeg is done: the error to throw, if any. */
  failure(framesYielded: number): Error | null {
    if (this.opts.signal?.aborted) return this.opts.signal.reason as Error;
    const path = this.path;
    if (this.spawnError) {
      const code = this.spawnError.code;
      return code === 'ENOENT' || code === 'EACCES'
        ? new CallSentinelError('E_FFMPEG_MISSING', {}, { cause: this.spawnError })
        : new CallSentinelError(
            'E_FFMPEG_FAILED',
            { path, detail: this.spawnError.message },
            { cause: this.spawnError },
          );
    }
    const lines = this.headerDone ? this.tailLines : this.headerLines;
    const exitOk = this.exit?.code === 0;
    if (framesYielded === 0) {
      if (saysNoVideoStream(this.headerLines)) return new CallSentinelError('E_INPUT_NO_VIDEO', { path });
      const detail = exitOk ? 'no video frame could be decoded' : ffmpegErrorDetail(lines, path);
      return new CallSentinelError('E_INPUT_UNREADABLE', { path, detail });
    }
    if (!exitOk) {
      const why = this.exit?.signal ? `killed by ${this.exit.signal}` : ffmpegErrorDetail(lines, path);
      return new CallSentinelError('E_FFMPEG_FAILED', { path, detail: why });
    }
    if (this.stash || (this.current && this.current.filled > 0)) {
      return new CallSentinelError('E_FFMPEG_FAILED', {
        path,
        detail: 'frame bytes without a matching frame line',
      });
    }
    return null;
  }

  /** What ffmpeg's own header said about the input (available before the first frame). */
  mediaInfo(): MediaInfo | null {
    const header = parseInputHeader(this.headerLines);
    if (!header?.video) return null;
    return toMediaInfo(this.path, { ...header, video: header.video });
  }

  bufferedBytes(): number {
    let n = this.child.stdout.readableLength + (this.stash?.length ?? 0) + (this.current?.filled ?? 0);
    for (const f of this.ready) n += f.data.length;
    return n;
  }

  /** Stops ffmpeg (if still running) and waits until it has exited: no zombie, no stray events. */
  async dispose(): Promise<void> {
    this.opts.signal?.removeEventListener('abort', this.onAbort);
    if (this.exit || this.spawnError) return;
    const closed = new Promise<void>((resolve) => this.child.once('close', () => resolve()));
    this.kill();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), KILL_GRACE_MS);
    await closed;
    clearTimeout(timer);
  }

  private kill(): void {
    if (this.exit || this.spawnError) return;
    this.child.stdout.destroy();
    this.child.kill('SIGTERM');
    this.notify();
  }

  private onStdout(chunk: Buffer): void {
    this.consume(chunk);
    this.updateFlow();
    this.notify();
  }

  /** Cuts stdout bytes into frames whose sizes come from the showinfo lines, in order. */
  private consume(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (!this.current) {
        const timeSec = this.pendingTimes[0];
        const size = this.outputSize;
        if (timeSec === undefined || !size) {
          this.stash = this.stash
            ? Buffer.concat([this.stash, chunk.subarray(offset)])
            : chunk.subarray(offset);
          return;
        }
        this.pendingTimes.shift();
        const data = Buffer.allocUnsafe(size.width * size.height * 3);
        this.current = { timeSec, width: size.width, height: size.height, data, filled: 0 };
      }
      const slot = this.current;
      const n = Math.min(chunk.length - offset, slot.data.length - slot.filled);
      chunk.copy(slot.data, slot.filled, offset, offset + n);
      slot.filled += n;
      offset += n;
      if (slot.filled === slot.data.length) {
        this.ready.push(slot);
        this.current = null;
      }
    }
  }

  private onLine(line: string): void {
    if (isShowinfoLine(line)) {
      const tb = parseShowinfoTimebase(line);
      if (tb) this.timebase = tb;
      const f = parseShowinfoFrame(line);
      if (!f) return;
      // Exact time from the integer pts; pts_time is printed with only 6 significant digits.
      let timeSec = f.ptsTimeSec ?? this.lastTimeSec;
      if (f.pts !== null && this.timebase) timeSec = (f.pts * this.timebase[0]) / this.timebase[1];
      this.lastTimeSec = timeSec;
      this.pendingTimes.push(timeSec);
      this.releaseStash();
      return;
    }
    if (/^Output #0/.test(line)) this.inOutputBlock = true;
    else if (this.inOutputBlock && !this.outputSize) {
      this.outputSize = parseOutputVideoSize(line);
      this.releaseStash();
    }
    if (!this.headerDone) {
      if (this.headerLines.length < MAX_HEADER_LINES) this.headerLines.push(line);
      if (/^(Stream mapping:|Output #0)/.test(line)) this.headerDone = true;
      return;
    }
    this.tailLines.push(line);
    if (this.tailLines.length > MAX_TAIL_LINES) this.tailLines.shift();
  }

  /** Bytes that waited for a frame line or the output size: cut them into frames now. */
  private releaseStash(): void {
    if (!this.stash) return;
    const stash = this.stash;
    this.stash = null;
    this.consume(stash);
    this.updateFlow();
    this.notify();
  }

  /** Paused while a frame waits for the consumer or bytes wait for their frame line. */
  private updateFlow(): void {
    const stdout = this.child.stdout;
    if (stdout.destroyed) return;
    const hold = this.ready.length >= READY_FRAMES_LIMIT || this.stash !== null;
    if (hold && !stdout.isPaused()) stdout.pause();
    else if (!hold && stdout.isPaused()) stdout.resume();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/** Decodes `path` with the ffmpeg binary at `ffmpegPath` (see readFrames for the contract). */
export async function* decodeWithFfmpeg(
  ffmpegPath: string,
  path: string,
  opts: ReadFramesOptions = {},
): AsyncGenerator<VideoFrame> {
  opts.signal?.throwIfAborted();
  const session = new FfmpegDecodeSession(ffmpegPath, path, opts);
  let index = 0;
  let durationSec: number | null = null;
  try {
    for (;;) {
      const slot = await session.next();
      if (!slot) break;
      if (index === 0) {
        const info = session.mediaInfo();
        durationSec = info?.durationSec ?? null;
        if (opts.maxSeconds !== undefined && durationSec !== null)
          durationSec = Math.min(durationSec, opts.maxSeconds);
        if (info) opts.onInfo?.(info);
      }
      const frame: VideoFrame = {
        index,
        timeSec: slot.timeSec,
        width: slot.width,
        height: slot.height,
        data: slot.data,
      };
      index++;
      opts.onProgress?.({
        frames: index,
        timeSec: slot.timeSec,
        durationSec,
        fraction: durationSec ? Math.min(1, Math.max(0, slot.timeSec / durationSec)) : null,
        bufferedBytes: session.bufferedBytes(),
      });
      yield frame;
    }
    const failure = session.failure(index);
    if (failure) throw failure;
  } finally {
    await session.dispose();
  }
}
