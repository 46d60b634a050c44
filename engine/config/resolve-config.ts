// Builds the resolved configuration from its layers and checks every key and type.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CallSentinelError } from '../core/errors.ts';
import { isLang } from '../core/messages.ts';
import { challengeSessionConfigProblem } from '../challenges/session-config.ts';
import {
  DEFAULT_CONFIG,
  PROFILES,
  PROFILE_NAMES,
  type CallSentinelConfig,
  type ConfigLayer,
  type ProfileName,
} from './schema.ts';

export interface ConfigSources {
  profile?: string;
  /** A JSON file with a partial configuration. */
  file?: string;
  /** Flags, applied last. */
  overrides?: ConfigLayer;
}

export async function resolveConfig(sources: ConfigSources = {}): Promise<CallSentinelConfig> {
  const fileLayer = sources.file ? await readConfigFile(sources.file) : {};
  const profile = (sources.overrides?.profile ??
    sources.profile ??
    fileLayer.profile ??
    DEFAULT_CONFIG.profile) as string;
  if (!(PROFILE_NAMES as readonly string[]).includes(profile)) {
    throw new CallSentinelError('E_CONFIG_INVALID', {
      detail: `profile must be one of ${PROFILE_NAMES.join(', ')}, got "${profile}"`,
    });
  }
  let config = structuredClone(DEFAULT_CONFIG) as CallSentinelConfig;
  for (const [where, layer] of [
    [`profile ${profile}`, PROFILES[profile as ProfileName]],
    [sources.file ?? 'file', fileLayer],
    ['flags', sources.overrides ?? {}],
  ] as const) {
    config = mergeLayer(config, layer, where);
  }
  config.profile = profile as ProfileName;
  if (!isLang(config.lang))
    throw new CallSentinelError('E_CONFIG_INVALID', {
      detail: `lang must be en or zh-CN, got "${config.lang}"`,
    });
  const challengeProblem = challengeSessionConfigProblem(config.challenges);
  if (challengeProblem) throw new CallSentinelError('E_CONFIG_INVALID', { detail: challengeProblem });
  return config;
}

async function readConfigFile(file: string): Promise<ConfigLayer> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new CallSentinelError('E_CONFIG_INVALID', { detail: `cannot read config file ${file}` });
  }
  try {
    return JSON.parse(text) as ConfigLayer;
  } catch (error) {
    throw new CallSentinelError('E_CONFIG_INVALID', {
      detail: `${file} is not valid JSON (${(error as Error).message})`,
    });
  }
}

/** Copies `layer` over `base`, refusing keys the base does not have and values of another type. */
function mergeLayer<T extends object>(base: T, layer: object, where: string, prefix = ''): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(layer)) {
    const name = `${prefix}${key}`;
    if (!(key in out))
      throw new CallSentinelError('E_CONFIG_INVALID', { detail: `unknown setting "${name}" (in ${where})` });
    const current = out[key];
    if (isPlainObject(current)) {
      if (!isPlainObject(value))
        throw new CallSentinelError('E_CONFIG_INVALID', {
          detail: `"${name}" must be an object (in ${where})`,
        });
      out[key] = mergeLayer(current, value, where, `${name}.`);
    } else if (typeof value !== typeof current || (typeof value === 'number' && !Number.isFinite(value))) {
      throw new CallSentinelError('E_CONFIG_INVALID', {
        detail: `"${name}" must be a ${typeof current} (in ${where})`,
      });
    } else {
      out[key] = value;
    }
  }
  return out as T;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON with keys sorted at every level: the same configuration always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 of the canonical JSON: the hash that opens every evidence log. */
export function configHash(config: CallSentinelConfig): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex');
}
