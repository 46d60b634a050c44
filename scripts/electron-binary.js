// Finds the Electron binary that `npm install` downloaded, without ever starting a download:
// `require('electron')` (electron ≥ 45) runs its installer when the binary is missing, so
// `npm start` reads the package's path.txt and checks the file itself.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron executable, or null when there is none.
 * @param {string} electronDir  node_modules/electron
 * @param {NodeJS.ProcessEnv} env  ELECTRON_OVERRIDE_DIST_PATH points at a dist folder of one's own
 * @param {{ exists?: (p: string) => boolean, read?: (p: string) => string | null }} [fs]
 * @returns {string | null}
 */
export function findElectronBinary(electronDir, env = process.env, fs = {}) {
  const exists = fs.exists ?? ((p) => existsSync(p) && statSync(p).isFile());
  const read = fs.read ?? ((p) => (existsSync(p) ? readFileSync(p, 'utf8') : null));
  const relative = read(join(electronDir, 'path.txt'))?.trim() || null;
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
  const candidate = relative
    ? join(distDir, relative)
    : env.ELECTRON_OVERRIDE_DIST_PATH
      ? join(distDir, 'electron')
      : null;
  return candidate && exists(candidate) ? candidate : null;
}
