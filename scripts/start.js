// `npm start`: build the window (renderer) and the main process, then open the desktop app. Where
// no Electron binary exists (as on machines installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1), say so
// in one line and point to the browser mode. The binary is looked up without `require('electron')`,
// which would try to download it (see electron-binary.js).

import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronPath = findElectronBinary(join(ROOT, 'node_modules', 'electron'));
if (!electronPath) {
  console.error(
    'No Electron binary on this machine, so the desktop app cannot open here; run the same app in your browser with: npm run dev:web',
  );
  process.exit(1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
for (const script of ['build:renderer', 'build:electron']) {
  const built = spawnSync(npm, ['run', '--silent', script], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const child = spawn(electronPath, ['.'], { cwd: ROOT, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
