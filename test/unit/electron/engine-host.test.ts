// The engine host's restart policy, frame gate and request bookkeeping (electron/main/engine-host.ts),
// driven with a fake process and a fake clock: what the utilityProcess does in the app.

import { describe, expect, it } from 'vitest';
import {
  EngineHost,
  FrameGate,
  RestartPolicy,
  type EngineProcessHandlers,
  type HostClock,
} from '../../../electron/main/engine-host.ts';
import type { EngineEvent, ReplyMessage } from '../../../electron/main/ipc-contract.ts';
import type { ToEngine } from '../../../engine/host/utility-protocol.ts';
import { MAX_FRAMES_IN_FLIGHT, type FrameHeader } from '../../../engine/live/protocol.ts';
import { CATALOGUE } from '../../../engine/core/messages.ts';

class FakeClock implements HostClock {
  t = 0;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 1;
  now() {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number) {
    const id = this.nextId++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.timers = this.timers.filter((x) => x.id !== handle);
  }
  advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = next.at;
      next.fn();
    }
    this.t = end;
  }
}

class FakeProcess {
  posted: ToEngine[] = [];
  killed = false;
  constructor(readonly handlers: EngineProcessHandlers) {}
  postMessage(m: ToEngine) {
    this.posted.push(m);
  }
  kill() {
    this.killed = true;
  }
  ready() {
    this.handlers.onMessage({ kind: 'ready' });
  }
  say(message: unknown) {
    this.handlers.onMessage({ kind: 'server', message });
  }
  crash(code = 134) {
    this.handlers.onExit(code);
  }
}

function setup(
  policy = new RestartPolicy({ maxCrashes: 3, windowMs: 60_000, baseDelayMs: 500, maxDelayMs: 4_000 }),
) {
  const clock = new FakeClock();
  const procs: FakeProcess[] = [];
  const events: EngineEvent[] = [];
  const gaveUp: unknown[] = [];
  const host = new EngineHost({
    spawn: (h) => {
      const p = new FakeProcess(h);
      procs.push(p);
      return p;
    },
    emit: (e) => events.push(e),
    onGiveUp: (e) => gaveUp.push(e),
    clock,
    policy,
  });
  host.start();
  return { clock, procs, events, gaveUp, host, last: () => procs[procs.length - 1]! };
}

const header = (seq: number): FrameHeader => ({
  type: 'frame',
  seq,
  captureTimeMs: seq * 33,
  mediaTimeSec: seq / 30,
  width: 16,
  height: 16,
  cropPx: { x: 0, y: 0, width: 16, height: 16 },
  sourceWidth: 640,
  sourceHeight: 480,
});

describe('RestartPolicy', () => {
  it('restarts with doubling delays, capped', () => {
    const p = new RestartPolicy({ maxCrashes: 10, windowMs: 1e9, baseDelayMs: 500, maxDelayMs: 3_000 });
    expect([1, 2, 3, 4, 5].map((t) => p.onCrash(t))).toEqual([
      { action: 'restart', delayMs: 500, crashesInWindow: 1 },
      { action: 'restart', delayMs: 1_000, crashesInWindow: 2 },
      { action: 'restart', delayMs: 2_000, crashesInWindow: 3 },
      { action: 'restart', delayMs: 3_000, crashesInWindow: 4 },
      { action: 'restart', delayMs: 3_000, crashesInWindow: 5 },
    ]);
  });

  it('gives up after N crashes within M seconds, but not when they are spread out', () => {
    const p = new RestartPolicy({ maxCrashes: 3, windowMs: 60_000, baseDelayMs: 100, maxDelayMs: 1_000 });
    expect(p.onCrash(0).action).toBe('restart');
    expect(p.onCrash(70_000).action).toBe('restart'); // the first fell out of the window
    expect(p.onCrash(100_000).action).toBe('restart');
    expect(p.onCrash(110_000)).toEqual({ action: 'give-up', crashesInWindow: 3, windowMs: 60_000 });
    p.reset();
    expect(p.onCrash(120_000)).toEqual({ action: 'restart', delayMs: 100, crashesInWindow: 1 });
  });

  it('refuses nonsensical settings', () => {
    expect(() => new RestartPolicy({ maxCrashes: 0, windowMs: 1, baseDelayMs: 0, maxDelayMs: 0 })).toThrow(
      RangeError,
    );
    expect(() => new RestartPolicy({ maxCrashes: 1, windowMs: 1, baseDelayMs: 10, maxDelayMs: 5 })).toThrow(
      RangeError,
    );
  });
});

describe('FrameGate', () => {
  it('lets one frame through at a time and forgets stale ones', () => {
    const g = new FrameGate(1, 3_000);
    expect(g.tryAcquire(1, 0)).toBe(true);
    expect(g.tryAcquire(2, 10)).toBe(false);
    g.release(1);
    expect(g.tryAcquire(2, 20)).toBe(true);
    expect(g.tryAcquire(3, 3_019)).toBe(false);
    expect(g.tryAcquire(3, 3_020)).toBe(true); // frame 2 never came back
    g.clear();
    expect(g.size).toBe(0);
  });
});

