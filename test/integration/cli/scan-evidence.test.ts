// scan --events / --report: the evidence log is written as the scan goes, verifies intact, and
// the report rendered from it carries the log's final hash; every face gets its own verdict.

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../engine/cli/cli-io.ts';
import { main } from '../../../engine/cli/main.ts';
import { makeMultiFaceClip } from '../../../engine/eval/synthetic/bench-clips.ts';
import { verifyLogFile } from '../../../engine/evidence/verify-log.ts';

async function runCli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: {},
    stderrIsTty: false,
  };
  return { code: await main(args, io), stdout: () => stdout, stderr: () => stderr };
}

describe('scan with an evidence log and a report', () => {
  it('logs the session, verifies intact, and the report shows the final hash', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cs-evidence-'));
    const clip = await makeMultiFaceClip({ seconds: 4 });
    const events = path.join(dir, 'call.ndjson');
    const report = path.join(dir, 'call.html');
    const run = await runCli([
      'scan',
      clip.path,
      '--json',
      '--events',
      events,
      '--report',
      report,
      '--profile',
      'bank',
      '--operator',
      'Test Operator',
    ]);
    expect(run.code, run.stderr()).toBe(0);
    const result = JSON.parse(run.stdout());

    const verified = await verifyLogFile(events);
    expect(verified.ok).toBe(true);
    const records = readFileSync(events, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records[0].type).toBe('session-started');
    expect(records[0].input.sha256).toBe(result.sha256);
    expect(records[0].config.profile).toBe('bank');
    expect(records[0].configHash).toMatch(/^[0-9a-f]{64}$/);
    expect(records[0].models.map((m: { name: string }) => m.name)).toEqual(
      expect.arrayContaining(['blazeface', 'facemesh']),
    );
    expect(records.filter((r) => r.type === 'score')).toHaveLength(4);
    expect(records.some((r) => r.type === 'keyframe' && r.jpegBase64.length > 100)).toBe(true);
    expect(records.at(-2).type).toBe('verdict-updated');
    expect(records.at(-2).verdict).toBe(result.verdict);
    expect(records.at(-1)).toMatchObject({ type: 'session-ended', recordCount: records.length });

    const html = readFileSync(report, 'utf8');
    expect(verified.ok && html.includes(verified.finalHash)).toBe(true);
    expect(html).toContain('Test Operator');

    // Both faces of the call window are assessed; the self-view is listed with its own verdict.
    expect(result.faces).toHaveLength(2);
    for (const f of result.faces)
      expect(['likely_real', 'suspicious', 'likely_fake', 'not_verified']).toContain(f.verdict);
  });

  it('refuses to overwrite an existing log and leaves no empty log for unreadable input', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cs-evidence-'));
    const clip = await makeMultiFaceClip({ seconds: 4 });
    const events = path.join(dir, 'call.ndjson');
    expect((await runCli(['scan', clip.path, '--events', events, '--max-seconds', '1'])).code).toBe(0);
    const again = await runCli(['scan', clip.path, '--events', events]);
    expect(again.code).toBe(2);
    expect(again.stderr()).toContain('E_OUTPUT_UNWRITABLE');
    const bad = path.join(dir, 'bad.ndjson');
    const text = path.join(dir, 'not-a-video.mp4');
    writeFileSync(text, 'hello');
    expect((await runCli(['scan', text, '--events', bad])).code).toBe(2);
    expect(existsSync(bad)).toBe(false);
    expect((await runCli(['scan', clip.path, '--pdf', path.join(dir, 'x.pdf')])).code).toBe(2);
  });
});
