// The window's security options and the renderer's CSP (electron/main/window-options.ts).

import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  CSP_DIRECTIVES,
  mainWindowOptions,
} from '../../../electron/main/window-options.ts';

const options = mainWindowOptions({
  preloadPath: '/app/dist/electron/preload.cjs',
  title: 'CallSentinel',
  devTools: false,
});
const prefs = options.webPreferences!;

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe('main window options', () => {
  it('isolates the page: context isolation, sandbox, no Node, web security on', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });

  it('has no webview, no experimental or Blink features, no drag-and-drop navigation', () => {
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('loads the given preload and no other script into the page', () => {
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
    expect(Object.keys(prefs)).not.toContain('additionalArguments');
  });

  it('keeps analysing in the background and hides DevTools when asked', () => {
    expect(prefs.backgroundThrottling).toBe(false);
    expect(prefs.devTools).toBe(false);
    expect(mainWindowOptions({ preloadPath: 'p', title: 't', devTools: true }).webPreferences!.devTools).toBe(
      true,
    );
    expect(options.show).toBe(false);
  });
});

describe('content security policy', () => {
  const csp = directives(contentSecurityPolicy());

  it('holds exactly the agreed directives', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('media-src')).toEqual(["'self'", 'blob:', 'mediastream:']);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
  });

  it('allows no eval, inline code, remote host or wildcard anywhere', () => {
    const all = [...csp.values()].flat();
    for (const bad of ["'unsafe-eval'", "'unsafe-inline'", '*', 'http:', 'https:', 'ws:', 'file:'])
      expect(all, bad).not.toContain(bad);
    expect(all.some((v) => /^[a-z]+:\/\//.test(v))).toBe(false);
  });

  it('is one header line built from the directive table', () => {
    const text = contentSecurityPolicy();
    expect(text).not.toMatch(/[\r\n]/);
    expect(text.split('; ')).toHaveLength(Object.keys(CSP_DIRECTIVES).length);
  });
});
