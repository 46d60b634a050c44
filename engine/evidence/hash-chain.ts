// The hash chain that makes an evidence log tamper-evident: each line names the sha256 of the
// previous line's exact bytes, so editing, dropping or reordering any record breaks the chain
// from that point on, and the final hash (shown in the report) pins the whole log.

import { createHash } from 'node:crypto';

export function lineHash(line: string): string {
  return createHash('sha256').update(line, 'utf8').digest('hex');
}
