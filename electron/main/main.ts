// The desktop app's main process: thin glue between Electron and the pure modules beside it
// (window-options, security, ipc-contract, engine-host, capture-sources, notifications, report-pdf,
// app-paths, app-protocol). Bundled by scripts/build-electron.ts to dist/electron/main.cjs.
// Nothing here is unit-tested (it needs an Electron binary); every decision it makes lives in a
// tested function. What it does: one instance, one window, the app:// protocol serving
// dist/renderer, the security handlers, the engine in a utilityProcess, IPC, notifications.

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  desktopCapturer,
  dialog,
  Notification,
  protocol,
  session,
  utilityProcess,
  type Session,
} from 'electron';
import { formatMessage, formatText, isLang, isMessageKey, type Lang } from '../../engine/core/messages.ts';
import type { ClientMessage } from '../../engine/live/protocol.ts';
import { appDataDir } from './app-paths.ts';
import { APP_ENTRY_URL, APP_SCHEME, appMounts, resolveAppRequest } from './app-protocol.ts';
import { CaptureSourceChoice, mapCaptureSources, THUMBNAIL_SIZE } from './capture-sources.ts';
import { EngineHost } from './engine-host.ts';
import { engineLaunch, trainedModelsDir } from './engine-launch.ts';
import { IPC_CHANNELS, type EngineEvent } from './ipc-contract.ts';
import { sendToWindow, wireIpc } from './ipc-main.ts';
import { decideNotification, INITIAL_NOTIFICATION_STATE, type NotificationState } from './notifications.ts';
import { exportReportAsPdf, isAllowedPrintRequest, isPdfExport, printToPdfOptions } from './report-pdf.ts';
import {
  isAllowedDevice,
  isAllowedNavigation,
  isAllowedPermission,
  requestOrigin,
  windowOpenDecision,
  type PermissionDetails,
} from './security.ts';
import { mainWindowOptions } from './window-options.ts';

// This file is bundled to CommonJS: __dirname is dist/electron (main.cjs, preload.cjs, engine-host.cjs).
const BUNDLE_DIR = __dirname;
const RENDERER_DIR = join(BUNDLE_DIR, '..', 'renderer');
/** The repository in development, app.asar when installed (both hold dist/ and node_modules/). */
const APP_ROOT = join(BUNDLE_DIR, '..', '..');

// app:// must be registered before the app is ready: standard + secure gives it a real origin,
// fetch (MediaPipe's wasm and model), and a secure context (getDisplayMedia, getUserMedia).
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
  },
]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let lang: Lang = 'en';
let notificationState: NotificationState = INITIAL_NOTIFICATION_STATE;
const captureChoice = new CaptureSourceChoice();

function contents() {
  return mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null;
}

function emitToWindow(event: EngineEvent): void {
  sendToWindow(contents(), IPC_CHANNELS.event, event);
  const win = mainWindow;
  const focused = !!win && !win.isDestroyed() && win.isVisible() && !win.isMinimized() && win.isFocused();
  const decision = decideNotification(notificationState, event, {
    windowFocused: focused,
    nowMs: Date.now(),
    lang,
  });
  notificationState = decision.state;
  if (decision.notify && Notification.isSupported()) {
    const n = new Notification({
      title: decision.notify.title,
      body: decision.notify.body,
      urgency: 'critical',
    });
    n.on('click', () => {
      if (mainWindow && !mainWindow.isDestroyed()) {
        if (mainWindow.isMinimized()) mainWindow.restore();
        mainWindow.show();
        mainWindow.focus();
      }
    });
    n.show();
  }
}

function startEngine(): EngineHost {
  const launch = engineLaunch({
    bundleDir: BUNDLE_DIR,
    dataDir: appDataDir(app.getPath('userData')),
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    platform: process.platform,
    env: process.env,
  });
  const host = new EngineHost({
    spawn: (handlers) => {
      const child = utilityProcess.fork(launch.modulePath, launch.argv, {
        serviceName: 'CallSentinel engine',
        env: launch.env,
        stdio: 'inherit',
      });
      child.on('message', (data) => handlers.onMessage(data));
      child.on('exit', (code) => handlers.onExit(code));
      return { postMessage: (message) => child.postMessage(message), kill: () => void child.kill() };
    },
    emit: emitToWindow,
    onGiveUp: (error) => {
      const key = isMessageKey(error.key) ? error.key : 'E_ENGINE_GAVE_UP';
      const text = formatText({ key, params: error.params ?? {} }, lang);
      const title = formatMessage('app.engine-stopped-title', {}, lang);
      if (mainWindow && !mainWindow.isDestroyed())
        void dialog.showMessageBox(mainWindow, { type: 'error', title, message: text });
      else dialog.showErrorBox(title, text);
    },
  });
  host.start();
  return host;
}

/** Report files being printed right now: the only file: URLs the print session may load. */
const printing = new Set<string>();
let printSession: Session | null = null;

