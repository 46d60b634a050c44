// The `callsentinel` command line. `main` returns the exit code instead of exiting, so tests
// and other programs can embed it; only bin/callsentinel.js ends the process.
// Exit codes: 0 done, 2 bad usage or input (one line on stderr), 1 internal error.

import { appVersion } from '../core/app-info.ts';
import { isCallSentinelError } from '../core/errors.ts';
import { formatMessage, type Lang } from '../core/messages.ts';
import { padDisplay } from '../core/text-width.ts';
import {
  processIo,
  EXIT_INTERNAL,
  EXIT_OK,
  EXIT_USAGE_OR_INPUT,
  type CliCommand,
  type CliIo,
} from './cli-io.ts';
import { MODELS_DIR_ENV } from '../runtime/index.ts';
import { COMMANDS } from './commands/index.ts';
import { uiLang } from './parse-options.ts';

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overallHelp(COMMANDS, uiLang(rest, io.env, true)));
    return name === undefined ? EXIT_USAGE_OR_INPUT : EXIT_OK;
  }
  if (name === '--version') {
    io.stdout(`${appVersion()}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`${formatMessage('cli.unknown-command', { command: name }, uiLang(rest, io.env, false))}\n`);
    return EXIT_USAGE_OR_INPUT;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    // Help honours --lang even on commands that have no --lang option.
    io.stdout(command.help(uiLang(rest, io.env, true)));
    return EXIT_OK;
  }
  // Error lines speak the command's language (--lang where it has one); the code never changes.
  const lang = uiLang(rest, io.env, Object.hasOwn(command.options, 'lang'));
  // Numbers from a candidate's models must never pass for the shipped models': say so on every run.
  const modelsDir = io.env[MODELS_DIR_ENV];
  if (modelsDir)
    io.stderr(`${formatMessage('cli.models-dir-notice', { command: name, dir: modelsDir }, lang)}\n`);
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isCallSentinelError(error)) {
      const message = error.localized(lang);
      io.stderr(`${formatMessage('cli.error-line', { command: name, message, code: error.code }, lang)}\n`);
      return error.isUserError ? EXIT_USAGE_OR_INPUT : EXIT_INTERNAL;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(`${formatMessage('cli.internal-error', { command: name, detail }, lang)}\n`);
    if (io.env.CALLSENTINEL_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_INTERNAL;
  }
}

function overallHelp(commands: readonly CliCommand[], lang: Lang): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${padDisplay(c.name, width)}  ${formatMessage(c.summary, {}, lang)}`);
  return formatMessage('cli.help', { commands: list.join('\n') }, lang);
}
