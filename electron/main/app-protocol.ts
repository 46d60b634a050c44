// The app's own origin, app://callsentinel, and how its requests map to files of the built
// renderer (dist/renderer), MediaPipe's wasm and the face detector model. Pure functions: main.ts registers the scheme and serves what
// `resolveAppRequest` returns.
//
// Why a custom protocol and not file:. Under file: every local file shares one opaque origin, so
// CSP 'self', the permission handler and the IPC sender check could not tell our page from any
// other HTML file on the disk, and Chromium refuses fetch() of file: URLs, which MediaPipe needs for
// its wasm and model. app://callsentinel is a standard, secure origin of its own: 'self' means only
// the renderer bundle, and the handler serves nothing outside dist/renderer (no traversal).

import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
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
  { ok: true; filePath: string; headers: Record<string, string> } | { ok: false; status: 400 | 403 | 404 };

/** A URL path prefix served from a folder, optionally limited to some file types. */
export interface AppMount {
  prefix: string;
  dir: string;
  extensions?: readonly string[];
}

export interface AppMountDirs {
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** The app root holding node_modules (the repository, or app.asar when installed). */
  appRoot: string;
  /** models/vendor (repository) or <resources>/models/vendor (installed): the MediaPipe face detector. */
  vendorModelsDir: string;
}

/**
 * What app:// serves, the same layout as web mode (engine/host/web-server.ts): MediaPipe's wasm from
 * its npm package under /mediapipe/wasm/, the face detector model (.tflite only) under /models/,
 * and the renderer for everything else.
 */
export function appMounts(dirs: AppMountDirs): AppMount[] {
  return [
    {
      prefix: '/mediapipe/wasm/',
      dir: join(dirs.appRoot, 'node_modules', '@mediapipe', 'tasks-vision', 'wasm'),
      extensions: ['.js', '.wasm'],
    },
    { prefix: '/models/', dir: dirs.vendorModelsDir, extensions: ['.tflite'] },
    { prefix: '/', dir: dirs.rendererDir },
  ];
}

/**
 * The file an app:// request asks for, with the response headers (type, CSP on documents,
 * nosniff): the first mount whose prefix matches serves it. Anything outside the mount's folder,
 * another host, or an unknown or unmounted file type is refused. `mounts` may be a single folder.
 */
export function resolveAppRequest(url: string, mounts: readonly AppMount[] | string): AppRequest {
  const table: readonly AppMount[] = typeof mounts === 'string' ? [{ prefix: '/', dir: mounts }] : mounts;
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
  pathname = pathname.replace(/\\/g, '/');
  const mount = table.find((m) => pathname.startsWith(m.prefix));
  if (!mount) return { ok: false, status: 404 };
  const root = resolve(mount.dir);
  const filePath = resolve(root, `./${pathname.slice(mount.prefix.length)}`);
  const rel = relative(root, filePath);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..'))
    return { ok: false, status: 403 };
  const ext = extname(filePath).toLowerCase();
  const type = MIME_TYPES[ext];
  if (!type || (mount.extensions && !mount.extensions.includes(ext))) return { ok: false, status: 404 };
  const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' };
  if (type.startsWith('text/html')) headers['Content-Security-Policy'] = contentSecurityPolicy();
  return { ok: true, filePath, headers };
}
