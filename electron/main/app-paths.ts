// Where the desktop app keeps its data. Pure functions of Electron's userData folder and the
// environment, so the rule is tested without Electron; main.ts passes app.getPath('userData').

import { isAbsolute, join, resolve } from 'node:path';

/** Overrides the app's data folder (sessions, evidence logs, reports); relative paths resolve from the working directory. */
export const HOME_ENV = 'CALLSENTINEL_HOME';

/**
 * The engine's data folder: $CALLSENTINEL_HOME when set, else Electron's userData folder. The
 * engine (SessionHost) writes each session under `<this>/sessions/<timestamp>/`.
 */
export function appDataDir(
  userDataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): string {
  const home = env[HOME_ENV]?.trim();
  if (home) return isAbsolute(home) ? home : resolve(cwd, home);
  return userDataDir;
}

/** Where sessions end up: <appDataDir>/sessions. */
export function sessionsDir(
  userDataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): string {
  return join(appDataDir(userDataDir, env, cwd), 'sessions');
}
