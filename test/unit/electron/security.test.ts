// Permissions, navigation and new windows (electron/main/security.ts).

import { describe, expect, it } from 'vitest';
import {
  isAllowedDevice,
  isAllowedNavigation,
  isAllowedPermission,
  requestOrigin,
  windowOpenDecision,
} from '../../../electron/main/security.ts';

const APP = 'app://callsentinel';
const PAGE = 'app://callsentinel/index.html';

describe('permission handler', () => {
  it('grants camera (video), screen capture and notifications to the app page', () => {
    expect(
      isAllowedPermission('media', APP, { isMainFrame: true, requestingUrl: PAGE, mediaTypes: ['video'] }),
    ).toBe(true);
    expect(
      isAllowedPermission('display-capture', PAGE, {
        isMainFrame: true,
        requestingUrl: PAGE,
        mediaTypes: ['video'],
      }),
    ).toBe(true);
    expect(isAllowedPermission('notifications', APP, { isMainFrame: true, requestingUrl: PAGE })).toBe(true);
  });

  it('answers permission checks for the app origin (video, and device labels)', () => {
    expect(
      isAllowedPermission('media', APP, { isMainFrame: true, mediaType: 'video', securityOrigin: APP }),
    ).toBe(true);
    expect(isAllowedPermission('media', APP, { isMainFrame: true, mediaType: 'unknown' })).toBe(true);
    expect(isAllowedPermission('media', APP, { isMainFrame: true, mediaType: 'audio' })).toBe(false);
  });

  it('denies media to any other origin', () => {
    for (const origin of [
      'https://evil.example',
      'http://127.0.0.1:8080',
      'file:///tmp/x.html',
      'app://other',
      'null',
      '',
    ])
      expect(isAllowedPermission('media', origin, { isMainFrame: true, mediaTypes: ['video'] }), origin).toBe(
        false,
      );
    // The app origin claimed, but the requesting document is elsewhere.
    expect(
      isAllowedPermission('media', APP, {
        isMainFrame: true,
        requestingUrl: 'https://evil.example/',
        mediaTypes: ['video'],
      }),
    ).toBe(false);
    expect(
      isAllowedPermission('media', APP, {
        isMainFrame: true,
        securityOrigin: 'https://evil.example',
        mediaTypes: ['video'],
      }),
    ).toBe(false);
  });

  it('denies the microphone and system audio', () => {
    expect(isAllowedPermission('media', APP, { isMainFrame: true, mediaTypes: ['audio'] })).toBe(false);
    expect(isAllowedPermission('media', APP, { isMainFrame: true, mediaTypes: ['video', 'audio'] })).toBe(
      false,
    );
    expect(isAllowedPermission('display-capture', APP, { isMainFrame: true, mediaTypes: ['audio'] })).toBe(
      false,
    );
    expect(isAllowedPermission('media', APP, { isMainFrame: true, mediaTypes: [] })).toBe(false);
  });

  it('denies subframes and cross-origin embeddings', () => {
    expect(isAllowedPermission('media', APP, { isMainFrame: false, mediaTypes: ['video'] })).toBe(false);
    expect(
      isAllowedPermission('notifications', APP, {
        isMainFrame: true,
        embeddingOrigin: 'https://evil.example',
      }),
    ).toBe(false);
  });

  it('denies everything else, even to the app', () => {
    for (const permission of [
      'geolocation',
      'usb',
      'hid',
      'serial',
      'midi',
      'midiSysex',
      'clipboard-read',
      'clipboard-sanitized-write',
      'openExternal',
      'fullscreen',
      'pointerLock',
      'fileSystem',
      'idle-detection',
      'window-management',
      'local-fonts',
      'storage-access',
      'unknown',
    ])
      expect(
        isAllowedPermission(permission, APP, { isMainFrame: true, requestingUrl: PAGE }),
        permission,
      ).toBe(false);
  });

  it('reads the request origin from the requesting URL, else the media security origin', () => {
    expect(requestOrigin({ requestingUrl: PAGE, securityOrigin: 'x' })).toBe(PAGE);
    expect(requestOrigin({ securityOrigin: APP })).toBe(APP);
    expect(requestOrigin({})).toBe('');
  });

  it('hands no USB, HID, serial or Bluetooth device to the page', () => {
    expect(isAllowedDevice({ deviceType: 'usb', origin: APP })).toBe(false);
    expect(isAllowedDevice({ deviceType: 'hid', origin: APP })).toBe(false);
  });
});

describe('navigation and new windows', () => {
  it('allows navigation only within the app origin', () => {
    expect(isAllowedNavigation('app://callsentinel/index.html')).toBe(true);
    expect(isAllowedNavigation('app://callsentinel/index.html#settings')).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://localhost:3000/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'app://other/index.html',
      'chrome://settings',
      'devtools://devtools/bundled/inspector.html',
    ])
      expect(isAllowedNavigation(url), url).toBe(false);
  });

  it('denies every new window, the app origin included', () => {
    for (const url of ['https://example.com/', 'app://callsentinel/index.html', 'about:blank', ''])
      expect(windowOpenDecision(url)).toEqual({ action: 'deny' });
  });
});
