// One interface to the engine, whatever carries it: the Electron preload bridge (desktop app) or a
// local WebSocket (web mode, tests). Views and the frame pump only ever see this interface.

import type { ClientRequest, FrameHeader, ReplyPayload, ServerMessage } from '../../engine/live/protocol.ts';
import type { LocalText } from '../../engine/live/protocol.ts';

/** Events pushed by the engine (everything but replies). */
export type EngineEvent = Exclude<ServerMessage, { type: 'reply' }>;

/** A request the engine refused: its error is a catalogue text with a stable code. */
export class EngineRequestError extends Error {
  readonly code: string;
  readonly text: LocalText;
  constructor(error: LocalText & { code: string }) {
    super(`${error.code}: ${error.key}`);
    this.name = 'EngineRequestError';
    this.code = error.code;
    this.text = { key: error.key, ...(error.params ? { params: error.params } : {}) };
  }
}

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export interface EngineClient {
  /** Which transport this is ('bridge' in the desktop app, 'websocket' in web mode). */
  readonly transport: 'bridge' | 'websocket';
  /** Resolves with the reply's result, rejects with EngineRequestError when the engine says no. */
  request(request: ClientRequest): Promise<ReplyPayload>;
  /** Sends one frame: its header and width × height × 4 RGBA bytes. */
  sendFrame(header: FrameHeader, rgba: Uint8Array): void;
  /** Engine events (frame results, drops, alerts, errors). Returns the unsubscribe function. */
  onEvent(listener: (event: EngineEvent) => void): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  close(): void;
}
