// The report in a real headless Chromium: it renders with zero network requests, the banner and
// the timeline are drawn, and the PDF prints. Chromium must start: this test never skips.

import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../engine/cli/cli-io.ts';
import { main } from '../../../engine/cli/main.ts';
import { formatMessage } from '../../../engine/core/messages.ts';
import {
  launchChromium,
  readEvidenceLog,
  renderReport,
  type HeadlessChromium,
} from '../../../engine/evidence/report/index.ts';
import { makeFaceJpeg, writeSuspiciousLog } from '../../support/report-logs.ts';

const ARTIFACTS = path.resolve('test-artifacts');

function captureIo(env: NodeJS.ProcessEnv = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    env,
    stderrIsTty: false,
  };
  return io;
}

let dir: string;
let logFile: string;
let browser: HeadlessChromium;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cs-report-chromium-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  logFile = path.join(dir, 'suspicious.ndjson');
  const jpeg = await makeFaceJpeg();
  writeSuspiciousLog(logFile, [jpeg, await makeFaceJpeg('warm'), await makeFaceJpeg('dark')]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('the report in headless Chromium', () => {
  it.each(['en', 'zh-CN'] as const)(
    'renders with zero network requests and draws banner and timeline (%s)',
    async (lang) => {
      const { events, verification } = await readEvidenceLog(logFile);
      const html = renderReport(events, { lang, verification, operator: 'Li Wei' });
      const page = await browser.context.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      browser.context.on('request', (r) => requests.push(r.url()));
      await page.setViewportSize({ width: 960, height: 900 });
      await page.setContent(html, { waitUntil: 'load' });

      const banner = page.locator('#verdict .verdict');
      await expect.poll(() => banner.isVisible()).toBe(true);
      expect(await banner.innerText()).toBe(formatMessage('verdict.suspicious', {}, lang));
      const line = page.locator('svg.timeline path.score-line');
      const points = ((await line.getAttribute('d')) ?? '').match(/[ML]/g)?.length ?? 0;
      const length = await line.evaluate((el: unknown) =>
        (el as { getTotalLength(): number }).getTotalLength(),
      );
      const dots = await page.locator('svg.timeline circle.score-dot').count();
      const images = await page
        .locator('#keyframes svg image')
        .evaluateAll((els: unknown[]) =>
          els.map((el) => (el as { getBBox(): { width: number } }).getBBox().width),
        );
      expect(points).toBeGreaterThan(10);
      expect(length).toBeGreaterThan(100);
      expect(dots).toBe(points);
      expect(images).toHaveLength(3);
      for (const w of images) expect(w).toBeGreaterThan(0);

      await page.screenshot({ path: path.join(ARTIFACTS, `report-${lang}.png`), fullPage: true });
      await page.close();
      expect(requests.filter((url) => !/^(data|about):/.test(url))).toEqual([]);
    },
  );

  it('the request recorder sees a request when a page makes one (control)', async () => {
    const page = await browser.context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.setContent('<img src="http://127.0.0.1:9/control.png">', { waitUntil: 'load' });
    await page.close();
    expect(requests).toContain('http://127.0.0.1:9/control.png');
  });

  it('prints the PDF through callsentinel report --pdf', async () => {
    const io = captureIo();
    const html = path.join(dir, 'report.html');
    const pdf = path.join(dir, 'report.pdf');
    const code = await main(['report', logFile, '--out', html, '--pdf', pdf, '--lang', 'zh-CN'], io);
    expect(io.err).toBe('');
    expect(code).toBe(0);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(20_000);
  });

  it('without Chromium, --pdf fails with one clear E_CHROMIUM_MISSING line (exit 2) after writing the HTML', async () => {
    const io = captureIo({ CHROMIUM_PATH: path.join(dir, 'no-such-chromium') });
    const html = path.join(dir, 'no-pdf.html');
    const code = await main(['report', logFile, '--out', html, '--pdf', path.join(dir, 'no.pdf')], io);
    expect(code).toBe(2);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.err).toMatch(
      /Chromium was not found .*CHROMIUM_PATH=.*no-such-chromium.*\[E_CHROMIUM_MISSING\]/,
    );
    expect(readFileSync(html, 'utf8')).toContain('<!DOCTYPE html>');
  });
});
