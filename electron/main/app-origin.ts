// The app's own origin, app://callsentinel (why a custom scheme: see app-protocol.ts). No Node or
// Electron import: the sandboxed preload bundles this file through ipc-contract.ts.

export const APP_SCHEME = 'app';
export const APP_HOST = 'callsentinel';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window opens. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The origin of a URL (scheme://host[:port]), or null when it does not parse. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    // Custom schemes give origin "null" in WHATWG URL; build it the way Chromium does for a standard scheme.
    if (parsed.origin !== 'null') return parsed.origin;
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

/** True when `url` belongs to the app's own origin. */
export function isAppUrl(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}
