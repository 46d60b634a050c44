// Types of electron-binary.js (plain JavaScript so that `npm start` runs without tsx).
export function findElectronBinary(
  electronDir: string,
  env?: NodeJS.ProcessEnv,
  fs?: { exists?: (p: string) => boolean; read?: (p: string) => string | null },
): string | null;
