// PDF export through Electron's printToPDF (electron/main/report-pdf.ts), with fakes for the engine
// and the print window.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  exportReportAsPdf,
  isAllowedPrintRequest,
  isPdfExport,
  pdfPathFor,
  printToPdfOptions,
} from '../../../electron/main/report-pdf.ts';
import type { ClientMessage } from '../../../engine/live/protocol.ts';
import type { ReplyMessage } from '../../../electron/main/ipc-contract.ts';

const HTML = path.resolve('/data/sessions/s1/report.en.html');
const request = { id: 11, type: 'report.export', format: 'pdf', lang: 'en' } as const;

describe('print options', () => {
  it('prints A4 with backgrounds and the report’s own page rules, like the engine’s Chromium print', () => {
    expect(printToPdfOptions()).toMatchObject({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      landscape: false,
    });
  });

  it('writes the PDF beside the HTML', () => {
    expect(pdfPathFor(HTML)).toBe(path.resolve('/data/sessions/s1/report.en.pdf'));
  });

  it('lets the print window load the report file and its data: URIs only', () => {
    expect(isAllowedPrintRequest(pathToFileURL(HTML).href, HTML)).toBe(true);
    expect(isAllowedPrintRequest('data:image/jpeg;base64,AAAA', HTML)).toBe(true);
    expect(isAllowedPrintRequest('https://tracker.example/p.gif', HTML)).toBe(false);
    expect(isAllowedPrintRequest(pathToFileURL('/etc/passwd').href, HTML)).toBe(false);
  });
});

describe('exportReportAsPdf', () => {
  it('asks the engine for HTML, prints it, writes the PDF and replies with it', async () => {
    const forwarded: ClientMessage[] = [];
    const written: Array<[string, number]> = [];
    const reply = await exportReportAsPdf(request, {
      forward: async (m) => {
        forwarded.push(m);
        return {
          type: 'reply',
          id: m.id,
          ok: true,
          result: { fileName: 'report.en.html', path: HTML, mimeType: 'text/html', base64: '' },
        };
      },
      renderPdf: async (p) => (p === HTML ? new Uint8Array([37, 80, 68, 70]) : new Uint8Array()),
      writeFile: async (p, b) => void written.push([p, b.length]),
    });
    expect(isPdfExport(request)).toBe(true);
    expect(forwarded).toEqual([{ ...request, format: 'html' }]);
    expect(written).toEqual([[pdfPathFor(HTML), 4]]);
    expect(reply).toEqual({
      type: 'reply',
      id: 11,
      ok: true,
      result: {
        fileName: 'report.en.pdf',
        path: pdfPathFor(HTML),
        mimeType: 'application/pdf',
        base64: 'JVBERg==',
      },
    });
  });

  it('passes the engine’s error through, and turns a print failure into E_PDF_PRINT_FAILED', async () => {
    const engineError: ReplyMessage = {
      type: 'reply',
      id: 11,
      ok: false,
      error: { code: 'E_LIVE_NO_SESSION', key: 'E_LIVE_NO_SESSION' },
    };
    expect(
      await exportReportAsPdf(request, {
        forward: async () => engineError,
        renderPdf: async () => new Uint8Array(),
        writeFile: async () => {},
      }),
    ).toBe(engineError);
    const failed = await exportReportAsPdf(request, {
      forward: async () => ({
        type: 'reply',
        id: 11,
        ok: true,
        result: { fileName: 'r.html', path: HTML, mimeType: 'text/html', base64: '' },
      }),
      renderPdf: async () => {
        throw new Error('printing failed');
      },
      writeFile: async () => {},
    });
    expect(failed).toEqual({
      type: 'reply',
      id: 11,
      ok: false,
      error: { code: 'E_PDF_PRINT_FAILED', key: 'E_PDF_PRINT_FAILED', params: { detail: 'printing failed' } },
    });
    const noFile = await exportReportAsPdf(request, {
      forward: async () => ({ type: 'reply', id: 11, ok: true, result: null }),
      renderPdf: async () => new Uint8Array(),
      writeFile: async () => {},
    });
    expect(noFile).toMatchObject({ ok: false, error: { code: 'E_PDF_PRINT_FAILED' } });
  });

  it('leaves HTML exports to the engine', () => {
    expect(isPdfExport({ id: 1, type: 'report.export', format: 'html', lang: 'en' })).toBe(false);
    expect(isPdfExport({ id: 1, type: 'log.export' })).toBe(false);
  });
});
