// The typed IPC contract between the window and the main process, as type maps (GitHub Desktop's
// pattern): one request channel (a ClientMessage as JSON → its reply), one one-way frame channel,
// one event channel main → window, and the capture-source picker. Everything arriving here is
// untrusted: `validateRequest` and `validateFrame` check sender, size and shape with the engine's own
// protocol (engine/live/protocol.ts) and turn every problem into an error reply or a dropped-frame
// event, never an exception. No Electron import: the preload, main and tests share this file.

import {
  MAX_FRAME_SIDE_PX,
  MAX_JSON_MESSAGE_BYTES,
  parseClientMessage,
  parseFrameHeader,
  type ClientMessage,
  type FrameHeader,
} from '../../engine/live/protocol.ts';
import type { CaptureSource, EngineEvent, ReplyMessage } from '../preload/bridge-types.ts';
import { APP_ORIGIN, originOf } from './app-origin.ts';

export const IPC_CHANNELS = {
  request: 'callsentinel:request',
  frame: 'callsentinel:frame',
  event: 'callsentinel:event',
  listCaptureSources: 'callsentinel:capture-sources:list',
  chooseCaptureSource: 'callsentinel:capture-sources:choose',
} as const;

export type { CaptureSource, EngineEvent, ReplyMessage };
export type ErrorReply = Extract<ReplyMessage, { ok: false }>;
export type FrameDropped = Extract<EngineEvent, { type: 'frame.dropped' }>;

/** Window → main, answered (ipcRenderer.invoke / ipcMain.handle). */
export interface IpcInvokeChannels {
  /** A ClientMessage as JSON text (its size is checked before it is parsed) → the engine's reply. */
  [IPC_CHANNELS.request]: { args: [json: string]; result: ReplyMessage };
  [IPC_CHANNELS.listCaptureSources]: { args: []; result: CaptureSource[] };
  /** The source the next getDisplayMedia() call captures (an id from the last listing). */
  [IPC_CHANNELS.chooseCaptureSource]: { args: [id: string]; result: boolean };
}

/** Window → main, one way (ipcRenderer.send / ipcMain.on). */
export interface IpcSendChannels {
  /** A FrameHeader as JSON text and the frame's RGBA pixels. */
  [IPC_CHANNELS.frame]: [headerJson: string, pixels: ArrayBuffer];
}

/** Main → window (webContents.send / ipcRenderer.on). */
export interface IpcEventChannels {
  [IPC_CHANNELS.event]: [event: EngineEvent];
}

/** Largest frame header JSON accepted, bytes (a header is ~300 bytes). */
export const MAX_FRAME_HEADER_BYTES = 4096;
/** Largest pixel buffer accepted: the largest frame the protocol allows. */
export const MAX_FRAME_PIXEL_BYTES = MAX_FRAME_SIDE_PX * MAX_FRAME_SIDE_PX * 4;
/** Longest capture source id accepted (ids look like "window:123456:0"). */
export const MAX_SOURCE_ID_CHARS = 256;

/** The frame that sent an IPC message, as Electron's event.senderFrame describes it. */
export interface SenderFrame {
  url: string;
  /** True when it is the main frame of its web contents (not an iframe). */
  isMainFrame: boolean;
}

/** Only the app's own page, in the main frame, may talk to the main process. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  if (!frame || frame.isMainFrame !== true || typeof frame.url !== 'string') return false;
  return originOf(frame.url) === APP_ORIGIN;
}

export function errorReply(
  id: number,
  code: string,
  params: Record<string, string | number> = {},
): ErrorReply {
  return { type: 'reply', id, ok: false, error: { code, key: code, params } };
}

export type RequestCheck = { ok: true; message: ClientMessage } | { ok: false; reply: ErrorReply };

/**
 * Checks a request from the window: sender, type (a string), byte size (before parsing), JSON and
 * schema. A rejected request gets an error reply (E_IPC_UNTRUSTED or E_IPC_INVALID, with the id
 * when one could be read, else -1).
 */
