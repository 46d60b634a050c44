// Web mode against the real engine, without a browser: a WebSocket client sends the frames of a
// clip the test renders (a portrait panning across a 640×480 picture) the way the window does,
// first whole, then as a face-centred crop that jumps, and reads back faces, verdicts and the
// evidence log. Also: the server refuses what it must refuse (no token, wrong origin, paths out of
// its folders, malformed messages) without falling over.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { verifyLogFile } from '../../../engine/evidence/verify-log.ts';
import { makeMotionClip } from '../../../engine/eval/synthetic/motion-clips.ts';
import { startWebServer, type WebServer } from '../../../engine/host/web-server.ts';
import { readFrames } from '../../../engine/media/index.ts';
import {
  encodeFrameMessage,
  type FrameHeader,
  type RectPx,
  type ServerMessage,
} from '../../../engine/live/protocol.ts';
import { useModelStore } from '../../support/model-store.ts';

let dir: string;
let server: WebServer;
const models = useModelStore();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cs-web-'));
  const staticDir = path.join(dir, 'static');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(dir, 'secret.txt'), 'not to be served');
  server = await startWebServer({ dataDir: path.join(dir, 'data'), staticDir, models: models() });
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A client that answers requests by id and collects everything else. */
async function connect(): Promise<{
  ws: WebSocket;
  request: (msg: object) => Promise<Extract<ServerMessage, { type: 'reply' }>>;
  next: (type: ServerMessage['type']) => Promise<ServerMessage>;
  events: ServerMessage[];
}> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/engine?token=${server.token}`, {
    headers: { origin: `http://127.0.0.1:${server.port}` },
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const events: ServerMessage[] = [];
  const waiters: Array<{ match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }> = [];
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as ServerMessage;
    const w = waiters.findIndex((x) => x.match(msg));
    if (w >= 0) waiters.splice(w, 1)[0]!.resolve(msg);
    else events.push(msg);
  });
  let id = 0;
  const wait = (match: (m: ServerMessage) => boolean) =>
    new Promise<ServerMessage>((resolve) => waiters.push({ match, resolve }));
  return {
    ws,
    events,
    request: async (msg) => {
      const myId = ++id;
      const reply = wait((m) => m.type === 'reply' && m.id === myId);
      ws.send(JSON.stringify({ ...msg, id: myId }));
      return (await reply) as Extract<ServerMessage, { type: 'reply' }>;
    },
    next: (type) => wait((m) => m.type === type),
  };
}

function rgba(rgb: Uint8Array, width: number, height: number, crop: RectPx): Uint8Array {
  const out = new Uint8Array(crop.width * crop.height * 4);
  for (let y = 0; y < crop.height; y++)
    for (let x = 0; x < crop.width; x++) {
      const s = ((crop.y + y) * width + crop.x + x) * 3;
      const d = (y * crop.width + x) * 4;
      out[d] = rgb[s]!;
      out[d + 1] = rgb[s + 1]!;
      out[d + 2] = rgb[s + 2]!;
      out[d + 3] = 255;
    }
  return out;
}

/** RGB 640×480 → RGBA 320×240 (every other pixel): a context frame as the window would send it. */
function halfSize(rgb: Uint8Array, width: number, height: number): Uint8Array {
  const w = width / 2;
  const h = height / 2;
  const out = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const s = (y * 2 * width + x * 2) * 3;
      out.set([rgb[s]!, rgb[s + 1]!, rgb[s + 2]!, 255], (y * w + x) * 4);
    }
  return out;
}

