// Where the app keeps its sessions (evidence logs and exported reports) when no folder is given:
// CALLSENTINEL_HOME, else the platform's per-user data folder. Never inside the program's folder.

import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.CALLSENTINEL_HOME) return path.resolve(env.CALLSENTINEL_HOME);
  const home = os.homedir();
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'CallSentinel');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'CallSentinel');
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'callsentinel');
}
