import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Bytes read per chunk: large enough that hashing a model file is not syscall-bound. */
const READ_CHUNK_BYTES = 1 << 20;

/**
 * Lower-case hex sha256 of a file, streamed in 1 MiB chunks (memory stays flat for any size).
 * File-system errors (ENOENT, EISDIR, EACCES) are rethrown unchanged so that each caller can
 * map them to its own error code (a missing model is not a missing input).
 */
export async function sha256File(path: string, opts: { signal?: AbortSignal } = {}): Promise<string> {
  const hash = createHash('sha256');
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES, signal: opts.signal });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
