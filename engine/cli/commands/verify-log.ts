import { CallSentinelError } from '../../core/errors.ts';
import { formatMessage, messageRef } from '../../core/messages.ts';
import { verifyLogFile } from '../../evidence/verify-log.ts';
import { validateInput } from '../../media/index.ts';
import { EXIT_OK, type CliCommand, type CliIo } from '../cli-io.ts';
import { langOption, parseCommandArgs } from '../parse-options.ts';

/** verify-log's own meaning of exit 1: the log is not intact. */
const EXIT_BROKEN = 1;

const OPTIONS = { json: { type: 'boolean' } } as const;

export const verifyLogCommand: CliCommand = {
  name: 'verify-log',
  options: OPTIONS,
  summary: 'summary.verify-log',
  help: (lang) => formatMessage('help.verify-log', {}, lang),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS);
    if (positionals.length !== 1)
      throw new CallSentinelError('E_USAGE', { detail: messageRef('usage.verify-log-one-file') });
    const lang = langOption(undefined, io.env);
    const file = positionals[0]!;
    await validateInput(file);
    const result = await verifyLogFile(file);
    if (result.ok) {
      io.stdout(
        values.json
          ? `${JSON.stringify({ file, ...result })}\n`
          : `${formatMessage('verify.intact', { records: result.records, hash: result.finalHash }, lang)}\n`,
      );
      return EXIT_OK;
    }
    // The JSON keeps its keys; only the problem's wording follows the language.
    const { problemKey, problemParams, ...rest } = result;
    const problem = formatMessage(problemKey, problemParams, lang);
    io.stdout(
      values.json
        ? `${JSON.stringify({ file, ...rest, problem })}\n`
        : `${formatMessage('verify.broken', { line: result.line, problem }, lang)}\n`,
    );
    return EXIT_BROKEN;
  },
};
