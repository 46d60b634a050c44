// `npm start` finds Electron's binary without triggering its download (scripts/electron-binary.js).

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../../scripts/electron-binary.js';

const DIR = path.resolve('/repo/node_modules/electron');

function fakeFs(files: Record<string, string>) {
  return { exists: (p: string) => p in files, read: (p: string) => files[p] ?? null };
}

describe('findElectronBinary', () => {
  it('reads path.txt and returns the binary in dist/ when that file exists', () => {
    const bin = path.join(DIR, 'dist', 'electron');
    expect(
      findElectronBinary(DIR, {}, fakeFs({ [path.join(DIR, 'path.txt')]: 'electron\n', [bin]: '' })),
    ).toBe(bin);
  });

  it('returns null without path.txt or without the binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD)', () => {
    expect(findElectronBinary(DIR, {}, fakeFs({}))).toBeNull();
    expect(findElectronBinary(DIR, {}, fakeFs({ [path.join(DIR, 'path.txt')]: 'electron' }))).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const own = path.resolve('/opt/electron');
    expect(
      findElectronBinary(
        DIR,
        { ELECTRON_OVERRIDE_DIST_PATH: own },
        fakeFs({ [path.join(own, 'electron')]: '' }),
      ),
    ).toBe(path.join(own, 'electron'));
  });

  it('says there is none on this machine (the real node_modules/electron has no binary)', () => {
    expect(findElectronBinary(path.resolve('node_modules/electron'), {})).toBeNull();
  });
});
