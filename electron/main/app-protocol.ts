// The app's own origin, app://callsentinel, and how its requests map to files of the built
// renderer (dist/renderer). Pure functions: main.ts registers the scheme and serves what
// `resolveAppRequest` returns.
//
// Why a custom protocol and not file:. Under file: every local file shares one opaque origin, so
// CSP 'self', the permission handler and the IPC sender check could not tell our page from any
// other HTML file on the disk, and Chromium refuses fetch() of file: URLs, which MediaPipe needs for
// its wasm and model. app://callsentinel is a standard, secure origin of its own: 'self' means only
// the renderer bundle, and the handler serves nothing outside dist/renderer (no traversal).

import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_ORIGIN } from './app-origin.ts';
import { contentSecurityPolicy } from './window-options.ts';

export { APP_ENTRY_URL, APP_HOST, APP_ORIGIN, APP_SCHEME, isAppUrl, originOf } from './app-origin.ts';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  // WebAssembly.instantiateStreaming (MediaPipe) needs exactly this type.
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
  '.task': 'application/octet-stream',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
};

export type AppRequest =
  | { ok: true; filePath: string; headers: Record<string, string> }
  | { ok: false; status: 400 | 403 | 404 };

/**
 * The file of `rootDir` (the built renderer) that an app:// request asks for, with the response
 * headers (type, CSP on documents, nosniff). Anything outside rootDir, another host, or an unknown
 * file type is refused.
 */
export function resolveAppRequest(url: string, rootDir: string): AppRequest {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400 };
  }
  if (`${parsed.protocol}//${parsed.host}` !== APP_ORIGIN) return { ok: false, status: 403 };
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (pathname.includes('\0')) return { ok: false, status: 400 };
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = resolve(rootDir);
  const filePath = resolve(root, `.${pathname.replace(/\\/g, '/')}`);
  const rel = relative(root, filePath);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..'))
    return { ok: false, status: 403 };
  const type = MIME_TYPES[extname(filePath).toLowerCase()];
  if (!type) return { ok: false, status: 404 };
  const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' };
  if (type.startsWith('text/html')) headers['Content-Security-Policy'] = contentSecurityPolicy();
  return { ok: true, filePath, headers };
}
