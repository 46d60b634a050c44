// The engine side of the utilityProcess channel (engine/host/utility-runner.ts, utility-protocol.ts),
// with a fake parent port and a fake session host.

import { describe, expect, it } from 'vitest';
import { UtilityRunner, type HostLike, type ParentPortLike } from '../../../engine/host/utility-runner.ts';
import {
  engineLaunchArgv,
  parseEngineLaunchArgv,
  parseFromEngine,
  parseToEngine,
} from '../../../engine/host/utility-protocol.ts';
import { CallSentinelError } from '../../../engine/core/errors.ts';
import type { ServerMessage } from '../../../engine/live/protocol.ts';

class FakePort implements ParentPortLike {
  listener: ((e: { data: unknown }) => void) | null = null;
  posted: unknown[] = [];
  on(_event: 'message', listener: (e: { data: unknown }) => void) {
    this.listener = listener;
  }
  postMessage(m: unknown) {
    this.posted.push(m);
  }
  deliver(data: unknown) {
    this.listener!({ data });
  }
}

class FakeHost implements HostLike {
  calls: Array<[string, unknown?, number?]> = [];
  constructor(private readonly send: (m: ServerMessage) => void) {}
  async handleMessage(raw: unknown) {
    this.calls.push(['message', raw]);
    const id = (raw as { id: number }).id;
    this.send({ type: 'reply', id, ok: true, result: null });
  }
  async handleFrame(header: unknown, rgba: Uint8Array) {
    this.calls.push(['frame', header, rgba.length]);
  }
  async close() {
    this.calls.push(['close']);
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('UtilityRunner', () => {
  it('announces ready, then passes requests and frames to the host and its replies back', async () => {
    const port = new FakePort();
    let host: FakeHost | null = null;
    const exits: number[] = [];
    const runner = new UtilityRunner({
      port,
      createHost: (send) => (host = new FakeHost(send)),
      exit: (c) => exits.push(c),
    });
    await runner.start();
    expect(port.posted).toEqual([{ kind: 'ready' }]);
    port.deliver({ kind: 'message', message: { id: 4, type: 'engine.info' } });
    port.deliver({ kind: 'frame', header: { type: 'frame', seq: 1 }, pixels: new Uint8Array(64) });
    port.deliver({ kind: 'frame', header: { type: 'frame', seq: 2 }, pixels: new ArrayBuffer(32) });
    await tick();
    expect(host!.calls).toEqual([
      ['message', { id: 4, type: 'engine.info' }],
      ['frame', { type: 'frame', seq: 1 }, 64],
      ['frame', { type: 'frame', seq: 2 }, 32],
    ]);
    expect(port.posted.at(-1)).toEqual({
      kind: 'server',
      message: { type: 'reply', id: 4, ok: true, result: null },
    });
    port.deliver({ kind: 'close' });
    await tick();
    expect(host!.calls.at(-1)).toEqual(['close']);
    expect(exits).toEqual([0]);
  });

  it('keeps requests that arrive while the host is created, drops frames meanwhile', async () => {
    const port = new FakePort();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let host: FakeHost | null = null;
    const runner = new UtilityRunner({
      port,
      createHost: async (send) => {
        await gate;
        return (host = new FakeHost(send));
      },
      exit: () => {},
    });
    const started = runner.start();
    port.deliver({ kind: 'message', message: { id: 1, type: 'engine.info' } });
    port.deliver({ kind: 'frame', header: { type: 'frame', seq: 1 }, pixels: new Uint8Array(4) });
    release();
    await started;
    await tick();
    expect(host!.calls).toEqual([['message', { id: 1, type: 'engine.info' }]]);
  });

  it('reports a host that cannot be created as fatal, with its error code, and exits', async () => {
    const port = new FakePort();
    const exits: number[] = [];
    const runner = new UtilityRunner({
      port,
      createHost: () => {
        throw new CallSentinelError('E_MODEL_MISSING', { name: 'blazeface', path: '/m/blazeface.onnx' });
      },
      exit: (c) => exits.push(c),
    });
    await runner.start();
    expect(port.posted).toEqual([
      {
        kind: 'fatal',
        error: {
          code: 'E_MODEL_MISSING',
          key: 'E_MODEL_MISSING',
          params: { name: 'blazeface', path: '/m/blazeface.onnx' },
        },
      },
    ]);
    expect(exits).toEqual([1]);
  });

  it('ignores anything that is not an envelope', async () => {
    const port = new FakePort();
    const logs: string[] = [];
    let host: FakeHost | null = null;
    await new UtilityRunner({
      port,
      createHost: (s) => (host = new FakeHost(s)),
      exit: () => {},
      log: (t) => logs.push(t),
    }).start();
    for (const junk of [null, 1, 'x', { kind: 'frame', header: {}, pixels: 'no' }, { kind: 'exec' }])
      port.deliver(junk);
    await tick();
    expect(host!.calls).toEqual([]);
    expect(logs).toHaveLength(5);
  });
});

describe('utility protocol', () => {
  it('round-trips the launch arguments and refuses incomplete ones', () => {
    const args = { dataDir: '/d', modelsDir: '/m/vendor', trainedModelsDir: '/m' };
    expect(parseEngineLaunchArgv(engineLaunchArgv(args))).toEqual(args);
    expect(parseEngineLaunchArgv([])).toBeNull();
    expect(parseEngineLaunchArgv(['--models-dir', '/m'])).toBeNull();
    expect(parseEngineLaunchArgv(['--data-dir'])).toBeNull();
    expect(parseEngineLaunchArgv(['--data-dir', '/d', '--evil', 'x'])).toBeNull();
  });

  it('checks envelopes in both directions', () => {
    expect(parseToEngine({ kind: 'close' })).toEqual({ kind: 'close' });
    expect(parseToEngine({ kind: 'frame', header: null, pixels: new Uint8Array(1) })).toBeNull();
    expect(parseFromEngine({ kind: 'ready' })).toEqual({ kind: 'ready' });
    expect(parseFromEngine({ kind: 'fatal', error: { code: 'E_X', key: 'E_X', params: { a: {} } } })).toEqual(
      {
        kind: 'fatal',
        error: { code: 'E_X', key: 'E_X' },
      },
    );
    expect(parseFromEngine({ kind: 'fatal', error: { code: 1 } })).toBeNull();
    // An error's detail may be a catalogue text (worded in the window's language), one level deep only.
    const detail = { key: 'calibration.detail.missing', params: {} };
    const calibration = {
      code: 'E_MODEL_CALIBRATION',
      key: 'E_MODEL_CALIBRATION',
      params: { path: 'c', detail },
    };
    expect(parseFromEngine({ kind: 'fatal', error: calibration })).toEqual({
      kind: 'fatal',
      error: calibration,
    });
    const deeper = { key: 'k', params: { inner: { key: 'k2' } } };
    expect(
      parseFromEngine({ kind: 'fatal', error: { code: 'E_X', key: 'E_X', params: { detail: deeper } } }),
    ).toEqual({
      kind: 'fatal',
      error: { code: 'E_X', key: 'E_X' },
    });
  });
});
