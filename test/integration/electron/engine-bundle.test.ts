// The engine as the desktop app runs it: the esbuild bundle dist/electron/engine-host.cjs
// (scripts/build-electron.ts), started in plain Node with a stand-in for Electron's
// process.parentPort (a utilityProcess is Node; only the port is Electron's). It must load the
// real models from dist/electron's relative paths, answer requests, analyse a frame, close the
// session and exit when asked. What it cannot show: Electron's own utilityProcess and restart.

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron, ELECTRON_OUT } from '../../../scripts/build-electron.ts';

const HARNESS = `
const { EventEmitter } = require('node:events');
const port = new EventEmitter();
port.postMessage = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
process.parentPort = port;
process.argv = [process.argv[0], 'engine-host.cjs', '--data-dir', process.env.DATA_DIR];
require(process.env.BUNDLE);
process.stdin.setEncoding('utf8');
let buf = '';
process.stdin.on('data', (chunk) => {
  buf += chunk;
  let i;
  while ((i = buf.indexOf('\\n')) >= 0) {
    const line = buf.slice(0, i); buf = buf.slice(i + 1);
    const data = JSON.parse(line);
    if (data.kind === 'frame') data.pixels = new Uint8Array(data.header.width * data.header.height * 4).fill(128);
    port.emit('message', { data });
  }
});
`;

let dataDir: string;
beforeAll(async () => {
  await buildElectron();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'callsentinel-engine-bundle-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('engine bundle in a utilityProcess stand-in', () => {
  it('answers, analyses a frame, closes its session and exits 0', async () => {
    const child = spawn(process.execPath, ['-e', HARNESS], {
      env: { ...process.env, DATA_DIR: dataDir, BUNDLE: path.join(ELECTRON_OUT, 'engine-host.cjs') },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const received: Array<Record<string, unknown>> = [];
    const waiters: Array<() => void> = [];
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      let i;
      while ((i = out.indexOf('\n')) >= 0) {
        received.push(JSON.parse(out.slice(0, i)));
        out = out.slice(i + 1);
        waiters.splice(0).forEach((w) => w());
      }
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const send = (data: unknown) => child.stdin.write(`${JSON.stringify(data)}\n`);
    const waitFor = async (pred: (m: Record<string, unknown>) => boolean) => {
      for (;;) {
        const hit = received.find(pred);
        if (hit) return hit;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    };
    const reply = (id: number) =>
      waitFor((m) => m.kind === 'server' && (m.message as { id?: number }).id === id);

    await waitFor((m) => m.kind === 'ready');
    send({ kind: 'message', message: { id: 1, type: 'engine.info' } });
    expect((await reply(1)).message).toMatchObject({
      type: 'reply',
      id: 1,
      ok: true,
      result: { protocolVersion: 1 },
    });
    send({
      kind: 'message',
      message: {
        id: 2,
        type: 'session.start',
        profile: 'bank',
        lang: 'zh-CN',
        source: { kind: 'camera', label: 'bundle test' },
      },
    });
    expect((await reply(2)).message).toMatchObject({
      type: 'reply',
      id: 2,
      ok: true,
      result: { profile: 'bank' },
    });
    const header = {
      type: 'frame',
      seq: 1,
      captureTimeMs: 1,
      mediaTimeSec: 0,
      width: 64,
      height: 48,
      cropPx: { x: 0, y: 0, width: 64, height: 48 },
      sourceWidth: 64,
      sourceHeight: 48,
    };
    send({ kind: 'frame', header });
    const result = await waitFor(
      (m) => m.kind === 'server' && (m.message as { type?: string }).type === 'frame.result',
    );
    expect(result.message).toMatchObject({ type: 'frame.result', seq: 1, faces: [] });
    send({ kind: 'message', message: { id: 3, type: 'session.stop' } });
    expect((await reply(3)).message).toMatchObject({ type: 'reply', id: 3, ok: true });
    send({ kind: 'close' });
    expect(await exited).toBe(0);
    const sessions = readdirSync(path.join(dataDir, 'sessions'));
    expect(sessions).toHaveLength(1);
    expect(readdirSync(path.join(dataDir, 'sessions', sessions[0]!))).toContain('evidence.ndjson');
  });
});
