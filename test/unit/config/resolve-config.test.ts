import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configHash, DEFAULT_CONFIG, resolveConfig } from '../../../engine/config/index.ts';

function tempJson(value: unknown): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'cs-config-')), 'config.json');
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

describe('configuration', () => {
  it('defaults to the personal profile with 5 % false alarms', async () => {
    const c = await resolveConfig();
    expect(c.profile).toBe('personal');
    expect(c.verdict.targetFalseAlarmRate).toBe(0.05);
    expect(c.face.minFacePx).toBe(DEFAULT_CONFIG.face.minFacePx);
  });

  it('layers defaults < profile < file < flags', async () => {
    const bank = await resolveConfig({ profile: 'bank' });
    expect(bank.verdict.targetFalseAlarmRate).toBe(0.1);
    const file = tempJson({ verdict: { targetFalseAlarmRate: 0.08 }, face: { redetectEveryFrames: 5 } });
    const fromFile = await resolveConfig({ profile: 'bank', file });
    expect(fromFile.verdict.targetFalseAlarmRate).toBe(0.08);
    expect(fromFile.face.redetectEveryFrames).toBe(5);
    const flags = await resolveConfig({
      profile: 'bank',
      file,
      overrides: { verdict: { targetFalseAlarmRate: 0.02 } },
    });
    expect(flags.verdict.targetFalseAlarmRate).toBe(0.02);
    expect(flags.face.redetectEveryFrames).toBe(5);
  });

  it('rejects unknown keys, wrong types, unknown profiles and broken files with E_CONFIG_INVALID', async () => {
    for (const bad of [
      { file: tempJson({ verdikt: {} }) },
      { file: tempJson({ face: { minFacePx: 'forty' } }) },
      { file: tempJson({ face: 3 }) },
      { file: tempJson('{ not json') },
      { profile: 'casino' },
      { file: '/nonexistent/config.json' },
    ]) {
      await expect(resolveConfig(bad)).rejects.toMatchObject({ code: 'E_CONFIG_INVALID' });
    }
  });

  it('hashes the same configuration to the same value whatever the key order', async () => {
    const a = await resolveConfig({
      file: tempJson({ face: { maxFaces: 3 }, verdict: { minUsableFaceSec: 4 } }),
    });
    const b = await resolveConfig({
      file: tempJson({ verdict: { minUsableFaceSec: 4 }, face: { maxFaces: 3 } }),
    });
    expect(configHash(a)).toBe(configHash(b));
    expect(configHash(a)).not.toBe(configHash(await resolveConfig()));
    expect(configHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});
