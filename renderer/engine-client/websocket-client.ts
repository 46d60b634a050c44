// Web mode: the engine over a local WebSocket (ws://127.0.0.1:PORT/engine?token=TOKEN).
// JSON text messages carry requests, replies and events; each frame is one binary message
// (encodeFrameMessage: header length, header JSON, RGBA pixels).

import {
  encodeFrameMessage,
  type ClientRequest,
  type FrameHeader,
  type ReplyPayload,
  type ServerMessage,
} from '../../engine/live/protocol.ts';
import { EngineRequestError, type ConnectionStatus, type EngineClient, type EngineEvent } from './types.ts';

/** WebSocket.OPEN (a literal, so the client also runs where no global WebSocket exists: unit tests). */
const SOCKET_OPEN = 1;

interface Pending {
  resolve(result: ReplyPayload): void;
  reject(error: Error): void;
}

export interface WebSocketClientOptions {
  /** Full ws:// URL including the token. */
  url: string;
  /** For tests: the WebSocket constructor to use. */
  WebSocketImpl?: typeof WebSocket;
}

export function engineSocketUrl(location: { host: string; search: string; protocol: string }): string | null {
  const token = new URLSearchParams(location.search).get('token');
  if (!token) return null;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/engine?token=${encodeURIComponent(token)}`;
}

export class WebSocketEngineClient implements EngineClient {
  readonly transport = 'websocket' as const;
  private readonly socket: WebSocket;
  private readonly pending = new Map<number, Pending>();
  private readonly eventListeners = new Set<(event: EngineEvent) => void>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private readonly opened: Promise<void>;
  private nextId = 1;
  private status: ConnectionStatus = 'connecting';

  constructor(opts: WebSocketClientOptions) {
    const Impl = opts.WebSocketImpl ?? globalThis.WebSocket;
    this.socket = new Impl(opts.url);
    this.socket.binaryType = 'arraybuffer';
    this.opened = new Promise((resolve, reject) => {
      this.socket.addEventListener('open', () => {
        this.setStatus('open');
        resolve();
      });
      this.socket.addEventListener('close', () => {
        this.setStatus('closed');
        reject(new Error('engine connection closed'));
        for (const p of this.pending.values()) p.reject(new Error('engine connection closed'));
        this.pending.clear();
      });
    });
    this.opened.catch(() => undefined);
    this.socket.addEventListener('message', (ev: { data: unknown }) => {
      if (typeof ev.data !== 'string') return;
      let message: ServerMessage;
      try {
        message = JSON.parse(ev.data) as ServerMessage;
      } catch {
        return;
      }
      this.handle(message);
    });
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    for (const l of this.statusListeners) l(status);
  }

  private handle(message: ServerMessage): void {
    if (message.type === 'reply') {
      const p = this.pending.get(message.id);
      if (!p) return;
      this.pending.delete(message.id);
      if (message.ok) p.resolve(message.result);
      else p.reject(new EngineRequestError(message.error));
      return;
    }
    for (const l of this.eventListeners) l(message);
  }

  async request(request: ClientRequest): Promise<ReplyPayload> {
    await this.opened;
    const id = this.nextId++;
    return new Promise<ReplyPayload>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ ...request, id }));
    });
  }

  sendFrame(header: FrameHeader, rgba: Uint8Array): void {
    if (this.socket.readyState !== SOCKET_OPEN) return;
    this.socket.send(encodeFrameMessage(header, rgba));
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.status);
    return () => this.statusListeners.delete(listener);
  }

  close(): void {
    this.socket.close();
  }
}
