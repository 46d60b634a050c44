// Reads an evidence log for the report: verifies the chain (verifyLogText) and parses every line
// that is still a readable record, so a broken log can still be shown, with its break named.

import { readFile } from 'node:fs/promises';
import { CallSentinelError } from '../../core/errors.ts';
import { validateInput } from '../../media/validate-input.ts';
import type { EvidenceEvent } from '../events.ts';
import { verifyLogText, type VerifyResult } from '../verify-log.ts';

export interface EvidenceLog {
  events: EvidenceEvent[];
  verification: VerifyResult;
}

/** Missing, empty or unreadable files, and files with no evidence record at all, are user errors (exit 2). */
export async function readEvidenceLog(path: string): Promise<EvidenceLog> {
  await validateInput(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CallSentinelError(
      'E_LOG_UNREADABLE',
      { path, detail: (error as NodeJS.ErrnoException).code ?? String(error) },
      { cause: error },
    );
  }
  const events = parseEvidenceText(text);
  if (events.length === 0)
    throw new CallSentinelError('E_LOG_UNREADABLE', { path, detail: 'no line is an evidence record' });
  return { events, verification: verifyLogText(text) };
}

/** Every line that parses as a JSON object with a string `type`, in file order. */
export function parseEvidenceText(text: string): EvidenceEvent[] {
  const events: EvidenceEvent[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (
        typeof value === 'object' &&
        value !== null &&
        typeof (value as { type?: unknown }).type === 'string'
      )
        events.push(value as EvidenceEvent);
    } catch {
      // not a record: verifyLogText names the line
    }
  }
  return events;
}
