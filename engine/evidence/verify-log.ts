// Checks an evidence log: every line parses, names its predecessor's hash, carries the next
// sequence number and the same session, and the log ends with a session-ended record whose
// count matches. The first problem is reported with its line number.

import { readFile } from 'node:fs/promises';
import { lineHash } from './hash-chain.ts';
import { GENESIS_HASH } from './events.ts';

/** Stable codes for what broke, so a report can say it in the reader's language. */
export type VerifyProblem =
  | 'empty'
  | 'truncated'
  | 'not-json'
  | 'chain'
  | 'sequence'
  | 'other-session'
  | 'no-start'
  | 'after-end'
  | 'count'
  | 'no-end';

export type VerifyResult =
  | { ok: true; records: number; finalHash: string; sessionId: string }
  | { ok: false; line: number; code: VerifyProblem; problem: string; records: number };

export function verifyLogText(text: string): VerifyResult {
  if (text.length === 0)
    return { ok: false, line: 1, code: 'empty', problem: 'the log is empty', records: 0 };
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  let prevHash = GENESIS_HASH;
  let sessionId: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const n = i + 1;
    const fail = (code: VerifyProblem, problem: string): VerifyResult => ({
      ok: false,
      line: n,
      code,
      problem,
      records: i,
    });
    let record: {
      seq?: unknown;
      prevHash?: unknown;
      sessionId?: unknown;
      type?: unknown;
      recordCount?: unknown;
    };
    try {
      record = JSON.parse(line);
    } catch {
      return i === lines.length - 1 && !endsWithNewline
        ? fail('truncated', 'the last record is cut off (truncated)')
        : fail('not-json', 'not valid JSON');
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record))
      return fail('not-json', 'not a JSON object');
    if (record.prevHash !== prevHash)
      return fail(
        'chain',
        'its prevHash does not match the previous line (edited, deleted or reordered records)',
      );
    if (record.seq !== i)
      return fail('sequence', `sequence number ${String(record.seq)} where ${i} was expected`);
    if (sessionId === null) sessionId = String(record.sessionId);
    else if (record.sessionId !== sessionId) return fail('other-session', 'belongs to another session');
    if (i === 0 && record.type !== 'session-started')
      return fail('no-start', 'the log does not start with session-started');
    const last = i === lines.length - 1;
    if (record.type === 'session-ended') {
      if (!last) return fail('after-end', 'records follow session-ended');
      if (record.recordCount !== lines.length)
        return fail(
          'count',
          `session-ended counts ${String(record.recordCount)} records, the log has ${lines.length}`,
        );
    } else if (last) {
      return {
        ok: false,
        line: n + 1,
        code: 'no-end',
        problem: 'no session-ended record (truncated)',
        records: lines.length,
      };
    }
    prevHash = lineHash(line);
  }
  if (!endsWithNewline)
    return {
      ok: false,
      line: lines.length,
      code: 'truncated',
      problem: 'the last record is cut off (truncated)',
      records: lines.length,
    };
  return { ok: true, records: lines.length, finalHash: prevHash, sessionId: sessionId ?? '' };
}

export async function verifyLogFile(path: string): Promise<VerifyResult> {
  return verifyLogText(await readFile(path, 'utf8'));
}
