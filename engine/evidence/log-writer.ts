// Appends evidence events to an NDJSON file. Each write goes straight to the file (append-only,
// no buffering in this process) and the file is synced at most once a second, so a crash loses
// at most the last second of records.

import { randomUUID } from 'node:crypto';
import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { lineHash } from './hash-chain.ts';
import { EVIDENCE_SCHEMA_VERSION, GENESIS_HASH, type EvidenceEvent, type EvidenceInput } from './events.ts';

const SYNC_INTERVAL_MS = 1000;

export class EvidenceLogWriter {
  private readonly fd: number;
  private seq = 0;
  private prevHash = GENESIS_HASH;
  private lastSync = 0;
  private closed = false;
  readonly sessionId: string;

  constructor(
    readonly path: string,
    options: { sessionId?: string; now?: () => Date } = {},
  ) {
    // 'wx': never overwrite an existing log.
    this.fd = openSync(path, 'wx');
    this.sessionId = options.sessionId ?? randomUUID();
    this.now = options.now ?? (() => new Date());
  }

  private readonly now: () => Date;

  /** Writes one record and returns it as written (with its chain fields). */
  append(input: EvidenceInput): EvidenceEvent {
    if (this.closed) throw new Error('evidence log is closed');
    const record = {
      schemaVersion: EVIDENCE_SCHEMA_VERSION,
      sessionId: this.sessionId,
      seq: this.seq,
      wallTime: this.now().toISOString(),
      prevHash: this.prevHash,
      ...input,
    } as EvidenceEvent;
    const line = JSON.stringify(record);
    writeSync(this.fd, `${line}\n`);
    this.prevHash = lineHash(line);
    this.seq++;
    const t = Date.now();
    if (t - this.lastSync >= SYNC_INTERVAL_MS || record.type === 'session-ended') {
      fdatasyncSync(this.fd);
      this.lastSync = t;
    }
    return record;
  }

  /** Records written so far. */
  get recordCount(): number {
    return this.seq;
  }

  /** Hash of the last line written: the value a report shows as the log's final hash. */
  get lastHash(): string {
    return this.prevHash;
  }

  /** Writes `session-ended` (with the final record count) and closes the file. */
  end(summary: unknown, mediaTimeSec: number | null = null): { recordCount: number; finalHash: string } {
    this.append({ type: 'session-ended', mediaTimeSec, recordCount: this.seq + 1, summary });
    this.close();
    return { recordCount: this.seq, finalHash: this.prevHash };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    fdatasyncSync(this.fd);
    closeSync(this.fd);
  }
}
