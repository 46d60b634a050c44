// Strict option parsing for commands: unknown options and malformed values are usage errors
// (exit 2), reported in one line.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CallSentinelError } from '../core/errors.ts';
import { isLang, type Lang } from '../core/messages.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CallSentinelError('E_USAGE', { detail: (error as Error).message });
  }
}

export function positiveNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    throw new CallSentinelError('E_USAGE', { detail: `${flag} needs a positive number, got "${value}"` });
  }
  return n;
}

export function langOption(value: string | undefined, env: NodeJS.ProcessEnv): Lang {
  const chosen = value ?? env.CALLSENTINEL_LANG ?? 'en';
  if (!isLang(chosen))
    throw new CallSentinelError('E_USAGE', { detail: `--lang must be en or zh-CN, got "${chosen}"` });
  return chosen;
}
