import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../engine/cli/cli-io.ts';
import { main } from '../../../engine/cli/main.ts';
import { CallSentinelError } from '../../../engine/core/errors.ts';
import { formatMessage } from '../../../engine/core/messages.ts';
import {
  findThresholds,
  parseEvidenceText,
  readEvidenceLog,
  renderReport,
  resolveChromium,
} from '../../../engine/evidence/report/index.ts';
import { jpegSize } from '../../../engine/evidence/report/jpeg.ts';
import { relocalize } from '../../../engine/evidence/report/localize.ts';
import { verifyLogText } from '../../../engine/evidence/verify-log.ts';
import { makeFaceJpeg, writeGenuineLog, writeSuspiciousLog } from '../../support/report-logs.ts';

function captureIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    env: {} as NodeJS.ProcessEnv,
    stderrIsTty: false,
  };
  return io;
}

let dir: string;
let genuine: { file: string; finalHash: string; recordCount: number };
let suspicious: { file: string; finalHash: string; recordCount: number };

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cs-report-'));
  const jpeg = await makeFaceJpeg();
  const g = path.join(dir, 'genuine.ndjson');
  const s = path.join(dir, 'suspicious.ndjson');
  genuine = { file: g, ...writeGenuineLog(g, jpeg) };
  suspicious = {
    file: s,
    ...writeSuspiciousLog(s, [jpeg, await makeFaceJpeg('warm'), await makeFaceJpeg('dark')]),
  };
});

