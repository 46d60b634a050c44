// Where the app keeps sessions, and how it starts the engine (electron/main/app-paths.ts, engine-launch.ts).

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appDataDir, sessionsDir } from '../../../electron/main/app-paths.ts';
import { engineLaunch } from '../../../electron/main/engine-launch.ts';
import { parseEngineLaunchArgv } from '../../../engine/host/utility-protocol.ts';

const USER_DATA = path.resolve('/home/u/.config/CallSentinel');

describe('app paths', () => {
  it('keeps sessions under userData/sessions by default', () => {
    expect(appDataDir(USER_DATA, {})).toBe(USER_DATA);
    expect(sessionsDir(USER_DATA, {})).toBe(path.join(USER_DATA, 'sessions'));
  });

  it('moves everything to CALLSENTINEL_HOME when set (relative to the working directory)', () => {
    expect(sessionsDir(USER_DATA, { CALLSENTINEL_HOME: path.resolve('/srv/cs') })).toBe(
      path.resolve('/srv/cs/sessions'),
    );
    expect(appDataDir(USER_DATA, { CALLSENTINEL_HOME: 'data' }, path.resolve('/work'))).toBe(
      path.resolve('/work/data'),
    );
    expect(appDataDir(USER_DATA, { CALLSENTINEL_HOME: '   ' })).toBe(USER_DATA);
  });
});

describe('engine launch', () => {
  const base = {
    bundleDir: path.resolve('/app/dist/electron'),
    dataDir: USER_DATA,
    resourcesPath: path.resolve('/opt/CallSentinel/resources'),
    env: { PATH: '/usr/bin' },
  };

  it('in development: the bundled entry, the data folder, the repository’s models and ffmpeg', () => {
    const l = engineLaunch({ ...base, isPackaged: false, platform: 'linux' });
    expect(l.modulePath).toBe(path.join(base.bundleDir, 'engine-host.cjs'));
    expect(parseEngineLaunchArgv(l.argv)).toEqual({ dataDir: USER_DATA });
    expect(l.env).toEqual({ PATH: '/usr/bin' });
  });

  it('installed: models from the resources, ffmpeg-static’s binary from app.asar.unpacked', () => {
    const l = engineLaunch({ ...base, isPackaged: true, platform: 'win32' });
    expect(parseEngineLaunchArgv(l.argv)).toEqual({
      dataDir: USER_DATA,
      modelsDir: path.join(base.resourcesPath, 'models', 'vendor'),
      trainedModelsDir: path.join(base.resourcesPath, 'models'),
    });
    expect(l.env.FFMPEG_BIN).toBe(
      path.join(base.resourcesPath, 'app.asar.unpacked', 'node_modules', 'ffmpeg-static', 'ffmpeg.exe'),
    );
    const own = engineLaunch({
      ...base,
      env: { FFMPEG_BIN: '/usr/bin/ffmpeg' },
      isPackaged: true,
      platform: 'linux',
    });
    expect(own.env.FFMPEG_BIN).toBe('/usr/bin/ffmpeg');
  });
});
