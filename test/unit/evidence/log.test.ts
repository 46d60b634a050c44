import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineHash } from '../../../engine/evidence/hash-chain.ts';
import { EvidenceLogWriter } from '../../../engine/evidence/log-writer.ts';
import { verifyLogFile, verifyLogText } from '../../../engine/evidence/verify-log.ts';
import { main } from '../../../engine/cli/main.ts';
import type { CliIo } from '../../../engine/cli/cli-io.ts';

function writeSampleLog(): { file: string; finalHash: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cs-log-'));
  const file = path.join(dir, 'session.ndjson');
  const log = new EvidenceLogWriter(file, { sessionId: 'test-session' });
  log.append({
    type: 'session-started',
    mediaTimeSec: null,
    appVersion: '0.1.0',
    configHash: 'c'.repeat(64),
    config: {},
    models: [{ name: 'blazeface', sha256: 'a'.repeat(64) }],
    input: { kind: 'file', path: 'call.mp4', sha256: 'b'.repeat(64) },
    lang: 'en',
  });
  for (let t = 0; t < 4; t++) {
    log.append({ type: 'score', mediaTimeSec: t, trackId: 1, score: 0.1 * t, faces: 1, signals: {} });
  }
  log.append({ type: 'operator-note', mediaTimeSec: 2.5, text: 'caller refused to turn head' });
  const { finalHash } = log.end({ verdict: 'suspicious' }, 4);
  return { file, finalHash };
}

const lines = (file: string) => readFileSync(file, 'utf8').slice(0, -1).split('\n');
const save = (file: string, ls: string[]) => writeFileSync(file, `${ls.join('\n')}\n`);

describe('evidence log', () => {
  it('chains every record to the one before and verifies when intact', async () => {
    const { file, finalHash } = writeSampleLog();
    const ls = lines(file);
    expect(ls).toHaveLength(7);
    expect(JSON.parse(ls[0]!).prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < ls.length; i++) expect(JSON.parse(ls[i]!).prevHash).toBe(lineHash(ls[i - 1]!));
    const result = await verifyLogFile(file);
    expect(result).toMatchObject({ ok: true, records: 7, finalHash });
  });

  it('catches an edited record', () => {
    const { file } = writeSampleLog();
    const ls = lines(file);
    ls[2] = ls[2]!.replace('"score":0.1', '"score":0.9');
    save(file, ls);
    expect(verifyLogText(readFileSync(file, 'utf8'))).toMatchObject({ ok: false, line: 4 });
  });

  it('catches a deleted record', () => {
    const { file } = writeSampleLog();
    const ls = lines(file);
    ls.splice(3, 1);
    save(file, ls);
    expect(verifyLogText(readFileSync(file, 'utf8'))).toMatchObject({ ok: false, line: 4 });
  });

  it('catches reordered records', () => {
    const { file } = writeSampleLog();
    const ls = lines(file);
    [ls[2], ls[3]] = [ls[3]!, ls[2]!];
    save(file, ls);
    expect(verifyLogText(readFileSync(file, 'utf8'))).toMatchObject({ ok: false, line: 3 });
  });

  it('catches truncation: a cut-off last line, or a missing session-ended record', () => {
    const { file } = writeSampleLog();
    const text = readFileSync(file, 'utf8');
    expect(verifyLogText(text.slice(0, text.length - 20))).toMatchObject({ ok: false, line: 7 });
    const ls = lines(file);
    expect(verifyLogText(`${ls.slice(0, 5).join('\n')}\n`)).toMatchObject({ ok: false, line: 6 });
  });

  it('a log re-hashed after an edit verifies, but its final hash differs from the one reported', () => {
    const { file, finalHash } = writeSampleLog();
    const ls = lines(file).map((l) => JSON.parse(l));
    ls[2].score = 0.95;
    let prev = '0'.repeat(64);
    const forged = ls.map((r) => {
      const line = JSON.stringify({ ...r, prevHash: prev });
      prev = lineHash(line);
      return line;
    });
    const result = verifyLogText(`${forged.join('\n')}\n`);
    expect(result.ok).toBe(true);
    expect(result.ok && result.finalHash).not.toBe(finalHash);
  });

  it('never overwrites an existing log', () => {
    const { file } = writeSampleLog();
    expect(() => new EvidenceLogWriter(file)).toThrow();
  });

  it('verify-log exits 0 intact, 1 broken, 2 unreadable', async () => {
    let out = '';
    const io: CliIo = { stdout: (t) => void (out += t), stderr: () => {}, env: {}, stderrIsTty: false };
    const { file, finalHash } = writeSampleLog();
    expect(await main(['verify-log', file], io)).toBe(0);
    expect(out).toContain(finalHash);
    const ls = lines(file);
    ls.splice(1, 1);
    save(file, ls);
    out = '';
    expect(await main(['verify-log', file], io)).toBe(1);
    expect(out).toMatch(/line 2/);
    expect(await main(['verify-log', path.join(os.tmpdir(), 'no-such-log.ndjson')], io)).toBe(2);
  });

  it('says on stderr when a command runs on a candidate models folder (CALLSENTINEL_MODELS_DIR)', async () => {
    let err = '';
    const io: CliIo = {
      stdout: () => {},
      stderr: (t) => void (err += t),
      env: { CALLSENTINEL_MODELS_DIR: '/tmp/candidate' },
      stderrIsTty: false,
    };
    const { file } = writeSampleLog();
    expect(await main(['verify-log', file], io)).toBe(0);
    expect(err).toMatch(
      /^callsentinel verify-log: using the trained models in \/tmp\/candidate \(CALLSENTINEL_MODELS_DIR\)/,
    );
  });
});
