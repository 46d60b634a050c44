// The one window's options and its Content-Security-Policy. Pure data: main.ts passes them to
// BrowserWindow and to the app:// protocol handler; tests check every security-relevant field.

import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The renderer's CSP, directive by directive. What MediaPipe's tasks-vision needs was read from its
 * bundle (node_modules/@mediapipe/tasks-vision): it injects its wasm loader as a <script> from the
 * URL we give (served from 'self'), compiles the wasm with WebAssembly.instantiate(Streaming)
 * ('wasm-unsafe-eval', not 'unsafe-eval'), fetches the .wasm and the model with fetch() (connect-src
 * 'self') and draws through WebGL (no CSP involved). No inline script or style is allowed: the renderer
 * sets styles through CSSOM or stylesheets only.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'connect-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  // blob: plays a video file the user chose; mediastream: shows the camera or the captured window.
  'media-src': ["'self'", 'blob:', 'mediastream:'],
  'style-src': ["'self'"],
  'font-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-src': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** The CSP header value. */
export function contentSecurityPolicy(
  directives: Readonly<Record<string, readonly string[]>> = CSP_DIRECTIVES,
): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

export interface MainWindowOptionsInput {
  /** Absolute path of the built preload (dist/electron/preload.cjs). */
  preloadPath: string;
  title: string;
  /** DevTools only in development (not packaged). */
  devTools: boolean;
}

export function mainWindowOptions(input: MainWindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: input.title,
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false, // shown on 'ready-to-show', so the window never flashes blank
    backgroundColor: '#101418',
    autoHideMenuBar: true,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: input.devTools,
      // The call keeps being analysed while the operator works in the call window: a throttled
      // background renderer would stop sending frames exactly when the alert matters.
      backgroundThrottling: false,
    },
  };
}
