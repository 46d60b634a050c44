// The envelopes between the Electron main process and the engine's utilityProcess (the
// process.parentPort channel). Plain data, no Electron or DOM: the main process has validated every
// message and frame from the window before it is put in an envelope, and the engine validates again.

import type { FrameHeader, ServerMessage } from '../live/protocol.ts';
import type { CatalogueText } from '../core/messages.ts';

/** main → engine. */
export type ToEngine =
  /** A window request (ClientMessage, already validated by the main process). */
  | { kind: 'message'; message: unknown }
  /** A frame: the validated header and its RGBA pixels. */
  | { kind: 'frame'; header: FrameHeader; pixels: Uint8Array }
  /** Close the session host and exit (the app is quitting). */
  | { kind: 'close' };

/** An error as the engine reports it: a stable code and a catalogue key with its parameters. */
export interface EngineErrorText extends CatalogueText {
  code: string;
}

/** engine → main. */
export type FromEngine =
  /** The session host is created and accepts messages. */
  | { kind: 'ready' }
  /** A reply or event for the window. */
  | { kind: 'server'; message: ServerMessage }
  /** The engine could not start (e.g. a model is missing): restarting would not help. */
  | { kind: 'fatal'; error: EngineErrorText };

/** Command-line arguments the main process passes to the engine entry. */
export interface EngineLaunchArgs {
  /** Where sessions (evidence logs, reports) are written. */
  dataDir: string;
  /** Third-party models (models/vendor) and our trained models (models); default: the repository's. */
  modelsDir?: string;
  trainedModelsDir?: string;
}

const FLAGS = {
  '--data-dir': 'dataDir',
  '--models-dir': 'modelsDir',
  '--trained-models-dir': 'trainedModelsDir',
} as const;

export function engineLaunchArgv(args: EngineLaunchArgs): string[] {
  const argv: string[] = [];
  for (const [flag, key] of Object.entries(FLAGS) as Array<[keyof typeof FLAGS, keyof EngineLaunchArgs]>) {
    const value = args[key];
    if (value !== undefined) argv.push(flag, value);
  }
  return argv;
}

/** Reads the arguments back; null when --data-dir is missing or a flag is unknown or lacks its value. */
export function parseEngineLaunchArgv(argv: readonly string[]): EngineLaunchArgs | null {
  const out: Partial<Record<keyof EngineLaunchArgs, string>> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] as keyof typeof FLAGS;
    const value = argv[i + 1];
    if (!Object.hasOwn(FLAGS, flag) || value === undefined || value === '') return null;
    out[FLAGS[flag]] = value;
  }
  if (!out.dataDir) return null;
  return { ...out, dataDir: out.dataDir };
}

/** Checks an envelope that arrived at the engine (defence in depth: only the main process can send). */
export function parseToEngine(data: unknown): ToEngine | null {
  if (typeof data !== 'object' || data === null) return null;
  const env = data as Record<string, unknown>;
  switch (env.kind) {
    case 'message':
      return { kind: 'message', message: env.message };
    case 'frame': {
      const pixels = asBytes(env.pixels);
      if (!pixels || typeof env.header !== 'object' || env.header === null) return null;
      return { kind: 'frame', header: env.header as FrameHeader, pixels };
    }
    case 'close':
      return { kind: 'close' };
    default:
      return null;
  }
}

/** Checks an envelope that arrived at the main process from the engine. */
export function parseFromEngine(data: unknown): FromEngine | null {
  if (typeof data !== 'object' || data === null) return null;
  const env = data as Record<string, unknown>;
  if (env.kind === 'ready') return { kind: 'ready' };
  if (
    env.kind === 'server' &&
    typeof env.message === 'object' &&
    env.message !== null &&
    typeof (env.message as { type?: unknown }).type === 'string'
  )
    return { kind: 'server', message: env.message as ServerMessage };
  if (env.kind === 'fatal' && typeof env.error === 'object' && env.error !== null) {
    const e = env.error as Record<string, unknown>;
    if (typeof e.code === 'string' && typeof e.key === 'string')
      return {
        kind: 'fatal',
        error: { code: e.code, key: e.key, ...(isParams(e.params) ? { params: e.params } : {}) },
      };
  }
  return null;
}

/** Bytes as a Uint8Array view, whatever typed-array or buffer shape the structured clone produced. */
export function asBytes(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return null;
}

/** Plain values, or catalogue texts one level down (an error's worded detail); nothing deeper. */
function isParams(v: unknown, nestedTextAllowed = true): v is NonNullable<CatalogueText['params']> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  return Object.values(v).every(
    (x) => typeof x === 'string' || typeof x === 'number' || (nestedTextAllowed && isFlatText(x)),
  );
}

/** A catalogue text whose parameters are plain values. */
function isFlatText(x: unknown): boolean {
  if (typeof x !== 'object' || x === null) return false;
  const { key, params } = x as { key?: unknown; params?: unknown };
  return typeof key === 'string' && (params === undefined || isParams(params, false));
}
