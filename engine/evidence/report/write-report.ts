// Log file → report file(s): what `callsentinel report` and `scan --report` call.

import { writeFile } from 'node:fs/promises';
import { CallSentinelError } from '../../core/errors.ts';
import type { Lang } from '../../core/messages.ts';
import type { VerifyResult } from '../verify-log.ts';
import { writePdf } from './pdf.ts';
import { readEvidenceLog } from './read-log.ts';
import { renderReport } from './render.ts';

export interface WriteReportOptions {
  htmlPath: string;
  pdfPath?: string;
  lang: Lang;
  operator?: string;
  chromiumPath?: string;
  env?: NodeJS.ProcessEnv;
}

export interface WriteReportResult {
  htmlPath: string;
  pdfPath?: string;
  /** The log's verification: a broken log still gets its report, whose banner says where it broke. */
  verification: VerifyResult;
}

export async function writeReport(logPath: string, opts: WriteReportOptions): Promise<WriteReportResult> {
  const { events, verification } = await readEvidenceLog(logPath);
  const html = renderReport(events, { lang: opts.lang, operator: opts.operator, verification });
  try {
    await writeFile(opts.htmlPath, html, 'utf8');
  } catch (error) {
    throw new CallSentinelError(
      'E_OUTPUT_UNWRITABLE',
      { path: opts.htmlPath, detail: (error as NodeJS.ErrnoException).code ?? String(error) },
      { cause: error },
    );
  }
  if (opts.pdfPath !== undefined)
    await writePdf(opts.htmlPath, opts.pdfPath, { chromiumPath: opts.chromiumPath, env: opts.env });
  return { htmlPath: opts.htmlPath, pdfPath: opts.pdfPath, verification };
}