describe('EngineHost', () => {
  it('forwards requests and resolves each with its own reply', async () => {
    const { host, last } = setup();
    last().ready();
    const a = host.request({ id: 1, type: 'engine.info' });
    const b = host.request({ id: 2, type: 'session.mark', label: 'x' });
    expect(last().posted).toEqual([
      { kind: 'message', message: { id: 1, type: 'engine.info' } },
      { kind: 'message', message: { id: 2, type: 'session.mark', label: 'x' } },
    ]);
    last().say({ type: 'reply', id: 2, ok: true, result: null });
    last().say({ type: 'reply', id: 1, ok: true, result: null });
    expect(await a).toEqual({ type: 'reply', id: 1, ok: true, result: null });
    expect(await b).toEqual({ type: 'reply', id: 2, ok: true, result: null });
    expect(host.pendingCount).toBe(0);
  });

  it('refuses a second request with an id that is still waiting', async () => {
    const { host, last } = setup();
    last().ready();
    void host.request({ id: 5, type: 'engine.info' });
    const dup = await host.request({ id: 5, type: 'engine.info' });
    expect(dup).toMatchObject({ id: 5, ok: false, error: { code: 'E_IPC_INVALID' } });
  });

  it('on a crash: answers in-flight requests, tells the window, restarts after the backoff', async () => {
    const { host, procs, events, clock, last } = setup();
    last().ready();
    const pending = host.request({
      id: 7,
      type: 'session.start',
      profile: 'personal',
      lang: 'en',
      source: { kind: 'camera', label: 'c' },
    });
    procs[0]!.crash(139);
    const reply = await pending;
    expect(reply).toMatchObject({
      type: 'reply',
      id: 7,
      ok: false,
      error: { code: 'E_ENGINE_REQUEST_LOST' },
    });
    expect(events).toEqual([
      {
        type: 'engine.error',
        error: {
          code: 'E_ENGINE_RESTARTING',
          key: 'E_ENGINE_RESTARTING',
          params: { exitCode: 139, seconds: 1 },
        },
      },
    ]);
    expect(host.state).toBe('waiting-restart');
    // While it waits, requests are answered at once and frames are dropped with a reason.
    expect(await host.request({ id: 8, type: 'engine.info' })).toMatchObject({
      ok: false,
      error: { code: 'E_ENGINE_UNAVAILABLE' },
    });
    host.sendFrame(header(1), new Uint8Array(16 * 16 * 4));
    expect(events.at(-1)).toEqual({
      type: 'frame.dropped',
      seq: 1,
      reason: { key: 'app.frame-engine-down', params: {} },
    });
    clock.advance(499);
    expect(procs).toHaveLength(1);
    clock.advance(1);
    expect(procs).toHaveLength(2);
    expect(host.state).toBe('starting');
    procs[1]!.ready();
    expect(host.state).toBe('running');
  });

  it('gives up after too many crashes in the window and tells the user once', async () => {
    const { host, procs, events, gaveUp, clock } = setup();
    procs[0]!.crash(1);
    clock.advance(500);
    procs[1]!.crash(1);
    clock.advance(1_000);
    procs[2]!.crash(1);
    clock.advance(60_000);
    expect(procs).toHaveLength(3);
    expect(host.state).toBe('gave-up');
    const last = events.at(-1)!;
    expect(last).toEqual({
      type: 'engine.error',
      error: { code: 'E_ENGINE_GAVE_UP', key: 'E_ENGINE_GAVE_UP', params: { count: 3, seconds: 60 } },
    });
    expect(gaveUp).toHaveLength(1);
    expect(await host.request({ id: 1, type: 'engine.info' })).toMatchObject({
      ok: false,
      error: { code: 'E_ENGINE_UNAVAILABLE' },
    });
    // The user can ask for a fresh start: the policy starts over.
    host.start();
    expect(procs).toHaveLength(4);
  });

  it('ignores messages and exits from a process it already replaced', () => {
    const { procs, events, clock, host } = setup();
    const old = procs[0]!;
    old.crash(1);
    clock.advance(500);
    old.say({
      type: 'alert',
      verdict: 'likely_fake',
      profile: 'bank',
      mediaTimeSec: 1,
      reasons: [],
      nextSteps: [],
    });
    old.crash(1);
    expect(events.filter((e) => e.type === 'alert')).toHaveLength(0);
    expect(events.filter((e) => e.type === 'engine.error')).toHaveLength(1);
    expect(host.state).toBe('starting');
  });

  it('does not restart an engine that cannot start (fatal), and reports its error', () => {
    const { procs, events, gaveUp, host, clock } = setup();
    procs[0]!.handlers.onMessage({
      kind: 'fatal',
      error: { code: 'E_MODEL_MISSING', key: 'E_MODEL_MISSING', params: { name: 'blazeface', path: '/x' } },
    });
    procs[0]!.crash(1);
    clock.advance(100_000);
    expect(procs).toHaveLength(1);
    expect(host.state).toBe('gave-up');
    expect(events).toEqual([
      {
        type: 'engine.error',
        error: { code: 'E_MODEL_MISSING', key: 'E_MODEL_MISSING', params: { name: 'blazeface', path: '/x' } },
      },
    ]);
    expect(gaveUp).toHaveLength(1);
  });

  it('times a request out with one error reply and ignores the late answer', async () => {
    const { host, clock, last } = setup();
    last().ready();
    const p = host.request({ id: 3, type: 'engine.info' });
    clock.advance(30_000);
    const reply = (await p) as ReplyMessage;
    expect(reply).toEqual({
      type: 'reply',
      id: 3,
      ok: false,
      error: { code: 'E_ENGINE_TIMEOUT', key: 'E_ENGINE_TIMEOUT', params: { seconds: 30 } },
    });
    expect(() => last().say({ type: 'reply', id: 3, ok: true, result: null })).not.toThrow();
    expect(host.pendingCount).toBe(0);
  });

  it('sends frames only when running, at most MAX_FRAMES_IN_FLIGHT at a time, and passes results on', () => {
    const { host, events, last } = setup();
    host.sendFrame(header(1), new Uint8Array(1024));
    expect(events.at(-1)).toMatchObject({
      type: 'frame.dropped',
      seq: 1,
      reason: { key: 'app.frame-engine-down' },
    });
    last().ready();
    host.sendFrame(header(2), new Uint8Array(1024));
    host.sendFrame(header(3), new Uint8Array(1024));
    host.sendFrame(header(4), new Uint8Array(1024));
    expect(MAX_FRAMES_IN_FLIGHT).toBe(2);
    expect(events.at(-1)).toMatchObject({ type: 'frame.dropped', seq: 4, reason: { key: 'app.frame-busy' } });
    const posted = () =>
      last()
        .posted.filter((m) => m.kind === 'frame')
        .map((m) => (m as { header: FrameHeader }).header.seq);
    expect(posted()).toEqual([2, 3]);
    const result = {
      type: 'frame.result',
      seq: 2,
      captureTimeMs: 66,
      mediaTimeSec: 0.07,
      engineMs: 20,
      faces: [],
      signals: {},
      verdict: { verdict: 'not_verified', score: null, sinceSec: 0, reasons: [] },
      challenge: null,
    };
    last().say(result);
    expect(events.at(-1)).toEqual(result);
    host.sendFrame(header(5), new Uint8Array(1024));
    expect(posted()).toEqual([2, 3, 5]);
  });

  it('ignores envelopes that are not from the protocol', () => {
    const { events, last } = setup();
    for (const junk of [
      null,
      42,
      'x',
      { kind: 'server' },
      { kind: 'server', message: { noType: 1 } },
      { kind: 'evil' },
    ])
      expect(() => last().handlers.onMessage(junk)).not.toThrow();
    expect(events).toEqual([]);
  });

  it('closes by asking the engine to close, and kills it after the grace period', async () => {
    const { host, clock, last } = setup();
    last().ready();
    const pending = host.request({ id: 1, type: 'session.stop' });
    const closed = host.close();
    expect(last().posted.at(-1)).toEqual({ kind: 'close' });
    clock.advance(5_000);
    expect(last().killed).toBe(true);
    last().crash(0);
    await closed;
    expect(host.state).toBe('stopped');
    expect(await pending).toMatchObject({ ok: false, error: { code: 'E_ENGINE_UNAVAILABLE' } });
  });

  it('counts a fork that throws as a crash', () => {
    const clock = new FakeClock();
    let calls = 0;
    const events: EngineEvent[] = [];
    const host = new EngineHost({
      spawn: () => {
        calls++;
        throw new Error('fork failed');
      },
      emit: (e) => events.push(e),
      clock,
      policy: new RestartPolicy({ maxCrashes: 2, windowMs: 10_000, baseDelayMs: 100, maxDelayMs: 100 }),
    });
    expect(() => host.start()).not.toThrow();
    clock.advance(100);
    expect(calls).toBe(2);
    expect(host.state).toBe('gave-up');
    expect(events.map((e) => e.type === 'engine.error' && e.error.code)).toEqual([
      'E_ENGINE_RESTARTING',
      'E_ENGINE_GAVE_UP',
    ]);
  });

  it('uses codes and keys the catalogue has in both languages', () => {
    for (const key of [
      'E_ENGINE_RESTARTING',
      'E_ENGINE_GAVE_UP',
      'E_ENGINE_UNAVAILABLE',
      'E_ENGINE_REQUEST_LOST',
      'E_ENGINE_TIMEOUT',
      'app.frame-busy',
      'app.frame-engine-down',
    ] as const) {
      expect(CATALOGUE.en[key], key).toBeTruthy();
      expect(CATALOGUE['zh-CN'][key], key).toBeTruthy();
    }
  });
});