export function validateRequest(sender: SenderFrame | null | undefined, raw: unknown): RequestCheck {
  if (!isTrustedSender(sender))
    return { ok: false, reply: errorReply(-1, 'E_IPC_UNTRUSTED', { origin: senderOrigin(sender) }) };
  if (typeof raw !== 'string') return invalid(-1, 'request must be JSON text');
  // Characters ≤ UTF-8 bytes: the cheap check first, then the exact one.
  if (raw.length > MAX_JSON_MESSAGE_BYTES || utf8Length(raw) > MAX_JSON_MESSAGE_BYTES)
    return invalid(-1, `request larger than ${MAX_JSON_MESSAGE_BYTES} bytes`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return invalid(-1, 'request is not JSON');
  }
  const checked = parseClientMessage(parsed);
  if (!checked.ok) return invalid(readId(parsed), checked.problem);
  return { ok: true, message: checked.value };
}

export type FrameCheck =
  { ok: true; header: FrameHeader; pixels: Uint8Array } | { ok: false; dropped: FrameDropped | null };

/**
 * Checks a frame from the window: sender, header JSON size and schema, pixel buffer type and size
 * (width × height × 4). A rejected frame gives a `frame.dropped` event for the window (seq -1 when
 * the header did not say), or null for an untrusted sender, which gets no answer at all.
 */
export function validateFrame(
  sender: SenderFrame | null | undefined,
  headerJson: unknown,
  pixels: unknown,
): FrameCheck {
  if (!isTrustedSender(sender)) return { ok: false, dropped: null };
  if (typeof headerJson !== 'string') return droppedFrame(-1, 'frame header must be JSON text');
  if (headerJson.length > MAX_FRAME_HEADER_BYTES || utf8Length(headerJson) > MAX_FRAME_HEADER_BYTES)
    return droppedFrame(-1, `frame header larger than ${MAX_FRAME_HEADER_BYTES} bytes`);
  let header: unknown;
  try {
    header = JSON.parse(headerJson);
  } catch {
    return droppedFrame(-1, 'frame header is not JSON');
  }
  const seq = readSeq(header);
  const bytes = pixelBytes(pixels);
  if (!bytes) return droppedFrame(seq, 'frame pixels must be an ArrayBuffer');
  if (bytes.byteLength > MAX_FRAME_PIXEL_BYTES)
    return droppedFrame(seq, `frame larger than ${MAX_FRAME_PIXEL_BYTES} bytes`);
  const parsed = parseFrameHeader(header, bytes.byteLength);
  if (!parsed.ok) return droppedFrame(seq, parsed.problem);
  return { ok: true, header: parsed.value, pixels: bytes };
}

/** Checks a capture source id from the window (it must also be in the last listing, see capture-sources.ts). */
export function validateSourceId(sender: SenderFrame | null | undefined, id: unknown): string | null {
  if (!isTrustedSender(sender)) return null;
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_SOURCE_ID_CHARS) return null;
  return id;
}

export function droppedFrameEvent(
  seq: number,
  key: string,
  params: Record<string, string | number> = {},
): FrameDropped {
  return { type: 'frame.dropped', seq, reason: { key, params } };
}

function droppedFrame(seq: number, detail: string): { ok: false; dropped: FrameDropped } {
  return { ok: false, dropped: droppedFrameEvent(seq, 'E_IPC_INVALID', { detail }) };
}

function invalid(id: number, detail: string): { ok: false; reply: ErrorReply } {
  return { ok: false, reply: errorReply(id, 'E_IPC_INVALID', { detail }) };
}

function pixelBytes(value: unknown): Uint8Array | null {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (value instanceof Uint8Array) return value;
  return null;
}

function readId(value: unknown): number {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return Number.isSafeInteger(id) && (id as number) >= 0 ? (id as number) : -1;
}

function readSeq(value: unknown): number {
  const seq = typeof value === 'object' && value !== null ? (value as { seq?: unknown }).seq : undefined;
  return Number.isSafeInteger(seq) && (seq as number) >= 0 ? (seq as number) : -1;
}

function senderOrigin(sender: SenderFrame | null | undefined): string {
  const url = sender && typeof sender.url === 'string' ? sender.url : '';
  return (originOf(url) ?? url.slice(0, 100)) || 'unknown';
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
