// Web mode (`npm run dev:web`): the app's window in an ordinary browser, for tests and for machines
// where the desktop app cannot be installed. It serves the built renderer and talks to the real
// engine over a WebSocket. Bound to 127.0.0.1 only; the WebSocket needs the random session token
// printed with the URL, and a Host and Origin of this server, so neither another machine nor a web
// page the user happens to open can reach the engine or its camera frames.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ModelStore } from '../runtime/index.ts';
import { MAX_FRAME_MESSAGE_BYTES } from '../live/protocol.ts';
import { SessionHost } from './session-host.ts';

export interface WebServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Where session folders (evidence logs, reports) are written. */
  dataDir: string;
  /** The built renderer (index.html, app.js, styles.css). */
  staticDir: string;
  models: ModelStore;
  /** Folder of converted models (the MediaPipe face detector is served from it). */
  vendorModelsDir?: string;
}

export interface WebServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The same policy as the desktop window's: our own files only, WebAssembly allowed for MediaPipe. */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "connect-src 'self' ws://127.0.0.1:*",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "style-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = randomBytes(24).toString('base64url');
  // MediaPipe's WebAssembly from its npm package, the converted face detector from models/vendor.
  const wasmDir = fileURLToPath(new URL('../../node_modules/@mediapipe/tasks-vision/wasm/', import.meta.url));
  const vendorDir =
    options.vendorModelsDir ?? fileURLToPath(new URL('../../models/vendor/', import.meta.url));
  const mounts: Array<[prefix: string, dir: string]> = [
    ['/mediapipe/wasm/', path.resolve(wasmDir)],
    ['/models/', path.resolve(vendorDir)],
    ['/', path.resolve(options.staticDir)],
  ];

  const server = createServer((req, res) => {
    void serveStatic(req, res, mounts).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_MESSAGE_BYTES });
  const hosts = new Set<SessionHost>();

  server.on('upgrade', (req, socket, head) => {
    const port = (server.address() as AddressInfo).port;
    if (!isAllowedUpgrade(req, token, port)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const host = new SessionHost({
        models: options.models,
        dataDir: options.dataDir,
        send: (message) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
        },
      });
      hosts.add(host);
      attach(ws, host, () => hosts.delete(host));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    close: async () => {
      for (const ws of sockets.clients) ws.close(1001);
      await Promise.all([...hosts].map((h) => h.close()));
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function attach(ws: WebSocket, host: SessionHost, onClose: () => void): void {
  ws.on('message', (data, isBinary) => {
    // A Buffer as ws gives it (no copy: frames are large); fragments joined; an ArrayBuffer wrapped.
    const bytes = Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.isBuffer(data)
        ? data
        : Buffer.from(data);
    if (isBinary)
      void host.handleFrameMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    // Text is a request; one over MAX_JSON_MESSAGE_BYTES is refused by the protocol's own check.
    else void host.handleMessage(bytes.toString('utf8'));
  });
  ws.on('close', () => {
    onClose();
    void host.close();
  });
  ws.on('error', () => ws.terminate());
}

/** Only this machine's pages of this server, with the token, may open the engine socket. */
export function isAllowedUpgrade(
  req: Pick<IncomingMessage, 'url' | 'headers'>,
  token: string,
  port: number,
): boolean {
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  if (url.pathname !== '/engine') return false;
  const given = Buffer.from(url.searchParams.get('token') ?? '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowedHosts.includes(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  return origin === undefined || allowedHosts.some((h) => origin === `http://${h}`);
}

async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  mounts: ReadonlyArray<[string, string]>,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  if (pathname === '/') pathname = '/index.html';
  const mount = mounts.find(([prefix]) => pathname.startsWith(prefix));
  if (!mount) {
    res.writeHead(404).end();
    return;
  }
  const [prefix, dir] = mount;
  const file = path.resolve(dir, '.' + path.posix.normalize('/' + pathname.slice(prefix.length)));
  // Never outside the mounted folder (no "..", no absolute paths).
  if (file !== dir && !file.startsWith(dir + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Content-Security-Policy': WEB_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
