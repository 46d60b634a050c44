import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { CallSentinelError } from '../core/errors.ts';

export interface InputFileInfo {
  path: string;
  /** Size in bytes; null for something that is not a regular file (a FIFO or device ffmpeg may still read). */
  sizeBytes: number | null;
}

/** Checks that need no ffmpeg: missing → E_INPUT_MISSING, directory → E_INPUT_IS_DIRECTORY, 0 bytes → E_INPUT_EMPTY. */
export async function validateInput(path: string): Promise<InputFileInfo> {
  if (path === '') throw new CallSentinelError('E_INPUT_MISSING', { path });
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw fsError(err, path);
  }
  if (info.isDirectory()) throw new CallSentinelError('E_INPUT_IS_DIRECTORY', { path });
  if (info.isFile() && info.size === 0) throw new CallSentinelError('E_INPUT_EMPTY', { path });
  try {
    await access(path, constants.R_OK);
  } catch (err) {
    throw fsError(err, path);
  }
  return { path, sizeBytes: info.isFile() ? info.size : null };
}

function fsError(err: unknown, path: string): CallSentinelError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new CallSentinelError('E_INPUT_MISSING', { path }, { cause: err });
  const detail = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(err));
  return new CallSentinelError('E_INPUT_UNREADABLE', { path, detail }, { cause: err });
}
