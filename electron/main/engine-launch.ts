// How the main process starts the engine's utilityProcess: which bundled file, which arguments,
// which environment. Pure, so the packaged-app paths are tested without Electron.

import { join } from 'node:path';
import { engineLaunchArgv } from '../../engine/host/utility-protocol.ts';

/** File name of the bundled engine entry (scripts/build-electron.ts writes it next to main.cjs). */
export const ENGINE_BUNDLE = 'engine-host.cjs';

export interface EngineLaunchInput {
  /** Folder of the bundled main process (dist/electron). */
  bundleDir: string;
  /** The engine's data folder (see app-paths.ts). */
  dataDir: string;
  isPackaged: boolean;
  /** process.resourcesPath of the installed app. */
  resourcesPath: string;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

export interface EngineLaunch {
  modulePath: string;
  argv: string[];
  env: NodeJS.ProcessEnv;
}

/** Where the models are: the repository's models/ in development, <resources>/models when installed. */
export function trainedModelsDir(isPackaged: boolean, resourcesPath: string, appRoot: string): string {
  return isPackaged ? join(resourcesPath, 'models') : join(appRoot, 'models');
}

/**
 * In development the engine finds the repository's models and ffmpeg-static by itself. In the
 * installed app the models are extra resources (<resources>/models, vendor/ inside it) and
 * ffmpeg-static's binary is unpacked beside app.asar (a binary inside the archive cannot be
 * executed): FFMPEG_BIN, which ffmpeg-static's own index.js honours, points there unless the user set it.
 */
export function engineLaunch(input: EngineLaunchInput): EngineLaunch {
  const modulePath = join(input.bundleDir, ENGINE_BUNDLE);
  if (!input.isPackaged) {
    return { modulePath, argv: engineLaunchArgv({ dataDir: input.dataDir }), env: { ...input.env } };
  }
  const trained = trainedModelsDir(true, input.resourcesPath, '');
  const argv = engineLaunchArgv({
    dataDir: input.dataDir,
    modelsDir: join(trained, 'vendor'),
    trainedModelsDir: trained,
  });
  const env: NodeJS.ProcessEnv = { ...input.env };
  if (!env.FFMPEG_BIN) {
    const exe = input.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg';
    env.FFMPEG_BIN = join(input.resourcesPath, 'app.asar.unpacked', 'node_modules', 'ffmpeg-static', exe);
  }
  return { modulePath, argv, env };
}
