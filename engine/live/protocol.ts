// The one contract between the app's window (renderer) and the engine, whatever carries it:
// Electron IPC + a utilityProcess in the desktop app, a local WebSocket in web mode. Every message
// that arrives from the window is untrusted: `parseClientMessage` checks it against this schema and
// returns an error instead of throwing, so a malformed or oversized message never crashes the engine.
// No Node or DOM imports here: the renderer, the Electron main process and the engine share this file.

import type { CatalogueText, Lang } from '../core/messages.ts';

export const PROTOCOL_VERSION = 1;

/** Largest JSON message accepted from the window, in bytes (frames travel separately, as binary). */
export const MAX_JSON_MESSAGE_BYTES = 64 * 1024;
/** Largest frame side accepted, in pixels: the renderer sends a face-centred crop, not the screen. */
export const MAX_FRAME_SIDE_PX = 1280;
/**
 * Frames the window may have at the engine at once: one being analysed while the next is captured
 * and sent, so window and engine work side by side (on two cores that doubles the rate); a frame
 * beyond this is dropped as busy, which keeps what is analysed recent.
 */
export const MAX_FRAMES_IN_FLIGHT = 2;
/** Longest operator note or mark label, in characters. */
export const MAX_NOTE_CHARS = 2000;

export type ProfileId = 'personal' | 'bank' | 'police';
export const PROFILE_IDS: readonly ProfileId[] = ['personal', 'bank', 'police'];
export type SourceKind = 'camera' | 'screen' | 'window' | 'file';
export const SOURCE_KINDS: readonly SourceKind[] = ['camera', 'screen', 'window', 'file'];
export type VerdictName = 'likely_real' | 'suspicious' | 'likely_fake' | 'not_verified';
export type ReportFormat = 'html' | 'pdf';

/** A rectangle in pixels of the captured source (the call window, screen or camera picture). */
export interface RectPx {
  x: number;
  y: number;
  width: number;
  height: number;
}

// ---- window → engine ------------------------------------------------------------------------

export interface StartSessionRequest {
  type: 'session.start';
  profile: ProfileId;
  lang: Lang;
  source: { kind: SourceKind; label: string };
  operator?: string;
}

/** Requests are answered by a `reply` with the same `id`. */
export type ClientRequest =
  | StartSessionRequest
  | { type: 'session.stop' }
  | { type: 'session.mark'; label?: string }
  | { type: 'session.note'; text: string }
  | { type: 'challenge.start' }
  | { type: 'challenge.next' }
  | { type: 'challenge.abort' }
  | { type: 'report.export'; format: ReportFormat; lang: Lang }
  | { type: 'log.export' }
  | { type: 'engine.info' };

export type ClientMessage = ClientRequest & { id: number };

/**
 * Metadata of one captured frame. The pixels (RGBA, width × height × 4 bytes) follow it: as the
 * binary part of the WebSocket message or as the ArrayBuffer of the IPC message.
 */
export interface FrameHeader {
  type: 'frame';
  /** Increasing per session; the result carries it back. */
  seq: number;
  /** The window's clock (performance.now(), ms) when the frame was captured: latency is measured from it. */
  captureTimeMs: number;
  /** Seconds since the session started (the media time of the evidence log). */
  mediaTimeSec: number;
  width: number;
  height: number;
  /** Where these pixels lie in the captured source, and how large the source is. */
  cropPx: RectPx;
  sourceWidth: number;
  sourceHeight: number;
  /**
   * 'context': a small picture of the whole source, sent about once a second beside the face
   * crops. The engine looks for faces in it (another face joining the call, a face outside the
   * crop) and answers with `context.result`; it is neither tracked nor judged.
   */
  purpose?: 'context';
}

// ---- engine → window ------------------------------------------------------------------------

/**
 * A localisable text: a key of the message catalogue and its parameters (the window picks the
 * language). A parameter may itself be such a text, e.g. an error's detail.
 */
export type LocalText = CatalogueText;

export interface LiveFace {
  trackId: number;
  primary: boolean;
  /** In source pixels (the renderer draws it over the picture it shows). */
  boxPx: RectPx;
  yawDeg: number;
  usable: boolean;
}

export interface LiveSignalState {
  score: number | null;
  confidence: number;
  status: 'ok' | 'insufficient-data' | 'degraded';
  reason: string;
  role: 'judge' | 'advisory';
  /** Only when the signal failed (status `degraded`): what went wrong, for the window to word. */
  error?: LocalText;
}

export interface LiveVerdict {
  verdict: VerdictName;
  /** Fused score of the judging signals over the last window, null when none. */
  score: number | null;
  /** Media time since which this verdict is shown. */
  sinceSec: number;
  reasons: LocalText[];
}

export interface ChallengeStepState {
  challengeId: string;
  prompt: LocalText;
  outcome: 'performed' | 'failed' | 'timed-out' | 'aborted' | null;
}

