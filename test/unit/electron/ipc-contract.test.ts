// IPC validation in the main process (electron/main/ipc-contract.ts): whatever the window sends,
// the result is a checked message or an error reply / dropped-frame event — never an exception.

import { describe, expect, it } from 'vitest';
import {
  IPC_CHANNELS,
  isTrustedSender,
  MAX_FRAME_HEADER_BYTES,
  validateFrame,
  validateRequest,
  validateSourceId,
} from '../../../electron/main/ipc-contract.ts';
import {
  MAX_FRAME_SIDE_PX,
  MAX_JSON_MESSAGE_BYTES,
  type FrameHeader,
} from '../../../engine/live/protocol.ts';
import { CATALOGUE } from '../../../engine/core/messages.ts';

const APP = { url: 'app://callsentinel/index.html', isMainFrame: true };

function header(over: Partial<FrameHeader> = {}): FrameHeader {
  return {
    type: 'frame',
    seq: 7,
    captureTimeMs: 1234.5,
    mediaTimeSec: 3.2,
    width: 32,
    height: 16,
    cropPx: { x: 10, y: 20, width: 32, height: 16 },
    sourceWidth: 1280,
    sourceHeight: 720,
    ...over,
  };
}

describe('sender check', () => {
  it('trusts only the app page in its main frame', () => {
    expect(isTrustedSender(APP)).toBe(true);
    expect(isTrustedSender({ url: 'app://callsentinel/index.html', isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/index.html', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'app://other/index.html', isMainFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender({ url: 42, isMainFrame: true } as never)).toBe(false);
  });
});

describe('validateRequest', () => {
  it('accepts a valid request and returns the checked message', () => {
    const r = validateRequest(
      APP,
      JSON.stringify({
        id: 3,
        type: 'session.start',
        profile: 'bank',
        lang: 'zh-CN',
        source: { kind: 'window', label: 'WeChat' },
      }),
    );
    expect(r).toEqual({
      ok: true,
      message: {
        id: 3,
        type: 'session.start',
        profile: 'bank',
        lang: 'zh-CN',
        source: { kind: 'window', label: 'WeChat' },
      },
    });
  });

  it('drops fields the schema does not know', () => {
    const r = validateRequest(APP, JSON.stringify({ id: 1, type: 'engine.info', __proto__x: 1, extra: 'x' }));
    expect(r).toEqual({ ok: true, message: { id: 1, type: 'engine.info' } });
  });

  const cases: Array<[string, unknown, number]> = [
    ['malformed JSON', '{"id": 1, "type": ', -1],
    ['not text', { id: 1, type: 'engine.info' }, -1],
    ['a number', 42, -1],
    ['null', null, -1],
    ['JSON that is not an object', '[1,2,3]', -1],
    ['no id', JSON.stringify({ type: 'engine.info' }), -1],
    ['negative id', JSON.stringify({ id: -5, type: 'engine.info' }), -1],
    ['fractional id', JSON.stringify({ id: 1.5, type: 'engine.info' }), -1],
    ['unknown type', JSON.stringify({ id: 9, type: 'shell.exec', cmd: 'rm -rf /' }), 9],
    [
      'wrong profile',
      JSON.stringify({
        id: 4,
        type: 'session.start',
        profile: 'root',
        lang: 'en',
        source: { kind: 'camera', label: 'x' },
      }),
      4,
    ],
    ['wrong lang type', JSON.stringify({ id: 4, type: 'report.export', format: 'pdf', lang: 5 }), 4],
    ['wrong format', JSON.stringify({ id: 4, type: 'report.export', format: 'exe', lang: 'en' }), 4],
    ['note of wrong type', JSON.stringify({ id: 2, type: 'session.note', text: { a: 1 } }), 2],
    ['empty note', JSON.stringify({ id: 2, type: 'session.note', text: '   ' }), 2],
  ];
  for (const [name, raw, id] of cases) {
    it(`rejects ${name} with an E_IPC_INVALID reply`, () => {
      let r: ReturnType<typeof validateRequest> | undefined;
      expect(() => (r = validateRequest(APP, raw))).not.toThrow();
      expect(r!.ok).toBe(false);
      if (!r!.ok) {
        expect(r!.reply).toMatchObject({
          type: 'reply',
          id,
          ok: false,
          error: { code: 'E_IPC_INVALID', key: 'E_IPC_INVALID' },
        });
        expect(typeof r!.reply.error.params?.detail).toBe('string');
      }
    });
  }

  it('rejects oversized JSON before parsing it, counting UTF-8 bytes', () => {
    const big = JSON.stringify({ id: 1, type: 'session.note', text: 'x'.repeat(MAX_JSON_MESSAGE_BYTES) });
    const r = validateRequest(APP, big);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reply.error.params?.detail).toMatch(/larger than/);
    // Under the limit in characters, over it in bytes (3 bytes per character).
    const wide = JSON.stringify({
      id: 1,
      type: 'session.mark',
      label: '证'.repeat(Math.ceil(MAX_JSON_MESSAGE_BYTES / 3) + 10),
    });
    expect(wide.length).toBeLessThan(MAX_JSON_MESSAGE_BYTES);
    const w = validateRequest(APP, wide);
    expect(w.ok).toBe(false);
    if (!w.ok) expect(w.reply.error.params?.detail).toMatch(/larger than/);
  });

  it('survives a huge string and deep nesting without throwing', () => {
    expect(validateRequest(APP, 'x'.repeat(10_000_000)).ok).toBe(false);
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    expect(() => validateRequest(APP, deep)).not.toThrow();
  });

  it('answers an untrusted sender with E_IPC_UNTRUSTED and does not parse its message', () => {
    const r = validateRequest(
      { url: 'https://evil.example/page', isMainFrame: true },
      JSON.stringify({ id: 1, type: 'engine.info' }),
    );
    expect(r).toEqual({
      ok: false,
      reply: {
        type: 'reply',
        id: -1,
        ok: false,
        error: {
          code: 'E_IPC_UNTRUSTED',
          key: 'E_IPC_UNTRUSTED',
          params: { origin: 'https://evil.example' },
        },
      },
    });
    expect(validateRequest(null, '{}').ok).toBe(false);
    expect(
      validateRequest({ ...APP, isMainFrame: false }, JSON.stringify({ id: 1, type: 'engine.info' })).ok,
    ).toBe(false);
  });

  it('uses error codes that the message catalogue words in both languages', () => {
    for (const key of ['E_IPC_INVALID', 'E_IPC_UNTRUSTED'] as const) {
      expect(CATALOGUE.en[key]).toBeTruthy();
      expect(CATALOGUE['zh-CN'][key]).toBeTruthy();
    }
  });
});

describe('validateFrame', () => {
  const pixels = (h: FrameHeader) => new ArrayBuffer(h.width * h.height * 4);

  it('accepts a header and its RGBA pixels as ArrayBuffer or Uint8Array', () => {
    const h = header();
    const r = validateFrame(APP, JSON.stringify(h), pixels(h));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.header).toEqual(h);
      expect(r.pixels.byteLength).toBe(32 * 16 * 4);
    }
    expect(validateFrame(APP, JSON.stringify(h), new Uint8Array(32 * 16 * 4)).ok).toBe(true);
  });

  function dropped(headerJson: unknown, px: unknown) {
    let r: ReturnType<typeof validateFrame> | undefined;
    expect(() => (r = validateFrame(APP, headerJson, px))).not.toThrow();
    expect(r!.ok).toBe(false);
    return r!.ok ? null : r!.dropped;
  }

  it('drops a frame whose byte count does not match width × height × 4, naming its seq', () => {
    const h = header();
    const d = dropped(JSON.stringify(h), new ArrayBuffer(32 * 16 * 4 - 1));
    expect(d).toMatchObject({ type: 'frame.dropped', seq: 7, reason: { key: 'E_IPC_INVALID' } });
    expect(String(d?.reason.params?.detail)).toMatch(/RGBA bytes/);
  });

  it('drops huge dimensions before any allocation follows from them', () => {
    const h = header({ width: 100_000, height: 100_000 });
    expect(dropped(JSON.stringify(h), new ArrayBuffer(16))).toMatchObject({ type: 'frame.dropped', seq: 7 });
    const side = header({ width: MAX_FRAME_SIDE_PX + 1, height: 16 });
    expect(dropped(JSON.stringify(side), new ArrayBuffer((MAX_FRAME_SIDE_PX + 1) * 16 * 4))).not.toBeNull();
    expect(dropped(JSON.stringify(header({ width: 0 })), new ArrayBuffer(0))).not.toBeNull();
  });

  it('drops a pixel buffer larger than the largest frame without reading the header further', () => {
    const d = dropped(
      JSON.stringify(header()),
      new ArrayBuffer(MAX_FRAME_SIDE_PX * MAX_FRAME_SIDE_PX * 4 + 4),
    );
    expect(String(d?.reason.params?.detail)).toMatch(/larger than/);
  });

  it('drops malformed, oversized or mistyped headers and pixels', () => {
    expect(dropped('{"type":"frame",', new ArrayBuffer(4))).toMatchObject({ seq: -1 });
    expect(dropped(header(), new ArrayBuffer(32 * 16 * 4))).toMatchObject({ seq: -1 });
    expect(
      dropped(JSON.stringify({ ...header(), pad: 'x'.repeat(MAX_FRAME_HEADER_BYTES) }), new ArrayBuffer(4)),
    ).toMatchObject({ seq: -1 });
    expect(dropped(JSON.stringify(header()), [1, 2, 3])).toMatchObject({ seq: 7 });
    expect(dropped(JSON.stringify(header()), 'pixels')).toMatchObject({ seq: 7 });
    expect(dropped(JSON.stringify(header({ seq: -3 })), new ArrayBuffer(32 * 16 * 4))).toMatchObject({
      seq: -1,
    });
    expect(
      dropped(JSON.stringify({ ...header(), type: 'session.start' }), new ArrayBuffer(32 * 16 * 4)),
    ).not.toBeNull();
    expect(
      dropped(JSON.stringify(header({ mediaTimeSec: -1 })), new ArrayBuffer(32 * 16 * 4)),
    ).not.toBeNull();
    expect(
      dropped(JSON.stringify({ ...header(), cropPx: null }), new ArrayBuffer(32 * 16 * 4)),
    ).not.toBeNull();
  });

  it('gives an untrusted sender no answer at all', () => {
    const h = header();
    expect(
      validateFrame({ url: 'https://evil.example/', isMainFrame: true }, JSON.stringify(h), pixels(h)),
    ).toEqual({
      ok: false,
      dropped: null,
    });
  });
});

describe('capture source ids and channels', () => {
  it('accepts short string ids from the app only', () => {
    expect(validateSourceId(APP, 'window:1234:0')).toBe('window:1234:0');
    expect(validateSourceId(APP, '')).toBeNull();
    expect(validateSourceId(APP, 5)).toBeNull();
    expect(validateSourceId(APP, 'x'.repeat(300))).toBeNull();
    expect(validateSourceId({ url: 'https://evil.example/', isMainFrame: true }, 'screen:0:0')).toBeNull();
  });

  it('has one fixed channel per purpose, all namespaced', () => {
    const names = Object.values(IPC_CHANNELS);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^callsentinel:[a-z:-]+$/);
  });
});
