// Strict option parsing for commands: unknown options and malformed values are usage errors
// (exit 2), reported in one line in the reader's language.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CallSentinelError } from '../core/errors.ts';
import { isLang, messageRef, type Lang } from '../core/messages.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CallSentinelError('E_USAGE', { detail: parseErrorDetail(error as Error & { code?: string }) });
  }
}

/** node:util's parse errors (English only) said again through the catalogue. */
function parseErrorDetail(error: Error & { code?: string }) {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1];
  if (option && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return messageRef('usage.unknown-option', { option });
  if (option && error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return messageRef(
      /does not take an argument/.test(error.message)
        ? 'usage.option-takes-no-value'
        : 'usage.option-needs-value',
      { option },
    );
  return messageRef('usage.bad-arguments', { detail: error.message });
}

export function positiveNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    throw new CallSentinelError('E_USAGE', { detail: messageRef('usage.positive-number', { flag, value }) });
  }
  return n;
}

/** The language of a command's output: `--lang`, else CALLSENTINEL_LANG, else en; anything else is a usage error. */
export function langOption(value: string | undefined, env: NodeJS.ProcessEnv): Lang {
  const chosen = value ?? env.CALLSENTINEL_LANG ?? 'en';
  if (!isLang(chosen))
    throw new CallSentinelError('E_USAGE', {
      detail: messageRef(value === undefined ? 'usage.lang-env' : 'usage.lang', { value: chosen }),
    });
  return chosen;
}

/**
 * The language of help and error lines, chosen before (or without) parsing a command's options:
 * `--lang L` / `--lang=L` among `args` when `acceptsLang`, else CALLSENTINEL_LANG, else en. A value
 * that is not a language is passed over here (the command itself reports it as a usage error).
 */
export function uiLang(args: readonly string[], env: NodeJS.ProcessEnv, acceptsLang: boolean): Lang {
  if (acceptsLang) {
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--') break;
      const value = arg === '--lang' ? args[i + 1] : arg.startsWith('--lang=') ? arg.slice(7) : undefined;
      if (value !== undefined && isLang(value)) return value;
    }
  }
  const fromEnv = env.CALLSENTINEL_LANG;
  return fromEnv !== undefined && isLang(fromEnv) ? fromEnv : 'en';
}
