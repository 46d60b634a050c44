// What the preload exposes to the renderer as `window.callSentinel`: the only way the page talks
// to the main process. No Electron import, so the renderer (and web mode's stand-in) can import the
// types; the message shapes are the engine's protocol (engine/live/protocol.ts).

import type { ClientMessage, FrameHeader, ServerMessage } from '../../engine/live/protocol.ts';

export type ReplyMessage = Extract<ServerMessage, { type: 'reply' }>;
/** Everything the engine says that is not a reply: frame results, alerts, dropped frames, engine errors. */
export type EngineEvent = Exclude<ServerMessage, { type: 'reply' }>;

/** A screen or a window the user may capture (desktopCapturer, mapped to plain data). */
export interface CaptureSource {
  /** desktopCapturer's id, e.g. "screen:0:0" or "window:123456:0". */
  id: string;
  name: string;
  kind: 'screen' | 'window';
  /** A PNG data: URL (img-src allows data:), or '' when the system gave none. */
  thumbnailDataUrl: string;
}

/** The global name of the bridge: `window.callSentinel`. */
export const BRIDGE_KEY = 'callSentinel';

export interface CallSentinelBridge {
  /**
   * Sends a request to the engine; resolves with its reply (same `id`), `ok: false` with an error code
   * when the main process or the engine refused it (invalid, engine restarting, timed out). Never
   * rejects for a refused message; rejects only if the message cannot be turned into JSON.
   */
  request(message: ClientMessage): Promise<ReplyMessage>;
  /**
   * Sends one captured frame: its header and RGBA pixels (width × height × 4 bytes). One way: the
   * result comes as a `frame.result` event, or a `frame.dropped` event with the same seq.
   */
  sendFrame(header: FrameHeader, pixels: ArrayBuffer): void;
  /** Listens to engine events; returns the function that stops listening. */
  onEvent(listener: (event: EngineEvent) => void): () => void;
  /** The screens and windows that can be captured (the app's own window left out). */
  listCaptureSources(): Promise<CaptureSource[]>;
  /**
   * Chooses the source (an id from the last listing) that the next navigator.mediaDevices.getDisplayMedia()
   * captures; false when the id is not in that listing.
   */
  chooseCaptureSource(id: string): Promise<boolean>;
}
