// Checks an evidence log: every line parses, names its predecessor's hash, carries the next
// sequence number and the same session, and the log ends with a session-ended record whose
// count matches. The first problem is reported with its line number.

import { readFile } from 'node:fs/promises';
import { formatMessage, type MessageKey, type MessageParams } from '../core/messages.ts';
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

/**
 * What broke, in words: `problem` is the English text; `problemKey` and `problemParams` say it
 * again in any language through the message catalogue.
 */
export type VerifyResult =
  | { ok: true; records: number; finalHash: string; sessionId: string }
  | {
      ok: false;
      line: number;
      code: VerifyProblem;
      problem: string;
      problemKey: MessageKey;
      problemParams: MessageParams;
      records: number;
    };

type Detail = Extract<MessageKey, `verify.problem.${string}`>;

function failure(
  line: number,
  code: VerifyProblem,
  records: number,
  detail: Detail = `verify.problem.${code}`,
  params: MessageParams = {},
): VerifyResult {
  return {
    ok: false,
    line,
    code,
    problem: formatMessage(detail, params, 'en'),
    problemKey: detail,
    problemParams: params,
    records,
  };
}

export function verifyLogText(text: string): VerifyResult {
  if (text.length === 0) return failure(1, 'empty', 0);
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  let prevHash = GENESIS_HASH;
  let sessionId: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const n = i + 1;
    const fail = (code: VerifyProblem, detail?: Detail, params?: MessageParams): VerifyResult =>
      failure(n, code, i, detail, params);
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
      return i === lines.length - 1 && !endsWithNewline ? fail('truncated') : fail('not-json');
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record))
      return fail('not-json', 'verify.problem.not-object');
    if (record.prevHash !== prevHash) return fail('chain');
    if (record.seq !== i) return fail('sequence', undefined, { seq: String(record.seq), expected: i });
    if (sessionId === null) sessionId = String(record.sessionId);
    else if (record.sessionId !== sessionId) return fail('other-session');
    if (i === 0 && record.type !== 'session-started') return fail('no-start');
    const last = i === lines.length - 1;
    if (record.type === 'session-ended') {
      if (!last) return fail('after-end');
      if (record.recordCount !== lines.length)
        return fail('count', undefined, { counted: String(record.recordCount), actual: lines.length });
    } else if (last) {
      return failure(n + 1, 'no-end', lines.length);
    }
    prevHash = lineHash(line);
  }
  if (!endsWithNewline) return failure(lines.length, 'truncated', lines.length);
  return { ok: true, records: lines.length, finalHash: prevHash, sessionId: sessionId ?? '' };
}

export async function verifyLogFile(path: string): Promise<VerifyResult> {
  return verifyLogText(await readFile(path, 'utf8'));
}
