import { type CatalogueText, formatText, type Lang, type MessageKey, type MessageRef } from './messages.ts';

/** Stable error codes: they stay the same in every language and appear in logs and JSON. */
export type ErrorCode = Extract<MessageKey, `E_${string}`>;

/** An error's placeholders: plain values, or catalogue messages worded in the reader's language. */
export type ErrorParams = Record<string, string | number | MessageRef>;

/** Input and usage problems are the user's to fix (exit 2); everything else is ours (exit 1). */
const USER_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'E_USAGE',
  'E_INPUT_MISSING',
  'E_INPUT_IS_DIRECTORY',
  'E_INPUT_EMPTY',
  'E_INPUT_UNREADABLE',
  'E_INPUT_NO_VIDEO',
  'E_DATA_MISSING',
  'E_CONFIG_INVALID',
  'E_CACHE_MISSING',
  'E_EVAL_NO_FOLD_MODELS',
  'E_SIM_SET_MISMATCH',
  'E_FFMPEG_PATH_INVALID',
  'E_LOG_UNREADABLE',
  'E_OUTPUT_UNWRITABLE',
  'E_CHROMIUM_MISSING',
  'E_WEB_NOT_BUILT',
]);

export class CallSentinelError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, params: ErrorParams = {}, options?: { cause?: unknown }) {
    super(formatText({ key: code, params }, 'en'), options);
    this.name = 'CallSentinelError';
    this.code = code;
    this.params = params;
  }

  /** True when the user can fix it (bad input or usage), false for internal faults. */
  get isUserError(): boolean {
    return USER_ERRORS.has(this.code);
  }

  /** The message in `lang`; the code stays the same in every language. */
  localized(lang: Lang): string {
    return formatText({ key: this.code, params: this.params }, lang);
  }
}

export function isCallSentinelError(value: unknown): value is CallSentinelError {
  return value instanceof CallSentinelError;
}

/** An error text as plain JSON: a catalogue key and parameters, which may nest (a worded detail). */
export interface ErrorTextJson extends CatalogueText {
  params: NonNullable<CatalogueText['params']>;
}

/**
 * An error as plain JSON for a window to word in its own language: its stable code, the catalogue
 * key, and the parameters (a message reference stays a key with parameters, so the window words
 * it too). Anything that is not a CallSentinelError is an internal error with its message as detail.
 */
export function errorText(error: unknown): ErrorTextJson & { code: string } {
  if (error instanceof CallSentinelError) {
    const params: ErrorTextJson['params'] = {};
    for (const [k, v] of Object.entries(error.params))
      params[k] = typeof v === 'object' ? { key: v.key, params: { ...v.params } } : v;
    return { code: error.code, key: error.code, params };
  }
  return {
    code: 'E_INTERNAL',
    key: 'E_INTERNAL',
    params: { detail: error instanceof Error ? error.message : String(error) },
  };
}
