// Desktop app: the engine through the narrow preload bridge `window.callSentinel`
// (electron/preload). The bridge numbers nothing itself: this client gives each request its id.

import type { CallSentinelBridge, CaptureSource } from '../../electron/preload/bridge-types.ts';
import type { ClientMessage, ClientRequest, FrameHeader, ReplyPayload } from '../../engine/live/protocol.ts';
import { EngineRequestError, type ConnectionStatus, type EngineClient, type EngineEvent } from './types.ts';

export type { CaptureSource };

export function findBridge(win: unknown): CallSentinelBridge | null {
  const bridge = (win as { callSentinel?: unknown }).callSentinel;
  if (typeof bridge !== 'object' || bridge === null) return null;
  const b = bridge as Partial<CallSentinelBridge>;
  return typeof b.request === 'function' &&
    typeof b.sendFrame === 'function' &&
    typeof b.onEvent === 'function'
    ? (b as CallSentinelBridge)
    : null;
}

export class BridgeEngineClient implements EngineClient {
  readonly transport = 'bridge' as const;
  private nextId = 1;
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private readonly unsubscribe: () => void;

  constructor(private readonly bridge: CallSentinelBridge) {
    this.unsubscribe = bridge.onEvent((message) => {
      for (const l of this.listeners) l(message);
    });
  }

  async request(request: ClientRequest): Promise<ReplyPayload> {
    const id = this.nextId++;
    const reply = await this.bridge.request({ ...request, id } as ClientMessage);
    if (!reply.ok) throw new EngineRequestError(reply.error);
    return reply.result;
  }

  sendFrame(header: FrameHeader, rgba: Uint8Array): void {
    // The bridge takes an ArrayBuffer holding exactly the pixels.
    const pixels =
      rgba.byteOffset === 0 && rgba.byteLength === rgba.buffer.byteLength
        ? (rgba.buffer as ArrayBuffer)
        : (rgba.slice().buffer as ArrayBuffer);
    this.bridge.sendFrame(header, pixels);
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    listener('open');
    return () => undefined;
  }

  listCaptureSources(): Promise<CaptureSource[]> {
    return this.bridge.listCaptureSources();
  }

  /** Makes the next getDisplayMedia() capture this source (an id from the last listing). */
  chooseCaptureSource(id: string): Promise<boolean> {
    return this.bridge.chooseCaptureSource(id);
  }

  close(): void {
    this.unsubscribe();
  }
}
