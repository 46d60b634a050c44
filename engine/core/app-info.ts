// The application's own version, from package.json (read once per call site; it is tiny).

import { readFileSync } from 'node:fs';

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
