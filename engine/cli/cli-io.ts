// What a command may touch of the outside world. Tests pass their own; bin/ passes the process's.

import type { Lang, MessageKey } from '../core/messages.ts';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** True when stderr is a terminal: progress lines are shown only then. */
  stderrIsTty: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    stderrIsTty: Boolean(process.stderr.isTTY),
  };
}

/** The options a command accepts, as node:util parseArgs takes them. */
export type CommandOptions = Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>;

/** A command: parses its own arguments, does its work, returns the exit code. */
export interface CliCommand {
  name: string;
  /** Every option it accepts (its --help names each one; `lang` makes --lang choose the language). */
  options: CommandOptions;
  /** The one-line summary in `callsentinel --help`. */
  summary: Extract<MessageKey, `summary.${string}`>;
  /** The text of `callsentinel <name> --help`. */
  help(lang: Lang): string;
  run(args: string[], io: CliIo): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_USAGE_OR_INPUT = 2;
