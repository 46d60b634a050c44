// The preload bridge (electron/preload/preload.ts) with 'electron' replaced by a fake: exactly the
// five methods, each on its fixed channel, JSON text on the wire, no generic send/invoke.

import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallSentinelBridge } from '../../../electron/preload/bridge-types.ts';
import { IPC_CHANNELS } from '../../../electron/main/ipc-contract.ts';

const fake = vi.hoisted(() => {
  const exposed: Record<string, unknown> = {};
  const invokes: unknown[][] = [];
  const sends: unknown[][] = [];
  const listeners = new Map<string, Set<(...a: unknown[]) => void>>();
  return {
    exposed,
    invokes,
    sends,
    listeners,
    electron: {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => {
          invokes.push(args);
          return 'answer';
        },
        send: (...args: unknown[]) => void sends.push(args),
        on: (ch: string, l: (...a: unknown[]) => void) => {
          if (!listeners.has(ch)) listeners.set(ch, new Set());
          listeners.get(ch)!.add(l);
        },
        removeListener: (ch: string, l: (...a: unknown[]) => void) => void listeners.get(ch)?.delete(l),
      },
    },
  };
});
vi.mock('electron', () => fake.electron);

let bridge: CallSentinelBridge;
beforeAll(async () => {
  await import('../../../electron/preload/preload.ts');
  bridge = fake.exposed.callSentinel as CallSentinelBridge;
});

describe('preload bridge', () => {
  it('exposes one object, window.callSentinel, with exactly the five methods', () => {
    expect(Object.keys(fake.exposed)).toEqual(['callSentinel']);
    expect(Object.keys(bridge).sort()).toEqual([
      'chooseCaptureSource',
      'listCaptureSources',
      'onEvent',
      'request',
      'sendFrame',
    ]);
    for (const v of Object.values(bridge)) expect(typeof v).toBe('function');
  });

  it('sends requests and frames as JSON text on their fixed channels', async () => {
    expect(await bridge.request({ id: 1, type: 'engine.info' })).toBe('answer');
    const header = {
      type: 'frame' as const,
      seq: 3,
      captureTimeMs: 1,
      mediaTimeSec: 0,
      width: 16,
      height: 16,
      cropPx: { x: 0, y: 0, width: 16, height: 16 },
      sourceWidth: 16,
      sourceHeight: 16,
    };
    const pixels = new ArrayBuffer(16 * 16 * 4);
    bridge.sendFrame(header, pixels);
    await bridge.listCaptureSources();
    await bridge.chooseCaptureSource('screen:0:0');
    expect(fake.invokes).toEqual([
      [IPC_CHANNELS.request, JSON.stringify({ id: 1, type: 'engine.info' })],
      [IPC_CHANNELS.listCaptureSources],
      [IPC_CHANNELS.chooseCaptureSource, 'screen:0:0'],
    ]);
    expect(fake.sends).toEqual([[IPC_CHANNELS.frame, JSON.stringify(header), pixels]]);
  });

  it('delivers events without the Electron event object and unsubscribes', () => {
    const got: unknown[] = [];
    const off = bridge.onEvent((e) => got.push(e));
    const [listener] = fake.listeners.get(IPC_CHANNELS.event)!;
    listener!(
      { sender: 'ipc internals' },
      { type: 'frame.dropped', seq: 1, reason: { key: 'app.frame-busy' } },
    );
    expect(got).toEqual([{ type: 'frame.dropped', seq: 1, reason: { key: 'app.frame-busy' } }]);
    off();
    expect(fake.listeners.get(IPC_CHANNELS.event)!.size).toBe(0);
  });
});
