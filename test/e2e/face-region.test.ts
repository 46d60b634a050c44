/// <reference lib="dom" />
// renderer/capture/face-region.ts in headless Chromium: MediaPipe Tasks' FaceDetector loads the
// npm face_detection_short_range.tflite with the metadata `npm run models` adds, finds the face in
// a photo shipped with @vladmandic/human, and the region chosen on a 2560x1440 "screen" frame
// holding that photo is a face-centred crop that stays put while the face sits still.
// The bundle, the wasm and the model are served from a throwaway server on 127.0.0.1.
// Skips (with a notice) only when /usr/bin/chromium is absent.

import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../engine/evidence/report/chromium.ts';
import { prepareFaceDetectorModel } from '../../scripts/models/mediapipe-face-detector.ts';
import type { BoxPx, RegionChoice } from '../../renderer/capture/region-choice.ts';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const WASM_DIR = path.join(ROOT, 'node_modules', '@mediapipe', 'tasks-vision', 'wasm');
const PHOTO = path.join(ROOT, 'node_modules', '@vladmandic', 'human', 'assets', 'screenshot-faceid.jpg');
/**
 * The webcam tile of the faceid screenshot and the face in it, screenshot pixels (the same
 * approximate box as engine/eval/synthetic/face-photos.ts 'faceid-man', ±5 px).
 */
const FACE_IN_PHOTO: BoxPx = { x: 15 + 27, y: 143 + 19, width: 84, height: 92 };

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(`face-region e2e: skipped, ${CHROMIUM} not found (CI installs Debian chromium)`);

/** In-page harness: the renderer module plus helpers to paint test frames. */
const HARNESS = `
import { FaceRegionTracker } from './renderer/capture/face-region.ts';
let tracker;
let photo;
const frame = document.createElement('canvas');
window.harness = {
  async init(wasmBaseUrl, modelUrl) {
    tracker = await FaceRegionTracker.create({ wasmBaseUrl, modelUrl });
    photo = new Image();
    photo.src = '/photo.jpg';
    await photo.decode();
    return { width: photo.naturalWidth, height: photo.naturalHeight };
  },
  detectPhoto(regionPx) {
    return tracker.detect(photo, regionPx ?? undefined);
  },
  paint(width, height, x, y, scale) {
    frame.width = width;
    frame.height = height;
    const ctx = frame.getContext('2d');
    ctx.fillStyle = '#30343a';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(photo, x, y, photo.naturalWidth * scale, photo.naturalHeight * scale);
  },
  next(timeSec) {
    return tracker.next(frame, timeSec);
  },
};
`;

interface Run {
  detections: Array<{ boxPx: BoxPx; score: number }>;
  searchedPx: BoxPx;
  detectMs: number;
}
type Step = Run & { choice: RegionChoice };

function iou(a: BoxPx, b: BoxPx): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / (a.width * a.height + b.width * b.height - w * h);
}

