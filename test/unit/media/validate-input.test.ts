import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCallSentinelError } from '../../../engine/core/errors.ts';
import { validateInput } from '../../../engine/media/validate-input.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'callsentinel-validate-'));
  writeFileSync(join(dir, 'empty.mp4'), '');
  writeFileSync(join(dir, 'some.mp4'), 'abc');
  mkdirSync(join(dir, 'folder.mp4'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function codeOf(path: string): Promise<string> {
  try {
    await validateInput(path);
    return 'ok';
  } catch (err) {
    if (isCallSentinelError(err)) return err.code;
    throw err;
  }
}

describe('validateInput', () => {
  it('maps missing, directory and empty inputs to their codes', async () => {
    expect(await codeOf(join(dir, 'missing.mp4'))).toBe('E_INPUT_MISSING');
    expect(await codeOf(join(dir, 'some.mp4', 'below'))).toBe('E_INPUT_MISSING');
    expect(await codeOf('')).toBe('E_INPUT_MISSING');
    expect(await codeOf(join(dir, 'folder.mp4'))).toBe('E_INPUT_IS_DIRECTORY');
    expect(await codeOf(join(dir, 'empty.mp4'))).toBe('E_INPUT_EMPTY');
  });

  it('returns the size of a readable file, and user-error codes that name the path', async () => {
    expect(await validateInput(join(dir, 'some.mp4'))).toEqual({ path: join(dir, 'some.mp4'), sizeBytes: 3 });
    const err = await validateInput(join(dir, 'folder.mp4')).catch((e: unknown) => e);
    expect(isCallSentinelError(err) && err.isUserError).toBe(true);
    expect(String((err as Error).message)).toContain('folder.mp4');
  });
});
