// The app:// origin and what its handler serves (electron/main/app-protocol.ts).

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  appMounts,
  isAppUrl,
  originOf,
  resolveAppRequest,
} from '../../../electron/main/app-protocol.ts';
import { contentSecurityPolicy } from '../../../electron/main/window-options.ts';

const ROOT = path.resolve('/srv/app/dist/renderer');

describe('app origin', () => {
  it('gives app://callsentinel an origin of its own', () => {
    expect(APP_ORIGIN).toBe('app://callsentinel');
    expect(originOf('app://callsentinel/index.html')).toBe(APP_ORIGIN);
    expect(isAppUrl('app://callsentinel/assets/x.js?v=1#a')).toBe(true);
  });

  it('does not take other hosts, schemes or look-alikes for the app', () => {
    for (const url of [
      'app://evil/index.html',
      'app://callsentinel.evil.com/',
      'https://callsentinel/',
      'file:///srv/app/dist/renderer/index.html',
      'http://127.0.0.1:5173/',
      'about:blank',
      'data:text/html,hi',
      'not a url',
      '',
    ])
      expect(isAppUrl(url), url).toBe(false);
  });
});

describe('resolveAppRequest', () => {
  it('serves index.html for the root with the CSP header and nosniff', () => {
    const r = resolveAppRequest('app://callsentinel/', ROOT);
    expect(r).toEqual({
      ok: true,
      filePath: path.join(ROOT, 'index.html'),
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': contentSecurityPolicy(),
      },
    });
  });

  it('serves wasm as application/wasm (MediaPipe streams it) and scripts without a CSP header', () => {
    const wasm = resolveAppRequest('app://callsentinel/mediapipe/vision_wasm_internal.wasm', ROOT);
    expect(wasm.ok && wasm.headers['Content-Type']).toBe('application/wasm');
    const js = resolveAppRequest('app://callsentinel/assets/main.js', ROOT);
    expect(js.ok && js.filePath).toBe(path.join(ROOT, 'assets', 'main.js'));
    expect(js.ok && js.headers['Content-Security-Policy']).toBeUndefined();
  });

  it('refuses paths that climb out of the renderer folder', () => {
    for (const url of [
      'app://callsentinel/../../etc/passwd',
      'app://callsentinel/%2e%2e/%2e%2e/package.json',
      'app://callsentinel/assets/..%2f..%2f..%2fsecret.json',
      'app://callsentinel/..%5c..%5csecret.json',
    ]) {
      const r = resolveAppRequest(url, ROOT);
      if (r.ok) expect(r.filePath.startsWith(ROOT + path.sep), url).toBe(true);
      else expect([400, 403, 404], url).toContain(r.status);
    }
    // Encoded slashes decode after URL parsing: the climb is caught on the decoded path.
    expect(resolveAppRequest('app://callsentinel/assets/..%2f..%2f..%2fsecret.json', ROOT)).toEqual({
      ok: false,
      status: 403,
    });
    // Dot segments are resolved by URL parsing itself and stay inside the folder.
    const dots = resolveAppRequest('app://callsentinel/%2e%2e/%2e%2e/package.json', ROOT);
    expect(dots.ok && dots.filePath).toBe(path.join(ROOT, 'package.json'));
  });

  it('refuses other hosts, bad escapes, NUL bytes and unknown file types', () => {
    expect(resolveAppRequest('app://other/index.html', ROOT)).toEqual({ ok: false, status: 403 });
    expect(resolveAppRequest('app://callsentinel/%E0%A4%A', ROOT)).toEqual({ ok: false, status: 400 });
    expect(resolveAppRequest('app://callsentinel/a%00.js', ROOT)).toEqual({ ok: false, status: 400 });
    expect(resolveAppRequest('app://callsentinel/run.exe', ROOT)).toEqual({ ok: false, status: 404 });
    expect(resolveAppRequest('::', ROOT)).toEqual({ ok: false, status: 400 });
  });
});

describe('app mounts (the same layout as web mode)', () => {
  const mounts = appMounts({
    rendererDir: ROOT,
    appRoot: path.resolve('/srv/app'),
    vendorModelsDir: path.resolve('/srv/app/models/vendor'),
  });

  it('serves MediaPipe’s wasm from its npm package and the face detector from models/vendor', () => {
    const wasm = resolveAppRequest('app://callsentinel/mediapipe/wasm/vision_wasm_internal.wasm', mounts);
    expect(wasm.ok && wasm.filePath).toBe(
      path.resolve('/srv/app/node_modules/@mediapipe/tasks-vision/wasm/vision_wasm_internal.wasm'),
    );
    expect(wasm.ok && wasm.headers['Content-Type']).toBe('application/wasm');
    const model = resolveAppRequest('app://callsentinel/models/face_detection_short_range.tflite', mounts);
    expect(model.ok && model.filePath).toBe(
      path.resolve('/srv/app/models/vendor/face_detection_short_range.tflite'),
    );
    expect(resolveAppRequest('app://callsentinel/app.js', mounts)).toMatchObject({
      ok: true,
      filePath: path.join(ROOT, 'app.js'),
    });
  });

  it('serves only the mounted file types and nothing outside each folder', () => {
    expect(resolveAppRequest('app://callsentinel/models/manifest.json', mounts)).toEqual({
      ok: false,
      status: 404,
    });
    expect(resolveAppRequest('app://callsentinel/models/blazeface.onnx', mounts)).toEqual({
      ok: false,
      status: 404,
    });
    expect(
      resolveAppRequest('app://callsentinel/mediapipe/wasm/..%2f..%2f..%2fpackage.json', mounts),
    ).toEqual({ ok: false, status: 403 });
    expect(resolveAppRequest('app://callsentinel/models/..%2fmanifest.json', mounts)).toEqual({
      ok: false,
      status: 403,
    });
  });
});
