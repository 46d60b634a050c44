// The report as PDF in the desktop app. The engine prints PDFs through an outside Chromium
// (playwright-core) in the CLI; inside Electron we already have Chromium, so a PDF export asks the
// engine for the HTML report and prints it with webContents.printToPDF in a hidden window that may
// load nothing but that file and its data: URIs. The steps are pure or take their effects as
// arguments, so they are tested without Electron; main.ts supplies the hidden window.

import { basename, dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PrintToPDFOptions } from 'electron';
import type { ClientMessage, ExportedFile } from '../../engine/live/protocol.ts';
import { errorReply, type ReplyMessage } from './ipc-contract.ts';

/** The same page as the engine's Chromium print (A4, backgrounds, the report's own @page rules). */
export function printToPdfOptions(): PrintToPDFOptions {
  return {
    pageSize: 'A4',
    printBackground: true,
    preferCSSPageSize: true,
    landscape: false,
    displayHeaderFooter: false,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    generateTaggedPDF: true,
  };
}

/** report.html → report.pdf, beside it. */
export function pdfPathFor(htmlPath: string): string {
  const ext = extname(htmlPath);
  return join(dirname(htmlPath), `${basename(htmlPath, ext)}.pdf`);
}

/** The hidden print window may load the report file itself and the data: URIs inside it, nothing else. */
export function isAllowedPrintRequest(url: string, htmlPath: string): boolean {
  return url === pathToFileURL(htmlPath).href || url.startsWith('data:') || url === 'about:blank';
}

type ReportExport = Extract<ClientMessage, { type: 'report.export' }>;

export interface PdfExportDeps {
  /** Sends a request to the engine (EngineHost.request). */
  forward: (message: ClientMessage) => Promise<ReplyMessage>;
  /** Prints the HTML file to PDF bytes (a hidden window's printToPDF). */
  renderPdf: (htmlPath: string) => Promise<Uint8Array>;
  writeFile: (path: string, bytes: Uint8Array) => Promise<void>;
}

/** True for a report export the main process prints itself. */
export function isPdfExport(message: ClientMessage): message is ReportExport & { format: 'pdf' } {
  return message.type === 'report.export' && message.format === 'pdf';
}

/**
 * A `report.export` with format pdf: the engine writes the HTML report, the main process prints it
 * beside it and replies with the PDF. Always resolves to one reply (E_PDF_PRINT_FAILED on failure).
 */
export async function exportReportAsPdf(message: ReportExport, deps: PdfExportDeps): Promise<ReplyMessage> {
  const htmlReply = await deps.forward({ ...message, format: 'html' });
  if (!htmlReply.ok) return htmlReply;
  const html = htmlReply.result as Partial<ExportedFile> | null;
  if (!html || typeof html.path !== 'string' || html.path === '' || typeof html.fileName !== 'string')
    return errorReply(message.id, 'E_PDF_PRINT_FAILED', {
      detail: 'the engine returned no HTML report file',
    });
  try {
    const bytes = await deps.renderPdf(html.path);
    const pdfPath = pdfPathFor(html.path);
    await deps.writeFile(pdfPath, bytes);
    const result: ExportedFile = {
      fileName: basename(pdfPath),
      path: pdfPath,
      mimeType: 'application/pdf',
      base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
    };
    return { type: 'reply', id: message.id, ok: true, result };
  } catch (error) {
    return errorReply(message.id, 'E_PDF_PRINT_FAILED', {
      detail: String((error as Error)?.message ?? error),
    });
  }
}
