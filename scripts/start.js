// `npm start`: launch the desktop app when an Electron binary exists; otherwise say so in one
// line and point to the browser mode.
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';

const require = createRequire(import.meta.url);
function findElectron() {
  try {
    return require('electron');
  } catch {
    return null;
  }
}
const electronPath = findElectron();
if (typeof electronPath !== 'string') {
  console.error(
    'No Electron binary on this machine, so the desktop app cannot open here; the browser mode (npm run dev:web) comes with the app, until then use: npx callsentinel scan FILE',
  );
  process.exit(1);
}
const child = spawn(electronPath, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
