import { CallSentinelError } from '../../core/errors.ts';
import { configHash, resolveConfig } from '../../config/index.ts';
import { EXIT_OK, type CliCommand, type CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../parse-options.ts';

const HELP = `Usage: callsentinel config print [--profile bank|police|personal] [--config FILE]

Print the resolved configuration as JSON: built-in defaults, then the profile, then the
settings in FILE (a JSON file with any subset of the keys printed here), and its sha256 — the
hash every evidence log starts with. Unknown keys or wrong types are errors (exit 2).

Profiles: personal (default; at most 5 % false alarms), bank (up to 10 % false alarms for more
sensitivity), police (5 %, and more usable face before judging a recording).
`;

export const configCommand: CliCommand = {
  name: 'config',
  summary: 'print the resolved configuration (defaults < profile < file) and its hash',
  help: HELP,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      profile: { type: 'string' },
      config: { type: 'string' },
    });
    if (positionals.length !== 1 || positionals[0] !== 'print') {
      throw new CallSentinelError('E_USAGE', {
        detail: 'usage: callsentinel config print [--profile P] [--config FILE]',
      });
    }
    const config = await resolveConfig({ profile: values.profile, file: values.config });
    io.stdout(`${JSON.stringify({ configHash: configHash(config), config }, null, 2)}\n`);
    return EXIT_OK;
  },
};
