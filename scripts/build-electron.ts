// `npm run build:electron`: bundles the desktop app's main process, preload and engine entry with
// esbuild into dist/electron/ (the renderer is built separately into dist/renderer/):
//   main.cjs         electron/main/main.ts        Node (Electron main), 'electron' external
//   preload.cjs      electron/preload/preload.ts  sandboxed preload: browser platform, only 'electron'
//                                                 external, so a Node import fails the build here
//                                                 instead of the window at run time
//   engine-host.cjs  engine/host/utility-entry.ts the utilityProcess; npm packages stay external
//                                                 (native onnxruntime-node and sharp are required at run time)
// The bundles sit two folders below the app root (dist/electron), as engine/runtime and engine/core do,
// so the engine's `import.meta.url`-relative paths (models/, package.json) resolve the same.

import { build, type BuildOptions } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ELECTRON_OUT = path.join(ROOT, 'dist', 'electron');
const OUT = ELECTRON_OUT;
/** Electron 45 runs Node 22 and Chromium 142. */
const NODE_TARGET = 'node22';

const common: BuildOptions = {
  bundle: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: ROOT,
  legalComments: 'linked',
};

export async function buildElectron(): Promise<void> {
  await Promise.all([
    build({
      ...common,
      entryPoints: ['electron/main/main.ts'],
      outfile: path.join(OUT, 'main.cjs'),
      platform: 'node',
      format: 'cjs',
      target: NODE_TARGET,
      external: ['electron'],
    }),
    build({
      ...common,
      entryPoints: ['electron/preload/preload.ts'],
      outfile: path.join(OUT, 'preload.cjs'),
      platform: 'browser',
      format: 'cjs',
      target: 'chrome142',
      external: ['electron'],
    }),
    build({
      ...common,
      entryPoints: ['engine/host/utility-entry.ts'],
      outfile: path.join(OUT, 'engine-host.cjs'),
      platform: 'node',
      format: 'cjs',
      target: NODE_TARGET,
      packages: 'external',
      // CommonJS has no import.meta: give the engine this file's URL, as ESM would.
      define: { 'import.meta.url': '__callsentinelImportMetaUrl' },
      banner: {
        js: "const __callsentinelImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
      },
    }),
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  buildElectron()
    .then(() => process.stdout.write(`built ${path.relative(ROOT, OUT)}/{main,preload,engine-host}.cjs\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
