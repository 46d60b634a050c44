// The screens and windows the user can capture, from desktopCapturer's sources, as plain data for
// the window; and the source a getDisplayMedia() call is granted. Pure: main.ts calls
// desktopCapturer.getSources and turns each thumbnail into a data URL before mapping.

import type { CaptureSource } from '../preload/bridge-types.ts';

/** desktopCapturer's source, reduced to what the mapping reads (thumbnail already a data URL). */
export interface RawCaptureSource {
  id: string;
  name: string;
  thumbnailDataUrl: string;
}

/** Thumbnail size asked from desktopCapturer (16:9, enough to recognise a call window). */
export const THUMBNAIL_SIZE = { width: 320, height: 180 } as const;
/** Longest source name kept (window titles can be anything). */
export const MAX_SOURCE_NAME_CHARS = 200;

/**
 * "window:123456:0" → "window:123456": the part that names the window. The suffix differs between
 * BrowserWindow.getMediaSourceId() and desktopCapturer on some platforms.
 */
function sourceKey(id: string): string {
  const parts = id.split(':');
  return parts.length >= 2 ? `${parts[0]}:${parts[1]}` : id;
}

/**
 * Maps sources to CaptureSources: kind from the id ("screen:…" or "window:…"; anything else is
 * dropped), the app's own windows left out (by their media source ids, never by title), names trimmed,
 * thumbnails kept only when they are PNG or JPEG data URLs. Screens first, then windows by name.
 */
export function mapCaptureSources(
  sources: readonly RawCaptureSource[],
  ownWindowSourceIds: readonly string[],
): CaptureSource[] {
  const own = new Set(ownWindowSourceIds.map(sourceKey));
  const out: CaptureSource[] = [];
  for (const s of sources) {
    const kind = s.id.startsWith('screen:') ? 'screen' : s.id.startsWith('window:') ? 'window' : null;
    if (!kind || own.has(sourceKey(s.id))) continue;
    const name = (s.name ?? '').trim().slice(0, MAX_SOURCE_NAME_CHARS);
    const thumbnailDataUrl = /^data:image\/(png|jpeg);base64,/.test(s.thumbnailDataUrl ?? '')
      ? s.thumbnailDataUrl
      : '';
    out.push({ id: s.id, name: name || s.id, kind, thumbnailDataUrl });
  }
  const rank = (k: CaptureSource['kind']) => (k === 'screen' ? 0 : 1);
  return out.sort(
    (a, b) => rank(a.kind) - rank(b.kind) || (a.kind === 'window' ? a.name.localeCompare(b.name) : 0),
  );
}

/**
 * Remembers the last listing and the user's choice; answers the display-media request handler.
 * A choice must come from the last listing, and is used for one getDisplayMedia() call only.
 */
export class CaptureSourceChoice {
  private listed = new Map<string, CaptureSource>();
  private chosen: CaptureSource | null = null;

  setListing(sources: readonly CaptureSource[]): void {
    this.listed = new Map(sources.map((s) => [s.id, s]));
    if (this.chosen && !this.listed.has(this.chosen.id)) this.chosen = null;
  }

  choose(id: string): boolean {
    const source = this.listed.get(id);
    this.chosen = source ?? null;
    return source !== undefined;
  }

  /**
   * The source to grant to a getDisplayMedia() call that asked for video (audio is never granted),
   * or null to deny it. The choice is consumed.
   */
  takeForDisplayMediaRequest(request: { videoRequested: boolean }): { id: string; name: string } | null {
    const chosen = this.chosen;
    this.chosen = null;
    if (!chosen || !request.videoRequested) return null;
    return { id: chosen.id, name: chosen.name };
  }
}
