import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256File } from '../../../engine/core/hash.ts';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'callsentinel-hash-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sha256File', () => {
  it('hashes known content and files larger than one read chunk', async () => {
    const abc = join(dir, 'abc.txt');
    writeFileSync(abc, 'abc');
    expect(await sha256File(abc)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const empty = join(dir, 'empty');
    writeFileSync(empty, '');
    expect(await sha256File(empty)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    const bigPath = join(dir, 'big.bin');
    writeFileSync(bigPath, big);
    expect(await sha256File(bigPath)).toBe(createHash('sha256').update(big).digest('hex'));
  });

  it('rethrows file-system errors unchanged for the caller to map', async () => {
    await expect(sha256File(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
