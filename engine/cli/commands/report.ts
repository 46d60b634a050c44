import { CallSentinelError } from '../../core/errors.ts';
import { writeReport } from '../../evidence/report/index.ts';
import { EXIT_OK, type CliCommand, type CliIo } from '../cli-io.ts';
import { langOption, parseCommandArgs } from '../parse-options.ts';

/** As verify-log: exit 1 means the log is not intact (the report is written anyway and says so). */
const EXIT_BROKEN = 1;

const HELP = `Usage: callsentinel report LOG.ndjson --out report.html [options]

Make the call report from an evidence log alone: the verdict and why, what to do next, the score
over time, key moments with the face marked, every detector's last result, challenges and
operator notes, and the record that ties the report to its log (record count, final hash,
models, configuration) with fields to sign. One self-contained HTML file that fetches nothing;
--pdf also prints it to A4 PDF through headless Chromium.

A log that fails verification still gets its report, with a warning at the top naming the
broken line.

Options:
  --out FILE         the HTML report to write (required)
  --pdf FILE         also print the report to PDF (needs Chromium: CHROMIUM_PATH, /usr/bin/chromium,
                     or chromium / chromium-browser / google-chrome on PATH)
  --lang L           language of the report: en (default) or zh-CN (or set CALLSENTINEL_LANG)
  --operator NAME    the operator's name, printed in the sign-off fields
  -h, --help         show this help

Exit codes: 0 report written of an intact log, 1 report written but the log is broken (or an
internal error), 2 unreadable log, unwritable output, no Chromium for --pdf, or bad usage.
`;

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'make the HTML (and PDF) call report from an evidence log',
  help: HELP,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      out: { type: 'string' },
      pdf: { type: 'string' },
      lang: { type: 'string' },
      operator: { type: 'string' },
    });
    if (positionals.length !== 1)
      throw new CallSentinelError('E_USAGE', { detail: 'report takes exactly one LOG file (see --help)' });
    if (!values.out) throw new CallSentinelError('E_USAGE', { detail: 'report needs --out FILE.html' });
    const result = await writeReport(positionals[0]!, {
      htmlPath: values.out,
      pdfPath: values.pdf,
      lang: langOption(values.lang, io.env),
      operator: values.operator,
      env: io.env,
    });
    const v = result.verification;
    const written = [result.htmlPath, result.pdfPath].filter(Boolean).join(', ');
    if (v.ok) {
      io.stdout(`wrote ${written} (log intact: ${v.records} records, final hash ${v.finalHash})\n`);
      return EXIT_OK;
    }
    io.stdout(`wrote ${written}; the log is BROKEN at line ${v.line}: ${v.problem} (the report says so)\n`);
    return EXIT_BROKEN;
  },
};
