// Runs the engine out of the main process (an Electron utilityProcess in the app; anything with
// postMessage/kill in tests) and keeps the window's requests honest around it: every request gets
// exactly one reply (the engine's, or an error when the engine crashed, is restarting, or timed out),
// frames are dropped rather than queued when the engine is busy, and a crash is reported to the
// window and restarted with backoff until the restart policy gives up. No Electron import: main.ts
// passes a `spawn` that forks the utility process.

import type { ClientMessage, ClientRequest, FrameHeader } from '../../engine/live/protocol.ts';
import { MAX_FRAMES_IN_FLIGHT } from '../../engine/live/protocol.ts';
import { parseFromEngine, type EngineErrorText, type ToEngine } from '../../engine/host/utility-protocol.ts';
import { droppedFrameEvent, errorReply, type EngineEvent, type ReplyMessage } from './ipc-contract.ts';

// ---- restart policy ---------------------------------------------------------------------------

export interface RestartPolicyOptions {
  /** Give up when this many crashes happen within `windowMs`. */
  maxCrashes: number;
  windowMs: number;
  /** Delay before the first restart; doubled for each further crash within the window. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  maxCrashes: 4,
  windowMs: 120_000,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
};

export type RestartDecision =
  | { action: 'restart'; delayMs: number; crashesInWindow: number }
  | { action: 'give-up'; crashesInWindow: number; windowMs: number };

/** When to restart a crashed engine and when to stop trying. A pure function of the crash times. */
export class RestartPolicy {
  private crashes: number[] = [];

  constructor(readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {
    const { maxCrashes, windowMs, baseDelayMs, maxDelayMs } = options;
    if (!Number.isInteger(maxCrashes) || maxCrashes < 1)
      throw new RangeError('maxCrashes must be a positive integer');
    if (!(windowMs > 0) || !(baseDelayMs >= 0) || !(maxDelayMs >= baseDelayMs))
      throw new RangeError('windowMs > 0 and 0 ≤ baseDelayMs ≤ maxDelayMs');
  }

  /** Records a crash at `nowMs` and decides. */
  onCrash(nowMs: number): RestartDecision {
    const { maxCrashes, windowMs, baseDelayMs, maxDelayMs } = this.options;
    this.crashes = [...this.crashes.filter((t) => nowMs - t < windowMs), nowMs];
    const n = this.crashes.length;
    if (n >= maxCrashes) return { action: 'give-up', crashesInWindow: n, windowMs };
    return {
      action: 'restart',
      delayMs: Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1)),
      crashesInWindow: n,
    };
  }

  /** Forgets past crashes (the user restarted the engine by hand). */
  reset(): void {
    this.crashes = [];
  }
}

// ---- frame gate -------------------------------------------------------------------------------

/**
 * At most `maxInFlight` frames at the engine at once (MAX_FRAMES_IN_FLIGHT: one analysed, one
 * waiting; the engine drops any more as busy): a frame captured while the engine is still
 * busy is dropped, so what is analysed is always recent (the latency budget is 300 ms). A frame
 * whose result never comes is forgotten after `staleMs`.
 */
export class FrameGate {
  private readonly inFlight = new Map<number, number>();

  constructor(
    readonly maxInFlight = MAX_FRAMES_IN_FLIGHT,
    readonly staleMs = 3_000,
  ) {}

  tryAcquire(seq: number, nowMs: number): boolean {
    for (const [s, t] of this.inFlight) if (nowMs - t >= this.staleMs) this.inFlight.delete(s);
    if (this.inFlight.has(seq) || this.inFlight.size >= this.maxInFlight) return false;
    this.inFlight.set(seq, nowMs);
    return true;
  }

  release(seq: number): void {
    this.inFlight.delete(seq);
  }

  clear(): void {
    this.inFlight.clear();
  }

  get size(): number {
    return this.inFlight.size;
  }
}

// ---- the host ---------------------------------------------------------------------------------

/** Seconds a request may wait for its reply (models load on session.start; a report renders on export). */
export const REQUEST_TIMEOUT_MS: Readonly<Record<ClientRequest['type'], number>> = {
  'session.start': 90_000,
  'session.stop': 60_000,
  'session.mark': 30_000,
  'session.note': 30_000,
  'challenge.start': 30_000,
  'challenge.next': 30_000,
  'challenge.abort': 30_000,
  'report.export': 180_000,
  'log.export': 60_000,
  'engine.info': 30_000,
};

