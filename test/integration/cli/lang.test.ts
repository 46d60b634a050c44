// The command line in both languages: help in Chinese names every option, error lines are worded
// in the chosen language (--lang, else CALLSENTINEL_LANG, else en) and end with the same code,
// and the --json documents keep their English keys.

import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../engine/cli/main.ts';
import { COMMANDS } from '../../../engine/cli/commands/index.ts';
import type { CliIo } from '../../../engine/cli/cli-io.ts';
import { EvidenceLogWriter } from '../../../engine/evidence/log-writer.ts';

const CJK = /[\u3400-\u9fff]/;

async function runCli(args: string[], lang?: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { ...process.env, CALLSENTINEL_LANG: lang },
    stderrIsTty: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

function sampleLog(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cs-lang-'));
  const file = path.join(dir, 'session.ndjson');
  const log = new EvidenceLogWriter(file, { sessionId: 'lang-test' });
  log.append({
    type: 'session-started',
    mediaTimeSec: null,
    appVersion: '0.1.0',
    configHash: 'c'.repeat(64),
    config: {},
    models: [],
    input: { kind: 'file', path: 'call.mp4', sha256: 'b'.repeat(64) },
    lang: 'en',
  });
  log.end({ verdict: 'not_verified' }, 0);
  return file;
}

describe('help', () => {
  it('the overview is Chinese with CALLSENTINEL_LANG=zh-CN and lists every command', async () => {
    const zh = await runCli(['--help'], 'zh-CN');
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(CJK);
    for (const c of COMMANDS) expect(zh.stdout).toContain(c.name);
    expect((await runCli(['--help'])).stdout).not.toMatch(CJK);
  });

  it.each(COMMANDS.map((c) => [c.name, c] as const))(
    '%s --help in zh-CN is Chinese and names every option',
    async (name, command) => {
      for (const [args, env] of [
        [[name, '--help'], 'zh-CN'],
        [[name, '--lang', 'zh-CN', '--help'], undefined],
      ] as const) {
        const r = await runCli([...args], env);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(CJK);
        for (const option of Object.keys(command.options)) expect(r.stdout).toContain(`--${option}`);
      }
      const en = await runCli([name, '--help']);
      expect(en.stdout).not.toMatch(CJK);
      for (const option of Object.keys(command.options)) expect(en.stdout).toContain(`--${option}`);
    },
  );
});

describe('error lines', () => {
  const codeOf = (line: string) => /\[(E_[A-Z_]+)\]\n$/.exec(line)?.[1];

  it.each([
    ['a missing input', ['scan', path.join(os.tmpdir(), 'no-such-call.mp4')], 'E_INPUT_MISSING'],
    ['an unknown option', ['scan', 'call.mp4', '--no-such-flag'], 'E_USAGE'],
    ['a bad number', ['dataset', '--folds', '1'], 'E_USAGE'],
    ['a missing argument', ['verify-log'], 'E_USAGE'],
  ])('%s: Chinese in zh-CN, English otherwise, the same code', async (_label, args, code) => {
    const en = await runCli(args);
    const zh = await runCli(args, 'zh-CN');
    expect(en.code).toBe(2);
    expect(zh.code).toBe(2);
    expect(en.stderr).toMatch(new RegExp(`^callsentinel ${args[0]}: `));
    expect(en.stderr).not.toMatch(CJK);
    expect(zh.stderr).toMatch(CJK);
    expect(zh.stderr.trim().split('\n')).toHaveLength(1);
    expect(codeOf(en.stderr)).toBe(code);
    expect(codeOf(zh.stderr)).toBe(code);
  });

  it('--lang wins over CALLSENTINEL_LANG where a command has it', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-call.mp4');
    const zh = await runCli(['scan', missing, '--lang', 'zh-CN'], 'en');
    expect(zh.stderr).toMatch(CJK);
    expect(codeOf(zh.stderr)).toBe('E_INPUT_MISSING');
    const en = await runCli(['scan', missing, '--lang=en'], 'zh-CN');
    expect(en.stderr).not.toMatch(CJK);
    expect(codeOf(en.stderr)).toBe('E_INPUT_MISSING');
  });

  it('an unknown --lang is a usage error', async () => {
    const r = await runCli(['scan', 'call.mp4', '--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--lang');
    expect(codeOf(r.stderr)).toBe('E_USAGE');
  });
});

describe('verify-log output', () => {
  it('says intact / broken in the chosen language; --json keeps its keys', async () => {
    const file = sampleLog();
    const zh = await runCli(['verify-log', file], 'zh-CN');
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^完好：/);
    expect((await runCli(['verify-log', file])).stdout).toMatch(
      /^intact: 2 records, final hash [0-9a-f]{64}\n$/,
    );

    const broken = path.join(path.dirname(file), 'broken.ndjson');
    writeFileSync(broken, '{"seq":0}\n');
    const en = await runCli(['verify-log', broken]);
    expect(en.code).toBe(1);
    expect(en.stdout).toMatch(/^BROKEN at line 1: /);
    const zhBroken = await runCli(['verify-log', broken], 'zh-CN');
    expect(zhBroken.stdout).toMatch(CJK);
    const enJson = JSON.parse((await runCli(['verify-log', broken, '--json'])).stdout);
    const zhJson = JSON.parse((await runCli(['verify-log', broken, '--json'], 'zh-CN')).stdout);
    expect(Object.keys(zhJson)).toEqual(Object.keys(enJson));
    expect(zhJson.code).toBe(enJson.code);
    expect(zhJson.problem).toMatch(CJK);
    expect(enJson.problem).not.toMatch(CJK);
  });
});
