// The engine side of the utilityProcess channel, independent of Electron: takes envelopes from the
// parent port, hands them to a session host, and posts its replies and events back. Messages that
// arrive while the host is still being created wait for it; a host that cannot be created is
// reported as `fatal` (the main process then does not restart the engine, which would not help).

import { errorText } from '../core/errors.ts';
import type { ServerMessage } from '../live/protocol.ts';
import { parseToEngine, type FromEngine, type ToEngine } from './utility-protocol.ts';

/** What the runner needs of Electron's process.parentPort. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/** What the runner needs of SessionHost. */
export interface HostLike {
  handleMessage(raw: unknown): Promise<void>;
  handleFrame(header: unknown, rgba: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface UtilityRunnerOptions {
  port: ParentPortLike;
  createHost: (send: (message: ServerMessage) => void) => Promise<HostLike> | HostLike;
  /** Ends the process (process.exit in the entry; a spy in tests). */
  exit: (code: number) => void;
  /** Where unexpected errors are logged (stderr in the entry). */
  log?: (text: string) => void;
}

export class UtilityRunner {
  private host: HostLike | null = null;
  private readonly queue: ToEngine[] = [];
  private closing = false;

  constructor(private readonly opts: UtilityRunnerOptions) {}

  /** Listens to the port and creates the host; resolves once it is ready (or has failed). */
  async start(): Promise<void> {
    this.opts.port.on('message', (event) => this.receive(event?.data));
    let host: HostLike;
    try {
      host = await this.opts.createHost((message) => this.post({ kind: 'server', message }));
    } catch (error) {
      this.post({ kind: 'fatal', error: errorText(error) });
      this.opts.exit(1);
      return;
    }
    this.host = host;
    this.post({ kind: 'ready' });
    const waiting = this.queue.splice(0);
    for (const envelope of waiting) this.dispatch(envelope);
  }

  private receive(data: unknown): void {
    const envelope = parseToEngine(data);
    if (!envelope) {
      this.opts.log?.('utility: ignored a message that is not an envelope');
      return;
    }
    if (!this.host) {
      // Frames are not worth keeping while the models load: only requests and close wait.
      if (envelope.kind !== 'frame') this.queue.push(envelope);
      return;
    }
    this.dispatch(envelope);
  }

  private dispatch(envelope: ToEngine): void {
    const host = this.host!;
    switch (envelope.kind) {
      case 'message':
        host
          .handleMessage(envelope.message)
          .catch((e) => this.opts.log?.(`utility: handleMessage failed: ${String(e)}`));
        return;
      case 'frame':
        host
          .handleFrame(envelope.header, envelope.pixels)
          .catch((e) => this.opts.log?.(`utility: handleFrame failed: ${String(e)}`));
        return;
      case 'close':
        if (this.closing) return;
        this.closing = true;
        host
          .close()
          .catch((e) => this.opts.log?.(`utility: close failed: ${String(e)}`))
          .finally(() => this.opts.exit(0));
        return;
    }
  }

  private post(message: FromEngine): void {
    this.opts.port.postMessage(message);
  }
}
