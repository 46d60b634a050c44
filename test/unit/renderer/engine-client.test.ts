// The two transports of the window's engine client, on stand-ins for a WebSocket and for the
// preload bridge: requests get ids and their replies, refusals become EngineRequestError, events
// reach listeners, frames travel in the protocol's binary form.

import { describe, expect, it } from 'vitest';
import type { CallSentinelBridge, ReplyMessage } from '../../../electron/preload/bridge-types.ts';
import {
  decodeFrameMessage,
  type ClientMessage,
  type FrameHeader,
  type ServerMessage,
} from '../../../engine/live/protocol.ts';
import { BridgeEngineClient, findBridge } from '../../../renderer/engine-client/bridge-client.ts';
import { EngineRequestError, type EngineEvent } from '../../../renderer/engine-client/types.ts';
import { engineSocketUrl, WebSocketEngineClient } from '../../../renderer/engine-client/websocket-client.ts';

type Listener = (ev: { data?: unknown }) => void;

/** Just enough of a browser WebSocket for the client. */
class FakeSocket {
  static last: FakeSocket | null = null;
  readyState = 0;
  binaryType = 'blob';
  sent: Array<string | Uint8Array> = [];
  private listeners = new Map<string, Listener[]>();
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  addEventListener(type: string, l: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), l]);
  }
  send(data: string | Uint8Array): void {
    this.sent.push(data);
  }
  close(): void {
    this.readyState = 3;
    this.emit('close', {});
  }
  emit(type: string, ev: { data?: unknown }): void {
    for (const l of this.listeners.get(type) ?? []) l(ev);
  }
  open(): void {
    this.readyState = 1;
    this.emit('open', {});
  }
  reply(message: ServerMessage): void {
    this.emit('message', { data: JSON.stringify(message) });
  }
}

function connect(): { client: WebSocketEngineClient; socket: FakeSocket } {
  const client = new WebSocketEngineClient({
    url: 'ws://127.0.0.1:1/engine?token=t',
    WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
  });
  return { client, socket: FakeSocket.last! };
}

const header: FrameHeader = {
  type: 'frame',
  seq: 7,
  captureTimeMs: 12.5,
  mediaTimeSec: 1.5,
  width: 16,
  height: 16,
  cropPx: { x: 10, y: 20, width: 32, height: 32 },
  sourceWidth: 640,
  sourceHeight: 480,
};

