// The window → engine contract refuses what it cannot use, with a reason, and never throws.

import { describe, expect, it } from 'vitest';
import {
  decodeFrameMessage,
  encodeFrameMessage,
  MAX_FRAME_SIDE_PX,
  MAX_JSON_MESSAGE_BYTES,
  parseClientMessage,
  parseFrameHeader,
  type FrameHeader,
} from '../../../engine/live/protocol.ts';

const header: FrameHeader = {
  type: 'frame',
  seq: 3,
  captureTimeMs: 1234.5,
  mediaTimeSec: 0.5,
  width: 32,
  height: 16,
  cropPx: { x: 10, y: 20, width: 64, height: 32 },
  sourceWidth: 1920,
  sourceHeight: 1080,
};

describe('parseClientMessage', () => {
  it('accepts each request type and keeps only known fields', () => {
    const start = parseClientMessage({
      id: 1,
      type: 'session.start',
      profile: 'police',
      lang: 'zh-CN',
      source: { kind: 'window', label: 'WeChat', extra: 'dropped' },
      sneaky: true,
    });
    expect(start).toEqual({
      ok: true,
      value: {
        id: 1,
        type: 'session.start',
        profile: 'police',
        lang: 'zh-CN',
        source: { kind: 'window', label: 'WeChat' },
      },
    });
    for (const type of [
      'session.stop',
      'challenge.start',
      'challenge.next',
      'challenge.abort',
      'log.export',
      'engine.info',
    ])
      expect(parseClientMessage(JSON.stringify({ id: 2, type }))).toEqual({
        ok: true,
        value: { id: 2, type },
      });
    expect(parseClientMessage({ id: 3, type: 'report.export', format: 'pdf', lang: 'en' }).ok).toBe(true);
    expect(parseClientMessage({ id: 4, type: 'session.note', text: '来电者要求转账' }).ok).toBe(true);
  });

  it.each([
    ['not JSON', '{nope'],
    ['an array', [1, 2]],
    ['null', null],
    ['no id', { type: 'session.stop' }],
    ['negative id', { id: -1, type: 'session.stop' }],
    ['fractional id', { id: 1.5, type: 'session.stop' }],
    ['unknown type', { id: 1, type: 'engine.shutdown' }],
    [
      'unknown profile',
      { id: 1, type: 'session.start', profile: 'admin', lang: 'en', source: { kind: 'camera', label: '' } },
    ],
    [
      'unknown lang',
      { id: 1, type: 'session.start', profile: 'bank', lang: 'fr', source: { kind: 'camera', label: '' } },
    ],
    [
      'unknown source',
      { id: 1, type: 'session.start', profile: 'bank', lang: 'en', source: { kind: 'url', label: '' } },
    ],
    ['empty note', { id: 1, type: 'session.note', text: '  ' }],
    ['note too long', { id: 1, type: 'session.note', text: 'x'.repeat(2001) }],
    ['note not text', { id: 1, type: 'session.note', text: { toString: 1 } }],
    ['bad report format', { id: 1, type: 'report.export', format: 'docx', lang: 'en' }],
    [
      'oversized text',
      JSON.stringify({ id: 1, type: 'session.note', text: 'x'.repeat(MAX_JSON_MESSAGE_BYTES) }),
    ],
  ])('refuses %s', (_label, input) => {
    const parsed = parseClientMessage(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem.length).toBeGreaterThan(0);
  });
});

describe('frames', () => {
  it('round-trips header and pixels through the binary form', () => {
    const pixels = new Uint8Array(32 * 16 * 4).map((_, i) => i % 251);
    const decoded = decodeFrameMessage(encodeFrameMessage(header, pixels));
    expect(decoded.ok).toBe(true);
    if (decoded.ok) {
      expect(decoded.value.header).toEqual(header);
      expect(Buffer.from(decoded.value.rgba).equals(Buffer.from(pixels))).toBe(true);
    }
  });

  it("keeps a context frame's purpose and refuses any other", () => {
    const context = parseFrameHeader({ ...header, purpose: 'context' }, 32 * 16 * 4);
    expect(context).toMatchObject({ ok: true, value: { purpose: 'context' } });
    expect(parseFrameHeader({ ...header, purpose: 'judge-me' }, 32 * 16 * 4).ok).toBe(false);
    expect(parseFrameHeader(header, 32 * 16 * 4)).toMatchObject({ ok: true, value: { seq: 3 } });
    const plain = parseFrameHeader(header, 32 * 16 * 4);
    expect(plain.ok && 'purpose' in plain.value).toBe(false);
  });

  it.each([
    ['too few pixels', { ...header }, 32 * 16 * 4 - 1],
    ['too large a side', { ...header, width: MAX_FRAME_SIDE_PX + 1 }, (MAX_FRAME_SIDE_PX + 1) * 16 * 4],
    ['a tiny frame', { ...header, width: 8, height: 8 }, 8 * 8 * 4],
    ['NaN time', { ...header, mediaTimeSec: Number.NaN }, 32 * 16 * 4],
    ['negative media time', { ...header, mediaTimeSec: -1 }, 32 * 16 * 4],
    ['an empty crop', { ...header, cropPx: { x: 0, y: 0, width: 0, height: 5 } }, 32 * 16 * 4],
    ['a huge source', { ...header, sourceWidth: 100_000 }, 32 * 16 * 4],
    ['no type', { ...header, type: undefined }, 32 * 16 * 4],
  ])('refuses %s', (_label, h, bytes) => {
    expect(parseFrameHeader(h, bytes).ok).toBe(false);
  });

  it('refuses truncated or lying binary messages and keeps the seq it could read', () => {
    expect(decodeFrameMessage(new Uint8Array(2)).ok).toBe(false);
    const lying = new Uint8Array(8);
    new DataView(lying.buffer).setUint32(0, 1_000_000, true);
    expect(decodeFrameMessage(lying).ok).toBe(false);
    const short = decodeFrameMessage(encodeFrameMessage(header, new Uint8Array(10)));
    expect(short).toMatchObject({ ok: false, seq: 3 });
    const garbage = new Uint8Array(20);
    new DataView(garbage.buffer).setUint32(0, 4, true);
    garbage.set([0x7b, 0x7b, 0x7b, 0x7b], 4);
    expect(decodeFrameMessage(garbage).ok).toBe(false);
  });
});

describe('rgbaToRgb', () => {
  it('drops alpha, aligned or not', async () => {
    const { rgbaToRgb } = await import('../../../engine/live/live-session.ts');
    const rgba = new Uint8Array([1, 2, 3, 255, 4, 5, 6, 0, 7, 8, 9, 9]);
    expect([...rgbaToRgb(rgba)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const shifted = new Uint8Array(13);
    shifted.set(rgba, 1);
    expect([...rgbaToRgb(shifted.subarray(1))]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
