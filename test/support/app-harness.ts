// The app in web mode, driven by Chromium: the real engine behind startWebServer, the built
// renderer, and Debian's chromium (playwright-core) with a fake camera fed from a clip the tests
// make. Used by test/e2e/app.test.ts and scripts/docs/app-screenshots.ts.

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { makeBenchClip } from '../../engine/eval/synthetic/bench-clips.ts';
import { CHROMIUM_ARGS } from '../../engine/evidence/report/chromium.ts';
import { cachedFile, runFfmpeg } from '../../engine/eval/synthetic/render.ts';
import { startWebServer, type WebServer } from '../../engine/host/web-server.ts';
import { ModelStore } from '../../engine/runtime/index.ts';
import { buildRenderer, REPO_ROOT } from '../../scripts/build-renderer.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-artifacts', 'e2e');

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * A clip as Chromium's fake camera wants it: Y4M, yuv420p, 640×480, `seconds` long (the fake
 * device loops it). Cached next to the other generated fixtures.
 */
export async function toCameraY4m(
  input: string,
  opts: { seconds?: number; fps?: number } = {},
): Promise<string> {
  const seconds = opts.seconds ?? 6;
  const fps = opts.fps ?? 25;
  return cachedFile('camera', { input: path.basename(input), seconds, fps }, 'y4m', async (tmp) => {
    await runFfmpeg([
      '-v',
      'error',
      '-y',
      '-i',
      input,
      '-t',
      String(seconds),
      '-vf',
      `scale=640:480,fps=${fps}`,
      '-pix_fmt',
      'yuv420p',
      '-f',
      'yuv4mpegpipe',
      tmp,
    ]);
  });
}

/** The genuine camera: one real face photo (from @vladmandic/human) gently swaying, 6 s. */
export async function makeGenuineCameraClip(): Promise<string> {
  const mp4 = await makeBenchClip({ faces: 1, seconds: 6 });
  return toCameraY4m(mp4);
}

export interface AppHarness {
  server: WebServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  dataDir: string;
  /** Console errors and page errors seen so far. */
  pageErrors: string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Y4M file for the fake camera. */
  cameraY4m: string;
  viewport?: { width: number; height: number };
  /** Initial UI language (stored choice). */
  lang?: 'en' | 'zh-CN';
  /** Built renderer folder; built into a temp folder when omitted. */
  staticDir?: string;
  models?: ModelStore;
}

let builtDir: Promise<string> | null = null;
/** Builds the renderer once per process (into a temp folder, so dist/ is left alone). */
export function builtRenderer(): Promise<string> {
  builtDir ??= (async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'callsentinel-renderer-'));
    await buildRenderer({ outDir: out });
    return out;
  })();
  return builtDir;
}

export async function launchApp(opts: LaunchOptions): Promise<AppHarness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'callsentinel-e2e-data-'));
  const ownModels = !opts.models;
  const models = opts.models ?? new ModelStore();
  const server = await startWebServer({
    port: 0,
    dataDir,
    staticDir: opts.staticDir ?? (await builtRenderer()),
    models,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      // The engine's quiet offline flags (playwright adds --headless itself), then the fake devices.
      ...CHROMIUM_ARGS.filter((a) => a !== '--headless'),
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${opts.cameraY4m}`,
      '--auto-select-desktop-capture-source=Entire screen',
      '--auto-accept-this-tab-capture',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  const viewport = opts.viewport ?? { width: 1280, height: 800 };
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: opts.lang ?? 'en-US' });
  await context.grantPermissions(['camera', 'notifications'], { origin: new URL(server.url).origin });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  if (opts.lang) {
    await page.addInitScript(
      `try { localStorage.setItem('callsentinel.lang', ${JSON.stringify(opts.lang)}); } catch {}`,
    );
  }
  await page.goto(server.url);
  return {
    server,
    browser,
    context,
    page,
    dataDir,
    pageErrors,
    async close() {
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.close();
      if (ownModels) await models.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface AppStats {
  shown: number;
  dropped: number;
  medianMs: number | null;
  p95Ms: number | null;
  fps: number;
  engineMedianMs: number | null;
  phase: string;
  sessionId: string | null;
  results: number;
  faces: number;
  verdict: string | null;
  /** Fused score of the latest result (null while the current window has none). */
  score: number | null;
  thresholds: { suspiciousScore: number; likelyFakeScore: number } | null;
  alerts: number;
  sounds: number;
  notifications: number;
  pump: {
    sent: number;
    region: string;
    chooser: string;
    lastSizePx: { width: number; height: number } | null;
    contextSent: number;
  } | null;
  regionError: string | null;
}

export function readStats(page: Page): Promise<AppStats> {
  return page.evaluate('window.__callSentinelStats') as Promise<AppStats>;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
