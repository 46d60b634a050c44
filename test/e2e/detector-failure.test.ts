// A detector that cannot start says why, under its gauge, in the window's language: the app in
// Debian's Chromium against the real engine, whose models folder holds a face-swap model with a
// calibration fitted for another model file (what a half-finished retrain leaves behind). The
// session keeps running on the detectors that work.
//
// Skipped, with a notice, only where /usr/bin/chromium (or $CHROMIUM_PATH) is missing.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ModelStore } from '../../engine/runtime/index.ts';
import {
  builtRenderer,
  chromiumAvailable,
  CHROMIUM_PATH,
  launchApp,
  makeGenuineCameraClip,
  screenshot,
  type AppHarness,
} from '../support/app-harness.ts';
import { writeStandInModelsDir } from '../support/stand-in-face-swap.ts';

const hasChromium = chromiumAvailable();
if (!hasChromium)
  console.warn(`[e2e] skipped: no Chromium at ${CHROMIUM_PATH} (install chromium or set CHROMIUM_PATH)`);

const FACE_SWAP_GAUGE = '[data-signal="face-swap"] .gauge-error';

describe.skipIf(!hasChromium)('a detector that cannot start, in Chromium (real engine)', () => {
  let app: AppHarness;
  let page: Page;
  let models: ModelStore;
  let modelsDir: string;

  beforeAll(async () => {
    await builtRenderer();
    modelsDir = mkdtempSync(path.join(tmpdir(), 'cs-e2e-mismatch-'));
    writeStandInModelsDir(modelsDir, {
      calibration: { model: { name: 'face-swap', sha256: 'ab'.repeat(32) } },
    });
    models = new ModelStore({ trainedModelsDir: modelsDir });
    app = await launchApp({ cameraY4m: await makeGenuineCameraClip(), lang: 'en', models });
    page = app.page;
    await page.waitForSelector('[data-action="start-stop"]:not([disabled])', { timeout: 30_000 });
  });

  afterAll(async () => {
    await app?.close();
    await models?.dispose();
    rmSync(modelsDir, { recursive: true, force: true });
  });

  it('shows the cause on its own line under the gauge, and words it again after a language switch', async () => {
    await page.click('[data-action="start-stop"]');
    const line = page.locator(FACE_SWAP_GAUGE);
    await line.waitFor({ timeout: 90_000 });
    expect(await line.textContent()).toMatch(
      /^Calibration .*face-swap\.calibration\.json cannot be used for model face-swap: it was fitted for the model with sha256 abababababab, this model has [0-9a-f]{12}\. Fit it with: npm run eval -- --write-calibration$/,
    );
    // Said once: the tooltip and the meter's label do not repeat it (a screen reader would read it twice).
    const gauge = page.locator('[data-signal="face-swap"]');
    expect((await gauge.getAttribute('title')) ?? '').not.toContain('Calibration');
    await screenshot(page, 'detector-failure-en');

    await page.selectOption('#setting-lang', 'zh-CN');
    await expect
      .poll(() => line.textContent(), { timeout: 10_000 })
      .toMatch(
        /^校准文件 .* 不能用于模型 face-swap：它是为 sha256 为 abababababab 的模型拟合的，而当前模型为 [0-9a-f]{12}。/,
      );
    // The session goes on: frames keep being judged by the detectors that work.
    const phase = await page.evaluate('window.__callSentinelStats?.phase');
    expect(phase).toBe('running');
  });
});
