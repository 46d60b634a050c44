// The engine's entry point in the desktop app: Electron starts it as a utilityProcess (plain
// Node, no window) from electron/main/main.ts, bundled to dist/electron/engine-host.mjs. Messages
// come over process.parentPort as envelopes (utility-protocol.ts); the SessionHost answers through
// the same port. Models open the way the CLI opens them (one ModelStore, sha256-checked), from the
// folders the main process passes (inside the installed app they live in its resources).

import { ModelStore } from '../runtime/index.ts';
import { SessionHost } from './session-host.ts';
import { parseEngineLaunchArgv } from './utility-protocol.ts';
import { UtilityRunner, type ParentPortLike } from './utility-runner.ts';

const port = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!port) {
  process.stderr.write(
    'engine/host/utility-entry.ts runs only as an Electron utilityProcess (no parentPort here).\n',
  );
  process.exitCode = 2;
} else {
  const args = parseEngineLaunchArgv(process.argv.slice(2));
  if (!args) {
    port.postMessage({
      kind: 'fatal',
      error: {
        code: 'E_INTERNAL',
        key: 'E_INTERNAL',
        params: { detail: 'engine started without --data-dir' },
      },
    });
    process.exitCode = 2;
  } else {
    let models: ModelStore | null = null;
    const runner = new UtilityRunner({
      port,
      createHost: (send) => {
        models = new ModelStore({
          ...(args.modelsDir ? { modelsDir: args.modelsDir } : {}),
          ...(args.trainedModelsDir ? { trainedModelsDir: args.trainedModelsDir } : {}),
        });
        return new SessionHost({ models, dataDir: args.dataDir, send });
      },
      exit: (code) => {
        const store = models;
        void (store ? store.dispose() : Promise.resolve()).finally(() => {
          process.exitCode = code;
          // The parent port keeps the process alive; leaving is explicit.
          // eslint-disable-next-line no-restricted-properties
          process.exit(code);
        });
      },
      log: (text) => process.stderr.write(`${text}\n`),
    });
    void runner.start();
  }
}
