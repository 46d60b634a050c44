// Tests on the shared face media run when CALLSENTINEL_DATA is set (CI sets it; then a missing
// folder fails the run) and are skipped, with a printed notice, when it is not.

import { resolveDataDir } from '../../engine/eval/data-manifest.ts';

export function sharedDataDir(suite: string): string | null {
  const dir = resolveDataDir();
  if (!dir)
    console.warn(`[skipped] ${suite}: set CALLSENTINEL_DATA to the shared face-media folder to run it.`);
  return dir;
}