/** Prints the engine's HTML report with this Electron's Chromium, in a window that loads nothing else. */
async function renderPdf(htmlPath: string): Promise<Uint8Array> {
  if (!printSession) {
    printSession = session.fromPartition('callsentinel-print'); // no "persist:" prefix: in memory only
    printSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    printSession.webRequest.onBeforeRequest((details, callback) =>
      callback({ cancel: ![...printing].some((path) => isAllowedPrintRequest(details.url, path)) }),
    );
  }
  printing.add(htmlPath);
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      session: printSession,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    },
  });
  try {
    await win.loadURL(pathToFileURL(htmlPath).href);
    return new Uint8Array(await win.webContents.printToPDF(printToPdfOptions()));
  } finally {
    printing.delete(htmlPath);
    win.destroy();
  }
}

async function listCaptureSources() {
  const sources = await desktopCapturer.getSources({
    types: ['screen', 'window'],
    thumbnailSize: THUMBNAIL_SIZE,
  });
  const own = BrowserWindow.getAllWindows().map((w) => w.getMediaSourceId());
  return mapCaptureSources(
    sources.map((s) => ({
      id: s.id,
      name: s.name,
      thumbnailDataUrl: s.thumbnail.isEmpty() ? '' : s.thumbnail.toDataURL(),
    })),
    own,
  );
}

function installSecurity(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const d = details as PermissionDetails;
    callback(isAllowedPermission(permission, requestOrigin(d), d));
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    isAllowedPermission(permission, requestingOrigin, details as PermissionDetails),
  );
  ses.setDevicePermissionHandler((details) =>
    isAllowedDevice({ deviceType: details.deviceType, origin: details.origin }),
  );
  ses.setDisplayMediaRequestHandler((request, callback) => {
    const frame = request.frame;
    const allowed =
      frame !== null &&
      isAllowedPermission('display-capture', request.securityOrigin, {
        isMainFrame: frame.parent === null,
        requestingUrl: frame.url,
        mediaTypes: ['video'],
      });
    const source = allowed ? captureChoice.takeForDisplayMediaRequest(request) : null;
    // Denied: no streams. Audio is never granted (see security.ts, ALLOWED_MEDIA_TYPES).
    callback(source ? { video: source } : null);
  });

  app.on('web-contents-created', (_event, wc) => {
    wc.on('will-navigate', (e, url) => {
      if (!isAllowedNavigation(url)) e.preventDefault();
    });
    wc.on('will-frame-navigate', (e) => {
      if (!isAllowedNavigation(e.url)) e.preventDefault();
    });
    wc.on('will-redirect', (e, url) => {
      if (!isAllowedNavigation(url)) e.preventDefault();
    });
    wc.on('will-attach-webview', (e) => e.preventDefault());
    wc.setWindowOpenHandler(({ url }) => windowOpenDecision(url));
  });
}

function serveApp(): void {
  const mounts = appMounts({
    rendererDir: RENDERER_DIR,
    appRoot: APP_ROOT,
    vendorModelsDir: join(trainedModelsDir(app.isPackaged, process.resourcesPath, APP_ROOT), 'vendor'),
  });
  protocol.handle(APP_SCHEME, async (request) => {
    const r = resolveAppRequest(request.url, mounts);
    if (!r.ok) return new Response(null, { status: r.status });
    try {
      return new Response(await readFile(r.filePath), { status: 200, headers: r.headers });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}

async function createWindow(): Promise<void> {
  mainWindow = new BrowserWindow(
    mainWindowOptions({
      preloadPath: join(BUNDLE_DIR, 'preload.cjs'),
      title: 'CallSentinel',
      devTools: !app.isPackaged,
    }),
  );
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  try {
    await mainWindow.loadURL(APP_ENTRY_URL);
  } catch {
    const path = join(RENDERER_DIR, 'index.html');
    dialog.showErrorBox('CallSentinel', formatMessage('app.renderer-missing', { path }, lang));
  }
}

function main(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  lang = app.getLocale().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';

  void app.whenReady().then(async () => {
    installSecurity();
    serveApp();
    const engine = startEngine();
    wireIpc({
      contents,
      request: (message: ClientMessage) => {
        if (message.type === 'session.start' && isLang(message.lang)) lang = message.lang;
        if (isPdfExport(message))
          return exportReportAsPdf(message, {
            forward: (m) => engine.request(m),
            renderPdf,
            writeFile: (path, bytes) => writeFile(path, bytes),
          });
        return engine.request(message);
      },
      frame: (header, pixels) => engine.sendFrame(header, pixels),
      listCaptureSources,
      choice: captureChoice,
    });
    await createWindow();

    let quitting = false;
    app.on('before-quit', (e) => {
      if (quitting) return;
      e.preventDefault();
      quitting = true;
      // The engine closes the session so its evidence log ends properly, then the app quits.
      void engine.close().finally(() => app.quit());
    });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

main();