export interface EngineProcess {
  postMessage(message: ToEngine): void;
  kill(): void;
}

export interface EngineProcessHandlers {
  onMessage(data: unknown): void;
  onExit(code: number): void;
}

export type SpawnEngine = (handlers: EngineProcessHandlers) => EngineProcess;

export interface HostClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_CLOCK: HostClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type EngineState =
  'idle' | 'starting' | 'running' | 'waiting-restart' | 'gave-up' | 'closing' | 'stopped';

export interface EngineHostOptions {
  spawn: SpawnEngine;
  /** Events for the window (frame results, alerts, dropped frames, engine errors). */
  emit: (event: EngineEvent) => void;
  /** Called once when the engine will not be restarted (too many crashes, or it cannot start). */
  onGiveUp?: (error: EngineErrorText) => void;
  clock?: HostClock;
  policy?: RestartPolicy;
  frameGate?: FrameGate;
  requestTimeoutMs?: Readonly<Record<ClientRequest['type'], number>>;
  /** How long close() waits for the engine to exit by itself before killing it. */
  closeGraceMs?: number;
}

interface Pending {
  resolve: (reply: ReplyMessage) => void;
  timer: unknown;
}

export class EngineHost {
  private state_: EngineState = 'idle';
  private proc: EngineProcess | null = null;
  private generation = 0;
  private readonly pending = new Map<number, Pending>();
  private restartTimer: unknown = null;
  private killTimer: unknown = null;
  private closeWaiters: Array<() => void> = [];
  private readonly clock: HostClock;
  private readonly policy: RestartPolicy;
  private readonly gate: FrameGate;
  private readonly timeouts: Readonly<Record<ClientRequest['type'], number>>;

  constructor(private readonly opts: EngineHostOptions) {
    this.clock = opts.clock ?? SYSTEM_CLOCK;
    this.policy = opts.policy ?? new RestartPolicy();
    this.gate = opts.frameGate ?? new FrameGate();
    this.timeouts = opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  }

  get state(): EngineState {
    return this.state_;
  }

  /** Number of requests waiting for their reply. */
  get pendingCount(): number {
    return this.pending.size;
  }

  start(): void {
    if (this.state_ !== 'idle' && this.state_ !== 'gave-up' && this.state_ !== 'stopped') return;
    if (this.state_ === 'gave-up') this.policy.reset();
    this.spawnNow();
  }

  /** Forwards a validated request; resolves with exactly one reply. Never rejects. */
  request(message: ClientMessage): Promise<ReplyMessage> {
    const { id } = message;
    if (this.state_ !== 'starting' && this.state_ !== 'running')
      return Promise.resolve(errorReply(id, 'E_ENGINE_UNAVAILABLE'));
    if (this.pending.has(id))
      return Promise.resolve(
        errorReply(id, 'E_IPC_INVALID', { detail: `request id ${id} is already waiting for its reply` }),
      );
    return new Promise<ReplyMessage>((resolve) => {
      const timeoutMs = this.timeouts[message.type];
      const timer = this.clock.setTimeout(() => {
        if (this.pending.get(id)?.resolve !== resolve) return;
        this.pending.delete(id);
        resolve(errorReply(id, 'E_ENGINE_TIMEOUT', { seconds: Math.round(timeoutMs / 1000) }));
      }, timeoutMs);
      this.pending.set(id, { resolve, timer });
      this.post({ kind: 'message', message });
    });
  }

  /** Forwards a validated frame, or emits `frame.dropped` when the engine is busy or not running. */
  sendFrame(header: FrameHeader, pixels: Uint8Array): void {
    if (this.state_ !== 'running') {
      this.opts.emit(droppedFrameEvent(header.seq, 'app.frame-engine-down'));
      return;
    }
    if (!this.gate.tryAcquire(header.seq, this.clock.now())) {
      this.opts.emit(droppedFrameEvent(header.seq, 'app.frame-busy'));
      return;
    }
    this.post({ kind: 'frame', header, pixels });
  }

