// Pure helpers of the window: latency statistics, geometry of the overlay and timeline, texts.

import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../engine/core/messages.ts';
import { createI18n, pickInitialLang } from '../../../renderer/i18n.ts';
import { containFit, mapBox, sendSize, timelinePaths } from '../../../renderer/state/geometry.ts';
import { LatencyTracker, quantile } from '../../../renderer/state/latency.ts';

describe('latency', () => {
  it('nearest-rank quantiles', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([5], 0.95)).toBe(5);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(hundred, 0.95)).toBe(95);
    expect(quantile(hundred, 0.5)).toBe(50);
  });

  it('median and p95 of capture → shown, over the last samples only', () => {
    const tracker = new LatencyTracker(10);
    for (let i = 0; i < 10; i++) tracker.recordShown(i * 100, i * 100 + 1000, 500); // old: 1000 ms
    for (let i = 0; i < 10; i++) tracker.recordShown(2000 + i * 100, 2000 + i * 100 + 50 + i, 20);
    const s = tracker.summary(3000);
    expect(s.medianMs).toBe(54);
    expect(s.p95Ms).toBe(59);
    expect(s.engineMedianMs).toBe(20);
    expect(s.shown).toBe(20);
  });

  it('fps over the last five seconds, and drops counted', () => {
    const tracker = new LatencyTracker();
    for (let i = 0; i <= 40; i++) tracker.recordShown(i * 100 - 30, i * 100); // 10 per second for 4 s
    tracker.recordDropped();
    const s = tracker.summary(4000);
    expect(s.fps).toBeCloseTo(10, 5);
    expect(s.dropped).toBe(1);
    expect(tracker.summary(20_000).fps).toBe(0);
  });
});

describe('geometry', () => {
  it('fits a 640×480 source into a wide element, letterboxed left and right', () => {
    const fit = containFit(640, 480, 800, 480);
    expect(fit).toEqual({ scale: 1, offsetX: 80, offsetY: 0 });
    expect(mapBox({ x: 100, y: 50, width: 200, height: 100 }, fit)).toEqual({
      x: 180,
      y: 50,
      width: 200,
      height: 100,
    });
  });

  it('maps a box of a 1920×1080 source into a 960×720 element', () => {
    const fit = containFit(1920, 1080, 960, 720);
    expect(fit.scale).toBe(0.5);
    expect(fit.offsetY).toBe(90);
    expect(mapBox({ x: 960, y: 540, width: 100, height: 100 }, fit)).toEqual({
      x: 480,
      y: 360,
      width: 50,
      height: 50,
    });
  });

  it('gives no fit before the video has a size', () => {
    expect(containFit(0, 0, 800, 600).scale).toBe(0);
  });

  it('scales frames down to the longest side, never up', () => {
    expect(sendSize(1280, 720, 640)).toEqual({ width: 640, height: 360 });
    expect(sendSize(320, 240, 640)).toEqual({ width: 320, height: 240 });
    expect(sendSize(480, 1000, 640)).toEqual({ width: 307, height: 640 });
  });

  it('draws the timeline from the window start to now, breaking the line where no score was given', () => {
    const box = { x: 0, y: 0, width: 600, height: 100 };
    const paths = timelinePaths(
      [
        { tSec: 60, score: 0 },
        { tSec: 90, score: 0.5 },
        { tSec: 95, score: null },
        { tSec: 120, score: 1 },
      ],
      120,
      box,
    );
    expect(paths).toEqual(['0.0,100.0 300.0,50.0', '600.0,0.0']);
    expect(timelinePaths([{ tSec: 10, score: 0.2 }], 120, box)).toEqual([]);
  });
});

