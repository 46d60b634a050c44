// Screenshots of the app for docs/ (1280×800): the call view, the alert with next steps, and the
// challenge prompter — taken the way the end-to-end tests run it: the built renderer in Debian's
// Chromium, web mode, the real engine, a fake camera fed from a generated clip.
//
//   npx tsx scripts/docs/app-screenshots.ts [--only call,alert,challenge] [--swap VIDEO] [--lang en|zh-CN]
//
// --swap: the clip for the alert (any video ffmpeg reads; default: the generated swap of
// engine/eval/synthetic/swap-clip.ts). The alert shot is only written when the real detector
// actually alerts on it; the script says so otherwise.

import path from 'node:path';
import { makeSwapClipPair } from '../../engine/eval/synthetic/swap-clip.ts';
import { ModelStore } from '../../engine/runtime/index.ts';
import {
  chromiumAvailable,
  CHROMIUM_PATH,
  launchApp,
  makeGenuineCameraClip,
  readStats,
  toCameraY4m,
  type AppHarness,
} from '../../test/support/app-harness.ts';
import { REPO_ROOT } from '../build-renderer.ts';

const DOCS = path.join(REPO_ROOT, 'docs');
const VIEWPORT = { width: 1280, height: 800 };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function waitFor(app: AppHarness, expression: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await app.page.evaluate(expression).catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function startSession(app: AppHarness, profile: string): Promise<void> {
  await app.page.waitForSelector('[data-action="start-stop"]:not([disabled])', { timeout: 30_000 });
  await app.page.selectOption('#setting-profile', profile);
  await app.page.click('[data-action="start-stop"]');
  if (!(await waitFor(app, 'window.__callSentinelStats?.results >= 1', 60_000)))
    throw new Error('no result from the engine');
}

async function shot(app: AppHarness, name: string): Promise<void> {
  const file = path.join(DOCS, name);
  await app.page.screenshot({ path: file });
  console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
}

async function callAndChallenge(lang: 'en' | 'zh-CN', only: Set<string>): Promise<void> {
  const app = await launchApp({ cameraY4m: await makeGenuineCameraClip(), viewport: VIEWPORT, lang });
  try {
    await startSession(app, 'bank');
    // Enough of the face for a verdict, and a filled timeline.
    await waitFor(app, 'window.__callSentinelStats?.verdict === "likely_real"', 60_000);
    await app.page.waitForTimeout(12_000);
    await app.page.locator('body').press('m');
    await app.page.waitForTimeout(3_000);
    if (only.has('call')) await shot(app, 'app-call-view.png');
    if (only.has('challenge')) {
      await app.page.click('[data-action="challenge-start"]');
      const ok = await waitFor(
        app,
        'document.querySelector("[data-testid=challenge-prompt]")?.offsetParent !== null',
        15_000,
      );
      if (!ok) {
        const error = await app.page.textContent('.error-text');
        console.warn(
          `no challenge screenshot: the engine did not start a challenge (${error ?? 'no answer'})`,
        );
      } else {
        // Step 1 passes without the caller doing it (the clip is a photo): Next ends it as not done;
        // the shot shows step 2 being asked, with step 1's result listed.
        await app.page.waitForTimeout(2_000);
        await app.page.click('[data-action="challenge-next"]');
        await waitFor(
          app,
          'document.querySelector(".challenge-step")?.textContent.startsWith("Step 2") && document.querySelector("[data-testid=challenge-prompt]")?.offsetParent !== null',
          30_000,
        );
        // The step not done made the verdict suspicious: close that alert for this picture.
        if (await app.page.isVisible('#alert')) await app.page.click('[data-action="alert-dismiss"]');
        await app.page.waitForTimeout(2_000);
        if (await app.page.isVisible('#alert')) await app.page.click('[data-action="alert-dismiss"]');
        await shot(app, 'app-challenge.png');
      }
    }
    const s = await readStats(app.page);
    console.log(
      `latency capture→shown median ${Math.round(s.medianMs ?? 0)} ms, p95 ${Math.round(s.p95Ms ?? 0)} ms, ` +
        `${s.fps.toFixed(1)} results/s, engine ${s.engineMedianMs} ms/frame, ${s.results} results`,
    );
  } finally {
    await app.close();
  }
}

async function alert(lang: 'en' | 'zh-CN'): Promise<void> {
  const models = new ModelStore();
  const swap = arg('swap') ?? (await makeSwapClipPair({ models })).swapped;
  const app = await launchApp({
    cameraY4m: await toCameraY4m(swap, { seconds: arg('swap') ? 10 : 5 }),
    viewport: VIEWPORT,
    lang,
    models,
  });
  try {
    await startSession(app, 'bank');
    if (!(await waitFor(app, 'window.__callSentinelStats?.alerts > 0', 90_000))) {
      const s = await readStats(app.page);
      console.warn(
        `no alert screenshot: the engine did not alert on ${swap} (verdict ${s.verdict} after ${s.results} results)`,
      );
      return;
    }
    await app.page.waitForTimeout(1_500);
    await shot(app, 'app-alert.png');
  } finally {
    await app.close();
    await models.dispose();
  }
}

if (!chromiumAvailable()) {
  console.error(`no Chromium at ${CHROMIUM_PATH}`);
  process.exit(1);
}
const only = new Set((arg('only') ?? 'call,alert,challenge').split(','));
const lang = arg('lang') === 'zh-CN' ? 'zh-CN' : 'en';
if (only.has('call') || only.has('challenge')) await callAndChallenge(lang, only);
if (only.has('alert')) await alert(lang);