export interface LiveChallengeState {
  active: boolean;
  stepIndex: number;
  stepCount: number;
  current: { challengeId: string; prompt: LocalText; progress: number; timeLeftSec: number } | null;
  steps: ChallengeStepState[];
}

export interface FrameResult {
  type: 'frame.result';
  seq: number;
  captureTimeMs: number;
  mediaTimeSec: number;
  /** Engine time spent on this frame, ms. */
  engineMs: number;
  faces: LiveFace[];
  signals: Record<string, LiveSignalState>;
  verdict: LiveVerdict;
  challenge: LiveChallengeState | null;
}

/** The faces the engine found in a context frame, in source pixels. */
export interface ContextResult {
  type: 'context.result';
  seq: number;
  captureTimeMs: number;
  mediaTimeSec: number;
  faces: RectPx[];
}

export interface AlertEvent {
  type: 'alert';
  verdict: 'suspicious' | 'likely_fake';
  profile: ProfileId;
  mediaTimeSec: number;
  reasons: LocalText[];
  /** What to do now, for this profile (message keys). */
  nextSteps: LocalText[];
}

export interface SessionStarted {
  sessionId: string;
  logPath: string;
  profile: ProfileId;
  thresholds: { suspiciousScore: number; likelyFakeScore: number };
  signals: Array<{ id: string; role: 'judge' | 'advisory' }>;
}

export interface SessionStopped {
  verdict: LiveVerdict;
  logPath: string;
  recordCount: number;
  finalHash: string;
  framesAnalyzed: number;
}

export interface ExportedFile {
  fileName: string;
  path: string;
  mimeType: string;
  /** The file's bytes, so the window can offer a download (web mode) or a save dialog. */
  base64: string;
}

export type ReplyPayload =
  SessionStarted | SessionStopped | ExportedFile | LiveChallengeState | EngineInfo | null;

export interface EngineInfo {
  appVersion: string;
  protocolVersion: number;
  ffmpeg: string;
  models: string[];
}

export type ServerMessage =
  | { type: 'reply'; id: number; ok: true; result: ReplyPayload }
  | { type: 'reply'; id: number; ok: false; error: LocalText & { code: string } }
  | FrameResult
  | ContextResult
  | AlertEvent
  | { type: 'frame.dropped'; seq: number; reason: LocalText }
  | { type: 'engine.error'; error: LocalText & { code: string } };

// ---- validation -----------------------------------------------------------------------------

/** A rejected frame keeps its `seq` when its header could be read, so the window can match the drop. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string; seq?: number };

const LANG_VALUES: readonly Lang[] = ['en', 'zh-CN'];

/** Checks a JSON message from the window (already parsed, or its text). Never throws. */
export function parseClientMessage(input: unknown): Parsed<ClientMessage> {
  let raw = input;
  if (typeof input === 'string') {
    if (input.length > MAX_JSON_MESSAGE_BYTES)
      return fail(`message larger than ${MAX_JSON_MESSAGE_BYTES} bytes`);
    try {
      raw = JSON.parse(input);
    } catch {
      return fail('message is not JSON');
    }
  }
  if (!isRecord(raw)) return fail('message is not an object');
  const id = raw.id;
  if (!Number.isSafeInteger(id) || (id as number) < 0) return fail('id must be a non-negative integer');
  const base = { id: id as number };
  switch (raw.type) {
    case 'session.start': {
      const { profile, lang, source, operator } = raw;
      if (!oneOf(profile, PROFILE_IDS)) return fail('profile must be one of ' + PROFILE_IDS.join(', '));
      if (!oneOf(lang, LANG_VALUES)) return fail('lang must be en or zh-CN');
      if (!isRecord(source) || !oneOf(source.kind, SOURCE_KINDS) || !shortText(source.label, 200))
        return fail('source must be {kind, label}');
      if (operator !== undefined && !shortText(operator, 200)) return fail('operator must be a short text');
      return ok({
        ...base,
        type: 'session.start',
        profile,
        lang,
        source: { kind: source.kind, label: source.label as string },
        ...(operator !== undefined ? { operator: operator as string } : {}),
      });
    }
    case 'session.mark':
      if (raw.label !== undefined && !shortText(raw.label, MAX_NOTE_CHARS)) return fail('label too long');
      return ok({
        ...base,
        type: 'session.mark',
        ...(raw.label !== undefined ? { label: raw.label as string } : {}),
      });
    case 'session.note':
      if (!shortText(raw.text, MAX_NOTE_CHARS) || (raw.text as string).trim() === '')
        return fail(`note must be 1–${MAX_NOTE_CHARS} characters`);
      return ok({ ...base, type: 'session.note', text: raw.text as string });
    case 'report.export':
      if (raw.format !== 'html' && raw.format !== 'pdf') return fail('format must be html or pdf');
      if (!oneOf(raw.lang, LANG_VALUES)) return fail('lang must be en or zh-CN');
      return ok({ ...base, type: 'report.export', format: raw.format, lang: raw.lang });
    case 'session.stop':
    case 'challenge.start':
    case 'challenge.next':
    case 'challenge.abort':
    case 'log.export':
    case 'engine.info':
      return ok({ ...base, type: raw.type });
    default:
      return fail('unknown message type');
  }
}

