// The `callsentinel` command line. `main` returns the exit code instead of exiting, so tests
// and other programs can embed it; only bin/callsentinel.js ends the process.
// Exit codes: 0 done, 2 bad usage or input (one line on stderr), 1 internal error.

import { appVersion } from '../core/app-info.ts';
import { isCallSentinelError } from '../core/errors.ts';
import {
  processIo,
  EXIT_INTERNAL,
  EXIT_OK,
  EXIT_USAGE_OR_INPUT,
  type CliCommand,
  type CliIo,
} from './cli-io.ts';
import { COMMANDS } from './commands/index.ts';

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overallHelp(COMMANDS));
    return name === undefined ? EXIT_USAGE_OR_INPUT : EXIT_OK;
  }
  if (name === '--version') {
    io.stdout(`${appVersion()}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`callsentinel: unknown command "${name}". Run callsentinel --help.\n`);
    return EXIT_USAGE_OR_INPUT;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.help);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isCallSentinelError(error)) {
      io.stderr(`callsentinel ${name}: ${error.message} [${error.code}]\n`);
      return error.isUserError ? EXIT_USAGE_OR_INPUT : EXIT_INTERNAL;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(`callsentinel ${name}: internal error: ${detail}\n`);
    if (io.env.CALLSENTINEL_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_INTERNAL;
  }
}

function overallHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'callsentinel — check locally whether the face in a video call or recording is real.',
    '',
    'Usage: callsentinel <command> [options]      callsentinel <command> --help',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Exit codes: 0 done, 2 bad usage or input, 1 internal error.',
    'Environment: FFMPEG_PATH (ffmpeg binary), CALLSENTINEL_DATA (evaluation data), CALLSENTINEL_LANG (en | zh-CN).',
    '',
  ].join('\n');
}