  /** Asks the engine to close its session and exit; kills it after the grace period. */
  close(): Promise<void> {
    if (this.restartTimer !== null) {
      this.clock.clearTimeout(this.restartTimer);
      this.restartTimer = null;
    }
    if (!this.proc) {
      this.state_ = 'stopped';
      this.failPending('E_ENGINE_UNAVAILABLE');
      return Promise.resolve();
    }
    const done = new Promise<void>((resolve) => this.closeWaiters.push(resolve));
    if (this.state_ !== 'closing') {
      this.state_ = 'closing';
      this.post({ kind: 'close' });
      const proc = this.proc;
      this.killTimer = this.clock.setTimeout(() => proc.kill(), this.opts.closeGraceMs ?? 5_000);
    }
    return done;
  }

  private spawnNow(): void {
    const generation = ++this.generation;
    this.state_ = 'starting';
    this.restartTimer = null;
    try {
      this.proc = this.opts.spawn({
        onMessage: (data) => {
          if (generation === this.generation) this.onMessage(data);
        },
        onExit: (code) => {
          if (generation === this.generation) this.onExit(code);
        },
      });
    } catch (error) {
      // A fork that fails outright counts as a crash (the policy decides whether to try again).
      this.proc = null;
      this.onExit(-1, error);
    }
  }

  private post(message: ToEngine): void {
    try {
      this.proc?.postMessage(message);
    } catch {
      // The process is going away; its exit handler answers what is pending.
    }
  }

  private onMessage(data: unknown): void {
    const env = parseFromEngine(data);
    if (!env) return;
    if (env.kind === 'ready') {
      if (this.state_ === 'starting') this.state_ = 'running';
      return;
    }
    if (env.kind === 'fatal') {
      this.giveUp(env.error);
      return;
    }
    const message = env.message;
    if (message.type === 'reply') {
      const waiting = this.pending.get(message.id);
      if (!waiting) return; // timed out already: the window got its error reply
      this.pending.delete(message.id);
      this.clock.clearTimeout(waiting.timer);
      waiting.resolve(message);
      return;
    }
    if (
      message.type === 'frame.result' ||
      message.type === 'context.result' ||
      message.type === 'frame.dropped'
    )
      this.gate.release(message.seq);
    this.opts.emit(message);
  }

  private onExit(code: number, _cause?: unknown): void {
    this.proc = null;
    this.gate.clear();
    if (this.killTimer !== null) {
      this.clock.clearTimeout(this.killTimer);
      this.killTimer = null;
    }
    if (this.state_ === 'closing' || this.state_ === 'stopped') {
      this.state_ = 'stopped';
      this.failPending('E_ENGINE_UNAVAILABLE');
      const waiters = this.closeWaiters;
      this.closeWaiters = [];
      for (const w of waiters) w();
      return;
    }
    this.failPending('E_ENGINE_REQUEST_LOST');
    if (this.state_ === 'gave-up') return;
    const decision = this.policy.onCrash(this.clock.now());
    if (decision.action === 'give-up') {
      this.giveUp({
        code: 'E_ENGINE_GAVE_UP',
        key: 'E_ENGINE_GAVE_UP',
        params: { count: decision.crashesInWindow, seconds: Math.round(decision.windowMs / 1000) },
      });
      return;
    }
    this.state_ = 'waiting-restart';
    this.opts.emit({
      type: 'engine.error',
      error: {
        code: 'E_ENGINE_RESTARTING',
        key: 'E_ENGINE_RESTARTING',
        params: { exitCode: code, seconds: Math.max(1, Math.round(decision.delayMs / 1000)) },
      },
    });
    this.restartTimer = this.clock.setTimeout(() => this.spawnNow(), decision.delayMs);
  }

  private giveUp(error: EngineErrorText): void {
    if (this.state_ === 'gave-up') return;
    this.state_ = 'gave-up';
    this.failPending('E_ENGINE_REQUEST_LOST');
    this.gate.clear();
    this.opts.emit({ type: 'engine.error', error: { ...error, params: error.params ?? {} } });
    this.opts.onGiveUp?.(error);
  }

  private failPending(code: string): void {
    const pending = [...this.pending];
    this.pending.clear();
    for (const [id, p] of pending) {
      this.clock.clearTimeout(p.timer);
      p.resolve(errorReply(id, code));
    }
  }
}