describe('i18n', () => {
  it('words catalogue keys in the current language and re-words after a switch', () => {
    const i18n = createI18n('en');
    const seen: string[] = [];
    i18n.onChange((lang) => seen.push(lang));
    expect(i18n.t('verdict.likely_fake')).toBe(CATALOGUE.en['verdict.likely_fake']);
    i18n.setLang('zh-CN');
    expect(i18n.t('verdict.likely_fake')).toBe(CATALOGUE['zh-CN']['verdict.likely_fake']);
    expect(i18n.t('app.challenge.step', { n: 2, count: 3 })).toBe('第 2 步，共 3 步');
    expect(i18n.text({ key: 'app.session.exported', params: { file: 'a.html' } })).toBe('已保存 a.html');
    i18n.setLang('zh-CN');
    expect(seen).toEqual(['zh-CN']);
  });

  it("words a nested text (an error's detail) in the same language as the message around it", () => {
    const error = {
      key: 'E_MODEL_CALIBRATION',
      params: { path: 'c.json', name: 'face-swap', detail: { key: 'calibration.detail.missing' } },
    };
    const i18n = createI18n('zh-CN');
    expect(i18n.text(error)).toBe(
      '校准文件 c.json 不能用于模型 face-swap：文件不存在。请运行：npm run eval -- --write-calibration',
    );
    i18n.setLang('en');
    expect(i18n.text(error)).toMatch(
      /^Calibration c\.json cannot be used for model face-swap: the file is missing\./,
    );
  });

  it('shows an unknown key as itself rather than nothing', () => {
    const i18n = createI18n('en');
    expect(i18n.t('no.such.key')).toBe('no.such.key');
    expect(i18n.has('no.such.key')).toBe(false);
    expect(i18n.has('verdict.suspicious')).toBe(true);
  });

  it('starts in the saved language, else the browser’s', () => {
    expect(pickInitialLang('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(pickInitialLang(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickInitialLang('fr', ['de-DE', 'en-GB'])).toBe('en');
    expect(pickInitialLang(null, ['de-DE'])).toBe('en');
  });

  it('has every key the renderer words in both languages', () => {
    for (const key of ['app.session.start', 'app.alert.next', 'alert.title.likely_fake', 'app.diag.line']) {
      expect(CATALOGUE.en).toHaveProperty([key]);
      expect(CATALOGUE['zh-CN']).toHaveProperty([key]);
    }
  });
});

describe('renderer texts', () => {
  it('every catalogue key the renderer names literally exists, and every key it builds from a value', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const path = await import('node:path');
    const root = path.resolve(import.meta.dirname, '../../../renderer');
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.ts'));
    const literal = new Set<string>();
    for (const f of files) {
      const src = await readFile(path.join(root, f), 'utf8');
      // t('key' …), i18n.t('key' …) and { key: 'key' } name catalogue keys.
      for (const m of src.matchAll(/(?:\bt\(\s*|\bkey: )'([^'`]+)'/g)) literal.add(m[1]!);
    }
    expect(literal.size).toBeGreaterThan(40);
    const built = [
      ...['personal', 'bank', 'police'].map((p) => `app.profile.${p}`),
      ...['camera', 'screen', 'window', 'file'].map((k) => `app.source.${k}`),
      ...['idle', 'starting', 'stopping', 'failed'].map((p) => `app.status.${p}`),
      ...['performed', 'failed', 'timed-out', 'aborted', 'pending', 'current'].map(
        (o) => `app.challenge.outcome.${o}`,
      ),
      ...['en', 'zh-CN'].map((l) => `app.lang.${l}`),
      ...['judge', 'advisory'].flatMap((r) => [`app.signals.${r}`, `app.signals.group.${r}`]),
      ...['face', 'frame'].map((r) => `app.diag.region.${r}`),
      ...['websocket', 'bridge'].map((r) => `app.transport.${r}`),
      ...['suspicious', 'likely_fake'].map((v) => `alert.title.${v}`),
      ...['likely_real', 'suspicious', 'likely_fake', 'not_verified'].flatMap((v) => [
        `verdict.${v}`,
        `report.meaning.${v}`,
      ]),
    ];
    const missing = [...literal, ...built].filter((k) => !(k in CATALOGUE.en) || !(k in CATALOGUE['zh-CN']));
    expect(missing).toEqual([]);
  });
});
