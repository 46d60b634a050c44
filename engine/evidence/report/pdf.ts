// Prints a report's HTML to an A4 PDF through headless Chromium. The page is loaded from its
// text (no file: or network URL), and any request other than the page's own data: URIs is
// refused, so printing cannot reach anything even if the HTML were tampered with.

import { readFile } from 'node:fs/promises';
import { CallSentinelError } from '../../core/errors.ts';
import { launchChromium } from './chromium.ts';

export interface WritePdfOptions {
  /** A Chromium binary (else CHROMIUM_PATH, /usr/bin/chromium, PATH). */
  chromiumPath?: string;
  env?: NodeJS.ProcessEnv;
}

export async function writePdf(htmlPath: string, pdfPath: string, opts: WritePdfOptions = {}): Promise<void> {
  const html = await readFile(htmlPath, 'utf8');
  const browser = await launchChromium(opts);
  try {
    const page = await browser.context.newPage();
    await page.route('**/*', (route) =>
      /^(data|about):/.test(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
    );
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    try {
      await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR')
        throw new CallSentinelError('E_OUTPUT_UNWRITABLE', { path: pdfPath, detail: code }, { cause: error });
      throw error;
    }
  } finally {
    await browser.close();
  }
}
