// Finds and starts the headless Chromium that prints the report to PDF (and that the tests use
// to render it). Order: CHROMIUM_PATH (which must then be an executable file), /usr/bin/chromium,
// then chromium, chromium-browser or google-chrome on PATH.

import { accessSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CallSentinelError } from '../../core/errors.ts';
import { findOnPath } from '../../media/ffmpeg-path.ts';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome'];

/**
 * Flags for a quiet, offline print: no GPU, no first-run UI, and none of Chromium's own
 * background traffic (updates, sync, QUIC probes), so printing a report makes no request.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ResolveChromiumOptions {
  /** An explicit binary (wins over everything, and must exist). */
  chromiumPath?: string;
  env?: NodeJS.ProcessEnv;
}

/** The Chromium binary to run; throws E_CHROMIUM_MISSING (a user error) when there is none. */
export function resolveChromium(opts: ResolveChromiumOptions = {}): string {
  const env = opts.env ?? process.env;
  const explicit = opts.chromiumPath ?? (env.CHROMIUM_PATH || undefined);
  if (explicit !== undefined) {
    if (isExecutableFile(explicit)) return explicit;
    const looked = opts.chromiumPath !== undefined ? explicit : `CHROMIUM_PATH=${explicit}`;
    throw new CallSentinelError('E_CHROMIUM_MISSING', { looked });
  }
  if (isExecutableFile(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  for (const name of PATH_NAMES) {
    const found = findOnPath(name, env, process.platform);
    if (found) return found;
  }
  throw new CallSentinelError('E_CHROMIUM_MISSING', {
    looked: `${SYSTEM_CHROMIUM}; PATH: ${PATH_NAMES.join(', ')}`,
  });
}

export interface HeadlessChromium {
  context: BrowserContext;
  executablePath: string;
  /** Closes the browser and removes its temporary profile. */
  close(): Promise<void>;
}

/** Starts headless Chromium with a fresh, temporary profile (removed again by close()). */
export async function launchChromium(opts: ResolveChromiumOptions = {}): Promise<HeadlessChromium> {
  const executablePath = resolveChromium(opts);
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'callsentinel-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      offline: true,
      timeout: 60_000,
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
    throw new CallSentinelError('E_CHROMIUM_FAILED', { path: executablePath, detail }, { cause: error });
  }
  return {
    context,
    executablePath,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (process.platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
