import { CallSentinelError } from '../../core/errors.ts';
import { verifyLogFile } from '../../evidence/verify-log.ts';
import { validateInput } from '../../media/index.ts';
import { EXIT_OK, type CliCommand, type CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../parse-options.ts';

/** verify-log's own meaning of exit 1: the log is not intact. */
const EXIT_BROKEN = 1;

const HELP = `Usage: callsentinel verify-log FILE [--json]

Check that an evidence log (NDJSON written by a session or by scan --events) is intact: every
record carries the sha256 of the record before it, so an edited, deleted, reordered or cut-off
record breaks the chain, and a log must end with its session-ended record.

Exit codes: 0 intact (prints the record count and the final hash), 1 broken (names the first
broken line), 2 unreadable file or bad usage.
`;

export const verifyLogCommand: CliCommand = {
  name: 'verify-log',
  summary: 'check that an evidence log is intact (hash chain, order, completeness)',
  help: HELP,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
    if (positionals.length !== 1)
      throw new CallSentinelError('E_USAGE', { detail: 'verify-log takes exactly one FILE' });
    const file = positionals[0]!;
    await validateInput(file);
    const result = await verifyLogFile(file);
    if (values.json) io.stdout(`${JSON.stringify({ file, ...result })}\n`);
    if (result.ok) {
      if (!values.json) io.stdout(`intact: ${result.records} records, final hash ${result.finalHash}\n`);
      return EXIT_OK;
    }
    if (!values.json) io.stdout(`BROKEN at line ${result.line}: ${result.problem}\n`);
    return EXIT_BROKEN;
  },
};
