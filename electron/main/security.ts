// What the window may do beyond showing the app: navigate, open windows, use devices. Pure
// decisions of (permission, origin, details) and URLs; main.ts installs them as the session's
// permission handlers and the web contents' navigation guards. Everything not listed is denied.

import { APP_ORIGIN, isAppUrl, originOf } from './app-origin.ts';

/** The permissions the app's page may get: the camera, screen/window capture, system notifications. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set([
  'media',
  'display-capture',
  'notifications',
]);

/**
 * Media kinds allowed for `media` and `display-capture`. Video only: no signal listens to audio, so
 * the microphone and system audio stay off (add 'audio' here when one does).
 */
export const ALLOWED_MEDIA_TYPES: ReadonlySet<string> = new Set(['video']);

/** What Electron tells a permission handler about the request (request and check handlers merged). */
export interface PermissionDetails {
  isMainFrame?: boolean;
  requestingUrl?: string;
  /** Request handler, `media` / `display-capture`. */
  mediaTypes?: ReadonlyArray<'video' | 'audio'>;
  /** Check handler, `media`. */
  mediaType?: 'video' | 'audio' | 'unknown';
  securityOrigin?: string;
  /** Set only for cross-origin subframes. */
  embeddingOrigin?: string;
}

/**
 * Whether `permission` is granted to `origin` (a URL or an origin). Only the app's own main frame gets
 * anything: media (video), display-capture (video) and notifications. Geolocation, USB, HID, serial,
 * MIDI, clipboard, open-external, fullscreen, … are denied.
 */
export function isAllowedPermission(
  permission: string,
  origin: string,
  details: PermissionDetails = {},
): boolean {
  if (!ALLOWED_PERMISSIONS.has(permission)) return false;
  if (originOf(origin) !== APP_ORIGIN) return false;
  if (details.isMainFrame === false || details.embeddingOrigin !== undefined) return false;
  for (const url of [details.requestingUrl, details.securityOrigin]) {
    if (url !== undefined && url !== '' && originOf(url) !== APP_ORIGIN) return false;
  }
  if (permission === 'media' || permission === 'display-capture') {
    if (details.mediaTypes !== undefined) {
      if (details.mediaTypes.length === 0) return false;
      if (!details.mediaTypes.every((t) => ALLOWED_MEDIA_TYPES.has(t))) return false;
    }
    // A check with mediaType 'unknown' is Chromium asking whether device labels may be shown
    // (enumerateDevices): allowed, it grants no capture.
    if (
      details.mediaType !== undefined &&
      details.mediaType !== 'unknown' &&
      !ALLOWED_MEDIA_TYPES.has(details.mediaType)
    )
      return false;
  }
  return true;
}

/** The origin a request handler call comes from: the requesting URL, else the media security origin. */
export function requestOrigin(details: PermissionDetails): string {
  return details.requestingUrl || details.securityOrigin || '';
}

/** Navigation (will-navigate, will-redirect, will-frame-navigate): only within the app's own origin. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/**
 * window.open and target=_blank: always denied. The app has one window; a second one would need
 * its own preload and sender checks, and links to the outside world are not opened from the app.
 */
export function windowOpenDecision(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/** Device choosers (WebUSB, WebHID, Web Serial, Bluetooth): no device is ever handed to the page. */
export function isAllowedDevice(_details: { deviceType?: string; origin?: string }): boolean {
  return false;
}
