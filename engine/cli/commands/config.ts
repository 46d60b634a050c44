import { CallSentinelError } from '../../core/errors.ts';
import { formatMessage, messageRef } from '../../core/messages.ts';
import { configHash, resolveConfig } from '../../config/index.ts';
import { EXIT_OK, type CliCommand, type CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../parse-options.ts';

const OPTIONS = {
  profile: { type: 'string' },
  config: { type: 'string' },
} as const;

export const configCommand: CliCommand = {
  name: 'config',
  options: OPTIONS,
  summary: 'summary.config',
  help: (lang) => formatMessage('help.config', {}, lang),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS);
    if (positionals.length !== 1 || positionals[0] !== 'print') {
      throw new CallSentinelError('E_USAGE', { detail: messageRef('usage.config') });
    }
    const config = await resolveConfig({ profile: values.profile, file: values.config });
    io.stdout(`${JSON.stringify({ configHash: configHash(config), config }, null, 2)}\n`);
    return EXIT_OK;
  },
};