function contains(outer: BoxPx, inner: BoxPx): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe.skipIf(!haveChromium)('face region in Chromium (MediaPipe FaceDetector)', () => {
  let server: Server;
  let browser: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const bundle = await build({
      stdin: { contents: HARNESS, resolveDir: ROOT, loader: 'js', sourcefile: 'harness.js' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    const files = new Map<string, { type: string; body: Uint8Array | string }>([
      [
        '/',
        {
          type: 'text/html',
          body: '<!doctype html><meta charset="utf-8"><script type="module" src="/app.js"></script>',
        },
      ],
      ['/app.js', { type: 'text/javascript', body: bundle.outputFiles[0]!.contents }],
      ['/model.tflite', { type: 'application/octet-stream', body: prepareFaceDetectorModel().bytes }],
      ['/photo.jpg', { type: 'image/jpeg', body: readFileSync(PHOTO) }],
    ]);
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let file = files.get(url.pathname);
      const wasm = /^\/wasm\/([\w.-]+)$/.exec(url.pathname);
      if (!file && wasm && existsSync(path.join(WASM_DIR, wasm[1]!))) {
        const name = wasm[1]!;
        file = {
          type: name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript',
          body: readFileSync(path.join(WASM_DIR, name)),
        };
      }
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': file.type }).end(file.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    userDataDir = mkdtempSync(path.join(os.tmpdir(), 'callsentinel-face-region-'));
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 60_000,
    });
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'harness' in window);
    const size = await page.evaluate(
      ([wasm, model]) =>
        (window as unknown as { harness: { init(a: string, b: string): Promise<unknown> } }).harness.init(
          wasm!,
          model!,
        ),
      [`${origin}/wasm`, `${origin}/model.tflite`],
    );
    expect(size).toEqual({ width: 800, height: 564 });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  const call = <T>(fn: string, ...args: unknown[]): Promise<T> =>
    page.evaluate(
      ([name, rest]) =>
        (window as unknown as { harness: Record<string, (...a: unknown[]) => unknown> }).harness[
          name as string
        ]!(...(rest as unknown[])),
      [fn, args] as const,
    ) as Promise<T>;

  it('finds the face in the photo with a plausible box', async () => {
    // The region around the webcam tile (the face is 84 px of an 800 px screenshot: too small for
    // the short-range model on the whole image, which is what the region search is for).
    const region: BoxPx = { x: 0, y: 100, width: 320, height: 240 };
    const runs: Run[] = [];
    for (let i = 0; i < 12; i++) runs.push(await call<Run>('detectPhoto', region));
    const { detections } = runs[0]!;
    expect(runs[0]!.searchedPx).toEqual(region);
    expect(detections.length).toBeGreaterThanOrEqual(1);
    const best = detections.reduce((a, b) =>
      iou(b.boxPx, FACE_IN_PHOTO) > iou(a.boxPx, FACE_IN_PHOTO) ? b : a,
    );
    expect(iou(best.boxPx, FACE_IN_PHOTO)).toBeGreaterThan(0.4);
    expect(best.score).toBeGreaterThan(0.5);
    for (const d of detections) {
      expect(d.boxPx.width).toBeGreaterThan(20);
      expect(contains({ x: -5, y: 95, width: 330, height: 250 }, d.boxPx)).toBe(true);
    }
    const whole = await call<Run>('detectPhoto', null);
    const ms = runs.slice(2).map((r) => r.detectMs);
    console.log(
      `face-region e2e: 800x564 photo, region ${region.width}x${region.height}: ${detections.length} face(s), ` +
        `best IoU ${iou(best.boxPx, FACE_IN_PHOTO).toFixed(2)} score ${best.score.toFixed(2)}; whole photo: ` +
        `${JSON.stringify(whole.detections.map((d) => [Math.round(d.boxPx.x), Math.round(d.boxPx.y), Math.round(d.boxPx.width), +d.score.toFixed(2)]))}; ` +
        `detect median ${median(ms).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms over ${ms.length} runs`,
    );
    expect(pageErrors).toEqual([]);
  });

  it('chooses a stable face-centred crop on a 2560x1440 frame', async () => {
    const scale = 2;
    const at = { x: 900, y: 250 };
    const face = (dx: number): BoxPx => ({
      x: at.x + dx + FACE_IN_PHOTO.x * scale,
      y: at.y + FACE_IN_PHOTO.y * scale,
      width: FACE_IN_PHOTO.width * scale,
      height: FACE_IN_PHOTO.height * scale,
    });
    await call('paint', 2560, 1440, at.x, at.y, scale);
    const steps: Step[] = [];
    let t = 0;
    // Whole frame first, then scan tiles until the face is found; then follow it.
    for (let i = 0; i < 10 && steps.at(-1)?.choice.mode !== 'face'; i++, t += 1 / 30)
      steps.push(await call<Step>('next', t));
    const found = steps.at(-1)!;
    expect(found.choice.mode).toBe('face');
    const crop = found.choice.cropPx;
    expect(contains(crop, face(0))).toBe(true);
    expect(crop.width).toBe(crop.height);
    expect(crop.width / face(0).height).toBeGreaterThan(1.6);
    expect(crop.width / face(0).height).toBeLessThan(3);
    expect(found.choice.outputSize.width).toBe(Math.min(720, crop.width));
    expect(found.choice.contextDue).toBe(true);
    expect(found.choice.contextSize).toEqual({ width: 320, height: 180 });

    // Still and then slightly moved face: the crop does not move; the search follows the crop.
    const follow: Step[] = [];
    for (let i = 0; i < 10; i++, t += 1 / 30) {
      if (i === 5) await call('paint', 2560, 1440, at.x + 12, at.y, scale);
      follow.push(await call<Step>('next', t));
    }
    for (const step of follow) {
      expect(step.choice.mode).toBe('face');
      expect(step.choice.cropPx).toEqual(crop);
      expect(step.choice.recentred).toBe(false);
      expect(contains(step.searchedPx, crop) || contains(crop, step.searchedPx)).toBe(true);
    }
    expect(follow.filter((s) => s.choice.contextDue)).toHaveLength(0);

    // A big move (out of the search region): the crop is held briefly, then the scan finds the
    // face again and the crop re-centres on it.
    await call('paint', 2560, 1440, at.x + 400, at.y, scale);
    const moved: Step[] = [];
    const refound = (s: Step) => s.choice.mode === 'face' && contains(s.choice.cropPx, face(400));
    for (let i = 0; i < 60 && !moved.some(refound); i++, t += 1 / 30) moved.push(await call<Step>('next', t));
    expect(moved.some(refound)).toBe(true);

    const ms = [...steps, ...follow, ...moved].map((s) => s.detectMs);
    console.log(
      `face-region e2e: 2560x1440 frame, face found after ${steps.length} frame(s) (searched ${steps
        .map((s) => `${s.searchedPx.width}x${s.searchedPx.height}`)
        .join(', ')}), crop ${crop.width}px -> ${found.choice.outputSize.width}px; ` +
        `draw+detect median ${median(ms).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms over ${ms.length} frames`,
    );
    expect(pageErrors).toEqual([]);
  });
});