/** Visible text of the page, roughly: tags and the style block removed. */
const textOf = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('renderReport', () => {
  it.each(['en', 'zh-CN'] as const)(
    'shows the verdict, the final hash and the record count (%s)',
    async (lang) => {
      for (const [log, verdict] of [
        [genuine, 'verdict.likely_real'],
        [suspicious, 'verdict.suspicious'],
      ] as const) {
        const { events, verification } = await readEvidenceLog(log.file);
        expect(verification).toMatchObject({ ok: true, records: log.recordCount, finalHash: log.finalHash });
        const html = renderReport(events, { lang, verification });
        expect(html).toContain(`<html lang="${lang}">`);
        expect(html).toMatch(new RegExp(`<div class="verdict">${formatMessage(verdict, {}, lang)}</div>`));
        expect(html).toContain(`id="final-hash">${log.finalHash}<`);
        expect(textOf(html)).toContain(
          formatMessage('report.integrity-ok', { records: log.recordCount }, lang)
            .split('{hash}')[0]!
            .trim()
            .slice(0, 20),
        );
        expect(textOf(html)).toContain(String(log.recordCount));
        expect(textOf(html)).toContain(formatMessage('report.next', {}, lang));
        // Every signal is named in the reader's language, also one that has only the app's label.
        if (log === genuine)
          expect(textOf(html)).toContain(formatMessage('app.signal.mouth-texture', {}, lang));
      }
    },
  );

  it('re-localises reasons and warnings recorded in the other language, placeholders included', async () => {
    const { events, verification } = await readEvidenceLog(suspicious.file);
    const text = textOf(renderReport(events, { lang: 'en', verification }));
    expect(text).toContain('The face-swap detector found traces of a swapped face.');
    expect(text).toContain('Too little usable face was seen (2.5 s).');
    expect(text).toContain('A detector could not run on this input; its result is left out.');
    expect(text).not.toMatch(/换脸检测器|可用的人脸画面/);
    expect(
      relocalize('reason.face-too-small', '人脸太小，无法判断（中位尺寸 41 像素）。', 'en', {
        sourceLang: 'zh-CN',
      }),
    ).toBe('The face is too small to judge (median 41 px).');
    expect(relocalize('reason.not-in-catalogue', 'kept as written', 'zh-CN')).toBe('kept as written');
    expect(relocalize('reason.face-too-small', 'does not fit the template', 'zh-CN')).toBe(
      'does not fit the template',
    );
  });

  it('every visible string of a zh-CN report is Chinese except data (ids, hashes, paths, numbers, operator text)', async () => {
    const { events, verification } = await readEvidenceLog(suspicious.file);
    const text = textOf(renderReport(events, { lang: 'zh-CN', verification, operator: 'Wang Fang' }));
    const words = text.match(/[A-Za-z][A-Za-z'-]{3,}/g) ?? [];
    const allowed = new Set([
      'CallSentinel',
      'suspicious',
      'face-swap',
      'presentation-attack',
      'case',
      'wechat-call',
      'blazeface',
      'facemesh',
      'callsentinel',
      'verify-log',
      'ndjson',
      'intact',
      'reason',
      'signal-failed',
      'Caller',
      'refused',
      'call',
      'back',
      'the',
      'number',
      'file',
      'Wang',
      'Fang',
      'sha256',
      'face',
      'swap',
    ]);
    const stray = words.filter(
      (w) => !allowed.has(w) && !/^[0-9a-f]+$/i.test(w) && !w.includes('-') && !/\d/.test(w),
    );
    expect(stray).toEqual([]);
  });

  it('a broken log still gets a report whose banner says it failed verification, and at which line', async () => {
    const lines = readFileSync(suspicious.file, 'utf8').slice(0, -1).split('\n');
    lines[30] = lines[30]!.replace(/"score":0\.\d+/, '"score":0.05');
    const text = `${lines.join('\n')}\n`;
    const verification = verifyLogText(text);
    expect(verification).toMatchObject({ ok: false, line: 32, code: 'chain' });
    for (const lang of ['en', 'zh-CN'] as const) {
      const html = renderReport(parseEvidenceText(text), { lang, verification });
      const alert = /<div class="integrity broken"[\s\S]*?<\/div><\/div>/.exec(html)?.[0] ?? '';
      expect(textOf(alert)).toContain(
        formatMessage(
          'report.integrity-broken',
          { line: 32, problem: formatMessage('report.problem.chain', {}, lang) },
          lang,
        ),
      );
      expect(html.indexOf('integrity broken')).toBeLessThan(html.indexOf('class="banner'));
      expect(html).toContain(formatMessage('report.result-untrusted', {}, lang));
      expect(html).toContain(formatMessage('report.final-hash-none', {}, lang));
      expect(html).not.toContain('id="final-hash"');
    }
  });

  it('takes the verdict thresholds from the session config, else 0.5 / 0.8', () => {
    expect(findThresholds({ verdict: { suspiciousScore: 0.45, likelyFakeScore: 0.75 } })).toEqual({
      suspicious: 0.45,
      fake: 0.75,
    });
    expect(findThresholds({ profile: 'bank' })).toEqual({ suspicious: 0.5, fake: 0.8 });
    expect(findThresholds({ suspiciousScore: 0.9, likelyFakeScore: 0.6 })).toEqual({
      suspicious: 0.5,
      fake: 0.8,
    });
  });

  it('draws the timeline with gaps where the score is null, and the bands at the thresholds', async () => {
    const { events, verification } = await readEvidenceLog(suspicious.file);
    const html = renderReport(events, { lang: 'en', verification });
    const d = /<path class="score-line" d="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(d.match(/M/g)).toHaveLength(2); // one break: the face was gone from 14 s to 17 s
    expect(d.match(/[ML]/g)!.length).toBe(45 - 4);
    expect(html).toContain('>0.45</text>');
    expect(html).toContain('>0.75</text>');
  });

  it('fetches nothing: no scripts, links or remote URLs; pictures are data: URIs; a CSP forbids the rest', async () => {
    const { events, verification } = await readEvidenceLog(suspicious.file);
    const html = renderReport(events, { lang: 'en', verification });
    expect(html).not.toMatch(/<script|<link|<iframe|@import|url\(/i);
    const outsidePictures = html.replace(/data:image\/jpeg;base64,[A-Za-z0-9+/=]+/g, '');
    expect(outsidePictures).not.toMatch(/https?:\/\/|\/\/[a-z]/i);
    for (const m of html.matchAll(/(?:src|href)="([^"]*)"/g))
      expect(m[1]).toMatch(/^data:image\/jpeg;base64,/);
    expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`);
  });

  it('escapes what the log holds (a hostile operator note cannot inject markup)', async () => {
    const { events, verification } = await readEvidenceLog(genuine.file);
    const note = {
      ...events[1]!,
      type: 'operator-note',
      text: '<img src="http://x/y.png">',
      mediaTimeSec: 3,
    };
    const html = renderReport([...events, note as (typeof events)[number]], {
      lang: 'en',
      verification,
      operator: '<b>x</b>',
    });
    expect(html).not.toContain('<img src="http');
    expect(html).toContain('&lt;img src=&quot;http://x/y.png&quot;&gt;');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('reads a JPEG size from its header', async () => {
    const bytes = await sharp({ create: { width: 37, height: 21, channels: 3, background: '#888' } })
      .jpeg()
      .toBuffer();
    expect(jpegSize(bytes)).toEqual({ width: 37, height: 21 });
    expect(jpegSize(Buffer.from('not a jpeg'))).toBeNull();
  });
});

describe('callsentinel report', () => {
  it('writes the HTML, exit 0 for an intact log', async () => {
    const io = captureIo();
    const out = path.join(dir, 'genuine.html');
    const code = await main(
      ['report', genuine.file, '--out', out, '--lang', 'zh-CN', '--operator', 'Li Wei'],
      io,
    );
    expect(io.err).toBe('');
    expect(code).toBe(0);
    expect(io.out).toContain(genuine.finalHash);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain(formatMessage('verdict.likely_real', {}, 'zh-CN'));
    expect(html).toContain('Li Wei');
  });

  it('still writes the report of a broken log, and exits 1', async () => {
    const broken = path.join(dir, 'broken.ndjson');
    const lines = readFileSync(genuine.file, 'utf8').split('\n');
    writeFileSync(broken, lines.slice(0, 20).join('\n') + '\n');
    const io = captureIo();
    const out = path.join(dir, 'broken.html');
    expect(await main(['report', broken, '--out', out], io)).toBe(1);
    expect(io.out).toContain('BROKEN at line 21');
    expect(readFileSync(out, 'utf8')).toContain('FAILED verification at line 21');
  });

  it('exit 2 with one line for a missing or unreadable log, a non-log file, and bad usage', async () => {
    const notLog = path.join(dir, 'not-a-log.txt');
    writeFileSync(notLog, 'hello\nworld\n');
    for (const [args, codeName] of [
      [['report', path.join(dir, 'nope.ndjson'), '--out', path.join(dir, 'x.html')], 'E_INPUT_MISSING'],
      [['report', dir, '--out', path.join(dir, 'x.html')], 'E_INPUT_IS_DIRECTORY'],
      [['report', notLog, '--out', path.join(dir, 'x.html')], 'E_LOG_UNREADABLE'],
      [['report', genuine.file], 'E_USAGE'],
      [['report', genuine.file, '--out', path.join(dir, 'no', 'such', 'dir.html')], 'E_OUTPUT_UNWRITABLE'],
    ] as const) {
      const io = captureIo();
      expect(await main([...args], io)).toBe(2);
      expect(io.err.trim().split('\n')).toHaveLength(1);
      expect(io.err).toContain(`[${codeName}]`);
    }
  });
});

describe('resolveChromium', () => {
  it('gives a clear one-line E_CHROMIUM_MISSING (a user error) when CHROMIUM_PATH names no file', () => {
    const missing = path.join(os.tmpdir(), 'no-such-chromium-binary');
    let error: unknown;
    try {
      resolveChromium({ env: { CHROMIUM_PATH: missing } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CallSentinelError);
    const e = error as CallSentinelError;
    expect(e.code).toBe('E_CHROMIUM_MISSING');
    expect(e.isUserError).toBe(true);
    expect(e.message).toContain(missing);
    expect(e.message).toContain('CHROMIUM_PATH');
    expect(e.message).not.toContain('\n');
    expect(e.localized('zh-CN')).toContain('未找到 Chromium');
  });

  it('finds nothing on an empty PATH only when /usr/bin/chromium is absent too', () => {
    const env = { PATH: '' };
    try {
      expect(resolveChromium({ env })).toBe('/usr/bin/chromium');
    } catch (e) {
      expect((e as CallSentinelError).code).toBe('E_CHROMIUM_MISSING');
    }
  });
});
