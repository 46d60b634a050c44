// Checks an evidence log: every line parses, names its predecessor's hash, carries the next
// sequence number and the same session, and the log ends with a session-ended record whose
// count matches. The first problem is reported with its line number.

import { readFile } from 'node:fs/promises';
import { lineHash } from './hash-chain.ts';
import { GENESIS_HASH } from './events.ts';

export type VerifyResult =
  | { ok: true; records: number; finalHash: string; sessionId: string }
  | { ok: false; line: number; problem: string; records: number };

export function verifyLogText(text: string): VerifyResult {
  if (text.length === 0) return { ok: false, line: 1, problem: 'the log is empty', records: 0 };
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  let prevHash = GENESIS_HASH;
  let sessionId: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const n = i + 1;
    const fail = (problem: string): VerifyResult => ({ ok: false, line: n, problem, records: i });
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
      return fail(
        i === lines.length - 1 && !endsWithNewline
          ? 'the last record is cut off (truncated)'
          : 'not valid JSON',
      );
    }
    if (record.prevHash !== prevHash)
      return fail('its prevHash does not match the previous line (edited, deleted or reordered records)');
    if (record.seq !== i) return fail(`sequence number ${String(record.seq)} where ${i} was expected`);
    if (sessionId === null) sessionId = String(record.sessionId);
    else if (record.sessionId !== sessionId) return fail('belongs to another session');
    if (i === 0 && record.type !== 'session-started')
      return fail('the log does not start with session-started');
    const last = i === lines.length - 1;
    if (record.type === 'session-ended') {
      if (!last) return fail('records follow session-ended');
      if (record.recordCount !== lines.length)
        return fail(
          `session-ended counts ${String(record.recordCount)} records, the log has ${lines.length}`,
        );
    } else if (last) {
      return {
        ok: false,
        line: n + 1,
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
      problem: 'the last record is cut off (truncated)',
      records: lines.length,
    };
  return { ok: true, records: lines.length, finalHash: prevHash, sessionId: sessionId ?? '' };
}

export async function verifyLogFile(path: string): Promise<VerifyResult> {
  return verifyLogText(await readFile(path, 'utf8'));
}