describe('web mode: live session over the WebSocket', () => {
  it('tracks the face in source pixels across crop jumps, judges it, and keeps an intact log', async () => {
    const clip = await makeMotionClip({
      motion: 'pan',
      photo: 'facedetect-woman-blonde',
      seconds: 4,
      fps: 10,
    });
    const client = await connect();
    const started = await client.request({
      type: 'session.start',
      profile: 'bank',
      lang: 'en',
      source: { kind: 'camera', label: 'test clip' },
    });
    expect(started.ok).toBe(true);

    const results: Array<Extract<ServerMessage, { type: 'frame.result' }>> = [];
    let seq = 0;
    let lastRgb: Uint8Array | null = null;
    for await (const frame of readFrames(clip.path)) {
      lastRgb = frame.data;
      // First half: the whole picture; second half: a 320 px crop around the face that moves in steps.
      const face = results.at(-1)?.faces[0];
      const crop: RectPx =
        seq < 20 || !face
          ? { x: 0, y: 0, width: frame.width, height: frame.height }
          : {
              x: Math.max(
                0,
                Math.min(
                  frame.width - 320,
                  Math.round((face.boxPx.x + face.boxPx.width / 2 - 160) / 40) * 40,
                ),
              ),
              y: Math.max(
                0,
                Math.min(
                  frame.height - 320,
                  Math.round((face.boxPx.y + face.boxPx.height / 2 - 160) / 40) * 40,
                ),
              ),
              width: 320,
              height: 320,
            };
      const header: FrameHeader = {
        type: 'frame',
        seq,
        captureTimeMs: performance.now(),
        mediaTimeSec: frame.timeSec,
        width: crop.width,
        height: crop.height,
        cropPx: crop,
        sourceWidth: frame.width,
        sourceHeight: frame.height,
      };
      const result = client.next('frame.result');
      client.ws.send(encodeFrameMessage(header, rgba(frame.data, frame.width, frame.height, crop)));
      results.push((await result) as Extract<ServerMessage, { type: 'frame.result' }>);
      seq++;
    }
    // A context frame (the whole picture at 320×240): faces found in source pixels, nothing tracked.
    const lastFrameFace = results.at(-1)!.faces[0]!;
    const contextReply = client.next('context.result');
    client.ws.send(
      encodeFrameMessage(
        {
          type: 'frame',
          purpose: 'context',
          seq: 1000,
          captureTimeMs: 0,
          mediaTimeSec: 4,
          width: 320,
          height: 240,
          cropPx: { x: 0, y: 0, width: 640, height: 480 },
          sourceWidth: 640,
          sourceHeight: 480,
        },
        halfSize(lastRgb!, 640, 480),
      ),
    );
    const context = (await contextReply) as Extract<ServerMessage, { type: 'context.result' }>;
    expect(context.seq).toBe(1000);
    expect(context.faces).toHaveLength(1);
    const centre = (b: RectPx) => [b.x + b.width / 2, b.y + b.height / 2];
    const [cx, cy] = centre(context.faces[0]!);
    const [fx, fy] = centre(lastFrameFace.boxPx);
    expect(Math.hypot(cx! - fx!, cy! - fy!)).toBeLessThan(40);
    expect(results).toHaveLength(40);
    const withFace = results.filter((r) => r.faces.length === 1);
    expect(withFace.length).toBeGreaterThanOrEqual(36);
    // One track throughout, although the crop jumped: boxes are in source pixels and follow the pan.
    expect(new Set(withFace.map((r) => r.faces[0]!.trackId)).size).toBe(1);
    const centreX = (r: (typeof results)[number]) => r.faces[0]!.boxPx.x + r.faces[0]!.boxPx.width / 2;
    expect(centreX(withFace.at(-1)!) - centreX(withFace[0]!)).toBeGreaterThan(150);
    expect(withFace.at(-1)!.faces[0]!.primary).toBe(true);
    // The face-swap signal judges; a verdict is shown after the first seconds.
    const last = results.at(-1)!;
    expect(last.signals['face-swap']?.role).toBe('judge');
    expect(last.verdict.verdict).not.toBe('not_verified');

    const mark = await client.request({ type: 'session.mark', label: 'caller asked for money' });
    expect(mark.ok).toBe(true);
    const stopped = await client.request({ type: 'session.stop' });
    expect(stopped.ok).toBe(true);
    const summary = (stopped as { result: { logPath: string; framesAnalyzed: number } }).result;
    expect(summary.framesAnalyzed).toBe(40);
    const verified = await verifyLogFile(summary.logPath);
    expect(verified.ok).toBe(true);

    const report = await client.request({ type: 'report.export', format: 'html', lang: 'zh-CN' });
    expect(report.ok).toBe(true);
    const html = Buffer.from((report as { result: { base64: string } }).result.base64, 'base64').toString(
      'utf8',
    );
    expect(html).toContain('caller asked for money');
    expect(html).toMatch(/lang="zh-CN"/);
    client.ws.close();
  }, 180_000);

  it('runs a challenge: a step the caller does not perform raises the verdict and alerts with the next steps', async () => {
    const clip = await makeMotionClip({ motion: 'static', photo: 'faceid-man', seconds: 4, fps: 10 });
    const client = await connect();
    expect(
      (
        await client.request({
          type: 'session.start',
          profile: 'police',
          lang: 'en',
          source: { kind: 'file', label: 'still' },
        })
      ).ok,
    ).toBe(true);
    let seq = 0;
    let last: Extract<ServerMessage, { type: 'frame.result' }> | null = null;
    let startedChallenge: unknown = null;
    for await (const frame of readFrames(clip.path)) {
      if (seq === 15) {
        const reply = await client.request({ type: 'challenge.start' });
        expect(reply.ok).toBe(true);
        startedChallenge = (reply as { result: unknown }).result;
      }
      // The face stays still: whatever was asked is not done, and the operator moves on.
      if (seq === 25) expect((await client.request({ type: 'challenge.next' })).ok).toBe(true);
      const crop = { x: 0, y: 0, width: frame.width, height: frame.height };
      const result = client.next('frame.result');
      client.ws.send(
        encodeFrameMessage(
          {
            type: 'frame',
            seq,
            captureTimeMs: 0,
            mediaTimeSec: frame.timeSec,
            width: frame.width,
            height: frame.height,
            cropPx: crop,
            sourceWidth: frame.width,
            sourceHeight: frame.height,
          },
          rgba(frame.data, frame.width, frame.height, crop),
        ),
      );
      last = (await result) as Extract<ServerMessage, { type: 'frame.result' }>;
      seq++;
    }
    expect(startedChallenge).toMatchObject({
      active: true,
      stepIndex: 0,
      current: { progress: expect.any(Number) },
    });
    expect(last!.challenge!.steps[0]!.outcome).toBe('failed');
    expect(['suspicious', 'likely_fake']).toContain(last!.verdict.verdict);
    expect(last!.verdict.reasons[0]!.key).toBe('reason.challenge-not-performed');
    const alert = client.events.find((e) => e.type === 'alert');
    expect(alert).toMatchObject({
      type: 'alert',
      profile: 'police',
      nextSteps: [
        { key: 'alert.next.police.1' },
        { key: 'alert.next.police.2' },
        { key: 'alert.next.police.3' },
      ],
    });
    const aborted = await client.request({ type: 'challenge.abort' });
    expect(aborted).toMatchObject({ ok: true, result: { active: false } });
    const stopped = await client.request({ type: 'session.stop' });
    expect(stopped).toMatchObject({
      ok: true,
      result: { verdict: { verdict: expect.stringMatching(/suspicious|likely_fake/) } },
    });
    const log = await verifyLogFile((stopped as { result: { logPath: string } }).result.logPath);
    expect(log.ok).toBe(true);
    client.ws.close();
  }, 180_000);

  it('answers malformed, oversized and out-of-order messages with errors and keeps serving', async () => {
    const client = await connect();
    const bad = await client.request({
      type: 'session.start',
      profile: 'nobody',
      lang: 'en',
      source: { kind: 'camera', label: 'x' },
    });
    expect(bad.ok).toBe(false);
    const noSession = await client.request({ type: 'session.stop' });
    expect(noSession).toMatchObject({ ok: false, error: { code: 'E_LIVE_NO_SESSION' } });
    // Not JSON, and far too large: each gets a reply with id -1.
    const junk = client.next('reply');
    client.ws.send('{not json');
    expect(await junk).toMatchObject({ ok: false, id: -1 });
    const huge = client.next('reply');
    client.ws.send(JSON.stringify({ type: 'session.note', id: 5, text: 'x'.repeat(100_000) }));
    expect(await huge).toMatchObject({ ok: false });
    // A frame whose pixels do not match its header is dropped, not analysed.
    const dropped = client.next('frame.dropped');
    const header = {
      type: 'frame',
      seq: 7,
      captureTimeMs: 0,
      mediaTimeSec: 0,
      width: 64,
      height: 64,
      cropPx: { x: 0, y: 0, width: 64, height: 64 },
      sourceWidth: 64,
      sourceHeight: 64,
    } as FrameHeader;
    client.ws.send(encodeFrameMessage(header, new Uint8Array(10)));
    expect(await dropped).toMatchObject({ seq: 7 });
    const info = await client.request({ type: 'engine.info' });
    expect(info.ok).toBe(true);
    client.ws.close();
  });

  it('refuses the engine socket without the token or from another origin, and files outside its folders', async () => {
    const refused = async (url: string, origin: string) =>
      new Promise<boolean>((resolve) => {
        const ws = new WebSocket(url, { headers: { origin } });
        ws.once('open', () => (ws.close(), resolve(false)));
        ws.once('error', () => resolve(true));
      });
    const base = `ws://127.0.0.1:${server.port}/engine`;
    expect(await refused(`${base}?token=wrong`, `http://127.0.0.1:${server.port}`)).toBe(true);
    expect(await refused(`${base}?token=${server.token}`, 'http://evil.example')).toBe(true);
    const get = (p: string) => fetch(`http://127.0.0.1:${server.port}${p}`).then((r) => r.status);
    expect(await get('/')).toBe(200);
    expect(await get('/..%2fsecret.txt')).not.toBe(200);
    expect(await get('/%2e%2e/secret.txt')).not.toBe(200);
    expect(await get('/mediapipe/wasm/vision_wasm_internal.wasm')).toBe(200);
    const page = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