describe('engine client over WebSocket', () => {
  it('builds the engine address from the page address and its token', () => {
    expect(engineSocketUrl({ host: '127.0.0.1:5000', search: '?token=a+b/c', protocol: 'http:' })).toBe(
      'ws://127.0.0.1:5000/engine?token=a%20b%2Fc',
    );
    expect(engineSocketUrl({ host: '127.0.0.1:5000', search: '', protocol: 'http:' })).toBeNull();
  });

  it('sends requests once open, with increasing ids, and resolves each with its own reply', async () => {
    const { client, socket } = connect();
    const stop = client.request({ type: 'session.stop' });
    const info = client.request({ type: 'engine.info' });
    expect(socket.sent).toEqual([]);
    socket.open();
    await new Promise((r) => setTimeout(r, 0));
    const sent = socket.sent.map((m) => JSON.parse(m as string) as ClientMessage);
    expect(sent.map((m) => [m.id, m.type])).toEqual([
      [1, 'session.stop'],
      [2, 'engine.info'],
    ]);
    // Replies out of order still reach the right caller.
    socket.reply({
      type: 'reply',
      id: 2,
      ok: true,
      result: { appVersion: '1', protocolVersion: 1, ffmpeg: 'x', models: [] },
    });
    socket.reply({
      type: 'reply',
      id: 1,
      ok: false,
      error: { code: 'E_LIVE_NO_SESSION', key: 'E_LIVE_NO_SESSION' },
    });
    await expect(info).resolves.toMatchObject({ appVersion: '1' });
    const error = await stop.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineRequestError);
    expect((error as EngineRequestError).code).toBe('E_LIVE_NO_SESSION');
    expect((error as EngineRequestError).text).toEqual({ key: 'E_LIVE_NO_SESSION' });
  });

  it('passes events, not replies, to listeners, and ignores what is not JSON', () => {
    const { client, socket } = connect();
    socket.open();
    const events: EngineEvent[] = [];
    const off = client.onEvent((e) => events.push(e));
    socket.reply({ type: 'frame.dropped', seq: 3, reason: { key: 'app.frame-busy' } });
    socket.reply({ type: 'reply', id: 99, ok: true, result: null });
    socket.emit('message', { data: 'not json' });
    socket.emit('message', { data: new ArrayBuffer(4) });
    off();
    socket.reply({ type: 'frame.dropped', seq: 4, reason: { key: 'app.frame-busy' } });
    expect(events).toEqual([{ type: 'frame.dropped', seq: 3, reason: { key: 'app.frame-busy' } }]);
  });

  it('sends a frame as one binary message the engine can decode, only while open', () => {
    const { client, socket } = connect();
    const rgba = new Uint8Array(16 * 16 * 4).map((_, i) => i % 251);
    client.sendFrame(header, rgba);
    expect(socket.sent).toHaveLength(0);
    socket.open();
    client.sendFrame(header, rgba);
    const decoded = decodeFrameMessage(socket.sent[0] as Uint8Array);
    expect(decoded.ok).toBe(true);
    if (decoded.ok) {
      expect(decoded.value.header).toEqual(header);
      expect(Array.from(decoded.value.rgba.subarray(0, 5))).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it('rejects requests in flight when the connection closes, and reports the status', async () => {
    const { client, socket } = connect();
    const statuses: string[] = [];
    client.onStatus((s) => statuses.push(s));
    socket.open();
    const pending = client.request({ type: 'log.export' });
    await new Promise((r) => setTimeout(r, 0));
    socket.close();
    await expect(pending).rejects.toThrow(/closed/);
    expect(statuses).toEqual(['connecting', 'open', 'closed']);
  });
});

describe('engine client over the preload bridge', () => {
  function fakeBridge(answer: (m: ClientMessage) => ReplyMessage) {
    const frames: Array<{ header: FrameHeader; bytes: number }> = [];
    const requests: ClientMessage[] = [];
    let listener: ((e: EngineEvent) => void) | null = null;
    const bridge: CallSentinelBridge = {
      request: async (m) => {
        requests.push(m);
        return answer(m);
      },
      sendFrame: (h, pixels) => frames.push({ header: h, bytes: pixels.byteLength }),
      onEvent: (l) => {
        listener = l;
        return () => (listener = null);
      },
      listCaptureSources: async () => [],
      chooseCaptureSource: async () => true,
    };
    return { bridge, frames, requests, emit: (e: EngineEvent) => listener?.(e) };
  }

  it('is found only when the window has a bridge with the three calls', () => {
    const { bridge } = fakeBridge(() => ({ type: 'reply', id: 0, ok: true, result: null }));
    expect(findBridge({ callSentinel: bridge })).toBe(bridge);
    expect(findBridge({})).toBeNull();
    expect(findBridge({ callSentinel: { request: () => undefined } })).toBeNull();
  });

  it('numbers requests, unwraps replies, turns refusals into EngineRequestError', async () => {
    const f = fakeBridge((m) =>
      m.type === 'session.mark'
        ? {
            type: 'reply',
            id: m.id,
            ok: false,
            error: { code: 'E_LIVE_NO_SESSION', key: 'E_LIVE_NO_SESSION' },
          }
        : { type: 'reply', id: m.id, ok: true, result: null },
    );
    const client = new BridgeEngineClient(f.bridge);
    await expect(client.request({ type: 'session.note', text: 'x' })).resolves.toBeNull();
    await expect(client.request({ type: 'session.mark' })).rejects.toBeInstanceOf(EngineRequestError);
    expect(f.requests.map((r) => r.id)).toEqual([1, 2]);
  });

  it('hands frames over as an ArrayBuffer of exactly the pixels, even from a view into a larger buffer', () => {
    const f = fakeBridge(() => ({ type: 'reply', id: 0, ok: true, result: null }));
    const client = new BridgeEngineClient(f.bridge);
    const big = new Uint8Array(16 * 16 * 4 + 100);
    client.sendFrame(header, big.subarray(50, 50 + 16 * 16 * 4));
    expect(f.frames).toEqual([{ header, bytes: 16 * 16 * 4 }]);
  });

  it('passes engine events on until closed', () => {
    const f = fakeBridge(() => ({ type: 'reply', id: 0, ok: true, result: null }));
    const client = new BridgeEngineClient(f.bridge);
    const seen: string[] = [];
    client.onEvent((e) => seen.push(e.type));
    f.emit({ type: 'engine.error', error: { code: 'E_ENGINE_RESTARTING', key: 'E_ENGINE_RESTARTING' } });
    client.close();
    f.emit({ type: 'frame.dropped', seq: 1, reason: { key: 'x' } });
    expect(seen).toEqual(['engine.error']);
  });
});