/** Checks a frame's header against the pixels that came with it. Never throws. */
export function parseFrameHeader(input: unknown, pixelBytes: number): Parsed<FrameHeader> {
  if (!isRecord(input) || input.type !== 'frame') return fail('not a frame header');
  const { seq, captureTimeMs, mediaTimeSec, width, height, cropPx, sourceWidth, sourceHeight } = input;
  if (!Number.isSafeInteger(seq) || (seq as number) < 0) return fail('seq must be a non-negative integer');
  if (!finite(captureTimeMs) || !finite(mediaTimeSec) || (mediaTimeSec as number) < 0)
    return fail('times must be finite, media time ≥ 0');
  if (!side(width) || !side(height)) return fail(`frame sides must be integers in 16..${MAX_FRAME_SIDE_PX}`);
  if (pixelBytes !== (width as number) * (height as number) * 4)
    return fail(`expected ${(width as number) * (height as number) * 4} RGBA bytes, got ${pixelBytes}`);
  if (!Number.isSafeInteger(sourceWidth) || !Number.isSafeInteger(sourceHeight))
    return fail('source size must be integers');
  if (
    (sourceWidth as number) < 1 ||
    (sourceHeight as number) < 1 ||
    (sourceWidth as number) > 16384 ||
    (sourceHeight as number) > 16384
  )
    return fail('source size out of range');
  if (!isRect(cropPx)) return fail('cropPx must be a rectangle');
  if (input.purpose !== undefined && input.purpose !== 'context')
    return fail("purpose must be 'context' or absent");
  return ok({
    type: 'frame',
    seq: seq as number,
    captureTimeMs: captureTimeMs as number,
    mediaTimeSec: mediaTimeSec as number,
    width: width as number,
    height: height as number,
    cropPx: { x: cropPx.x, y: cropPx.y, width: cropPx.width, height: cropPx.height },
    sourceWidth: sourceWidth as number,
    sourceHeight: sourceHeight as number,
    ...(input.purpose === 'context' ? { purpose: 'context' as const } : {}),
  });
}

/**
 * The binary form of a frame on the WebSocket: 4 bytes (little-endian length of the JSON header),
 * the header as UTF-8 JSON, then the RGBA pixels.
 */
export function encodeFrameMessage(header: FrameHeader, rgba: Uint8Array): Uint8Array {
  // The header is padded with spaces to a multiple of 4 bytes so the pixels stay 32-bit aligned.
  const raw = new TextEncoder().encode(JSON.stringify(header));
  const json = new Uint8Array(raw.length + ((4 - (raw.length % 4)) % 4)).fill(0x20);
  json.set(raw);
  const out = new Uint8Array(4 + json.length + rgba.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  out.set(rgba, 4 + json.length);
  return out;
}

export function decodeFrameMessage(bytes: Uint8Array): Parsed<{ header: FrameHeader; rgba: Uint8Array }> {
  if (bytes.length < 4) return fail('frame message too short');
  const jsonLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (jsonLength > MAX_JSON_MESSAGE_BYTES || 4 + jsonLength > bytes.length)
    return fail('frame header length out of range');
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + jsonLength)));
  } catch {
    return fail('frame header is not JSON');
  }
  const rgba = bytes.subarray(4 + jsonLength);
  const parsed = parseFrameHeader(header, rgba.length);
  if (parsed.ok) return ok({ header: parsed.value, rgba });
  const seq = isRecord(header) && Number.isSafeInteger(header.seq) ? (header.seq as number) : undefined;
  return seq === undefined ? parsed : { ...parsed, seq };
}

/** Largest binary frame message accepted: the largest frame plus its header. */
export const MAX_FRAME_MESSAGE_BYTES = 4 + MAX_JSON_MESSAGE_BYTES + MAX_FRAME_SIDE_PX * MAX_FRAME_SIDE_PX * 4;

function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}
function fail(problem: string): { ok: false; problem: string } {
  return { ok: false, problem };
}
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function oneOf<T extends string>(v: unknown, values: readonly T[]): v is T {
  return typeof v === 'string' && (values as readonly string[]).includes(v);
}
function shortText(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length <= max;
}
function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
function side(v: unknown): v is number {
  return Number.isSafeInteger(v) && (v as number) >= 16 && (v as number) <= MAX_FRAME_SIDE_PX;
}
function isRect(v: unknown): v is RectPx {
  return (
    isRecord(v) &&
    [v.x, v.y, v.width, v.height].every(finite) &&
    (v.width as number) > 0 &&
    (v.height as number) > 0
  );
}
