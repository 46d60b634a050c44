import { CallSentinelError } from '../../core/errors.ts';
import { formatMessage, messageRef } from '../../core/messages.ts';
import { writeReport } from '../../evidence/report/index.ts';
import { EXIT_OK, type CliCommand, type CliIo } from '../cli-io.ts';
import { langOption, parseCommandArgs } from '../parse-options.ts';

/** As verify-log: exit 1 means the log is not intact (the report is written anyway and says so). */
const EXIT_BROKEN = 1;

const OPTIONS = {
  out: { type: 'string' },
  pdf: { type: 'string' },
  lang: { type: 'string' },
  operator: { type: 'string' },
} as const;

export const reportCommand: CliCommand = {
  name: 'report',
  options: OPTIONS,
  summary: 'summary.report',
  help: (lang) => formatMessage('help.report', {}, lang),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS);
    if (positionals.length !== 1)
      throw new CallSentinelError('E_USAGE', { detail: messageRef('usage.report-one-log') });
    if (!values.out) throw new CallSentinelError('E_USAGE', { detail: messageRef('usage.report-needs-out') });
    const lang = langOption(values.lang, io.env);
    const result = await writeReport(positionals[0]!, {
      htmlPath: values.out,
      pdfPath: values.pdf,
      lang,
      operator: values.operator,
      env: io.env,
    });
    const v = result.verification;
    const files = [result.htmlPath, result.pdfPath].filter(Boolean).join(', ');
    if (v.ok) {
      const text = formatMessage(
        'verify.report-intact',
        { files, records: v.records, hash: v.finalHash },
        lang,
      );
      io.stdout(`${text}\n`);
      return EXIT_OK;
    }
    const problem = formatMessage(v.problemKey, v.problemParams, lang);
    io.stdout(`${formatMessage('verify.report-broken', { files, line: v.line, problem }, lang)}\n`);
    return EXIT_BROKEN;
  },
};
