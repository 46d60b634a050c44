// desktopCapturer sources → what the window shows, and which source getDisplayMedia() gets
// (electron/main/capture-sources.ts).

import { describe, expect, it } from 'vitest';
import {
  CaptureSourceChoice,
  mapCaptureSources,
  type RawCaptureSource,
} from '../../../electron/main/capture-sources.ts';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const raw: RawCaptureSource[] = [
  { id: 'window:4242:0', name: 'Zoom Meeting', thumbnailDataUrl: PNG },
  { id: 'window:777:0', name: 'CallSentinel', thumbnailDataUrl: PNG },
  { id: 'screen:0:0', name: 'Entire screen', thumbnailDataUrl: PNG },
  { id: 'window:99:0', name: '  微信  ', thumbnailDataUrl: '' },
  { id: 'window:100:0', name: '', thumbnailDataUrl: 'javascript:alert(1)' },
  { id: 'webcontents:5', name: 'tab', thumbnailDataUrl: PNG },
];

describe('mapCaptureSources', () => {
  const mapped = mapCaptureSources(raw, ['window:777:1']);

  it('maps to plain {id, name, kind, thumbnailDataUrl}', () => {
    expect(mapped[0]).toEqual({
      id: 'screen:0:0',
      name: 'Entire screen',
      kind: 'screen',
      thumbnailDataUrl: PNG,
    });
    for (const s of mapped) expect(Object.keys(s).sort()).toEqual(['id', 'kind', 'name', 'thumbnailDataUrl']);
  });

  it('leaves out our own window by its media source id (whatever the suffix), not by title', () => {
    expect(mapped.map((s) => s.id)).not.toContain('window:777:0');
    const other = mapCaptureSources(
      [{ id: 'window:5:0', name: 'CallSentinel', thumbnailDataUrl: PNG }],
      ['window:777:0'],
    );
    expect(other).toHaveLength(1);
  });

  it('drops sources that are neither a screen nor a window', () => {
    expect(mapped.map((s) => s.id)).not.toContain('webcontents:5');
  });

  it('lists screens first, then windows by name; trims names and names the unnamed by id', () => {
    expect(mapped.map((s) => [s.kind, s.name])).toEqual([
      ['screen', 'Entire screen'],
      ['window', 'window:100:0'],
      ['window', 'Zoom Meeting'],
      ['window', '微信'],
    ]);
  });

  it('keeps only image data URLs as thumbnails', () => {
    expect(mapped.find((s) => s.id === 'window:100:0')?.thumbnailDataUrl).toBe('');
    expect(mapped.find((s) => s.id === 'window:99:0')?.thumbnailDataUrl).toBe('');
  });

  it('caps very long window titles', () => {
    const [s] = mapCaptureSources([{ id: 'window:1:0', name: 'x'.repeat(5000), thumbnailDataUrl: '' }], []);
    expect(s!.name).toHaveLength(200);
  });
});

describe('CaptureSourceChoice', () => {
  const listing = mapCaptureSources(raw, []);

  it('grants the chosen source once, for video', () => {
    const c = new CaptureSourceChoice();
    c.setListing(listing);
    expect(c.choose('window:4242:0')).toBe(true);
    expect(c.takeForDisplayMediaRequest({ videoRequested: true })).toEqual({
      id: 'window:4242:0',
      name: 'Zoom Meeting',
    });
    expect(c.takeForDisplayMediaRequest({ videoRequested: true })).toBeNull();
  });

  it('refuses ids that were not in the last listing, and requests without video', () => {
    const c = new CaptureSourceChoice();
    c.setListing(listing);
    expect(c.choose('window:31337:0')).toBe(false);
    expect(c.takeForDisplayMediaRequest({ videoRequested: true })).toBeNull();
    c.choose('screen:0:0');
    expect(c.takeForDisplayMediaRequest({ videoRequested: false })).toBeNull();
  });

  it('forgets a choice that a new listing no longer holds', () => {
    const c = new CaptureSourceChoice();
    c.setListing(listing);
    c.choose('window:4242:0');
    c.setListing(listing.filter((s) => s.id !== 'window:4242:0'));
    expect(c.takeForDisplayMediaRequest({ videoRequested: true })).toBeNull();
  });
});
