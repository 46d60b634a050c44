// The only place the main process touches ipcMain: typed wrappers over the channel maps of
// ipc-contract.ts, each with the sender check, and the wiring of the window's channels to the
// engine host. Every handler answers; none throws back into the window.

import {
  ipcMain,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  type WebContents,
  type WebFrameMain,
} from 'electron';
import type { ClientMessage, FrameHeader } from '../../engine/live/protocol.ts';
import type { CaptureSourceChoice } from './capture-sources.ts';
import {
  IPC_CHANNELS,
  errorReply,
  isTrustedSender,
  validateFrame,
  validateRequest,
  validateSourceId,
  type CaptureSource,
  type EngineEvent,
  type IpcEventChannels,
  type IpcInvokeChannels,
  type IpcSendChannels,
  type ReplyMessage,
  type SenderFrame,
} from './ipc-contract.ts';

/** The sending frame, or null when it is gone or belongs to another web contents than ours. */
function senderFrame(
  event: IpcMainEvent | IpcMainInvokeEvent,
  ours: () => WebContents | null,
): SenderFrame | null {
  const contents = ours();
  if (!contents || event.sender !== contents) return null;
  const frame: WebFrameMain | null = event.senderFrame;
  if (!frame) return null;
  return { url: frame.url, isMainFrame: frame.parent === null };
}

/** ipcMain.handle for a channel of the invoke map; arguments arrive untyped and are checked by the handler. */
function handle<K extends keyof IpcInvokeChannels>(
  channel: K,
  handler: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcInvokeChannels[K]['result']>,
): void {
  ipcMain.handle(channel, handler);
}

/** ipcMain.on for a channel of the one-way map. */
function on<K extends keyof IpcSendChannels>(
  channel: K,
  listener: (event: IpcMainEvent, ...args: unknown[]) => void,
): void {
  ipcMain.on(channel, listener);
}

/** webContents.send for a channel of the event map. */
export function sendToWindow<K extends keyof IpcEventChannels>(
  contents: WebContents | null,
  channel: K,
  ...args: IpcEventChannels[K]
): void {
  if (contents && !contents.isDestroyed()) contents.send(channel, ...args);
}

export interface IpcWiring {
  /** The window's web contents (null while there is none). */
  contents: () => WebContents | null;
  /** A validated request → its reply (the engine host, or the PDF export around it). */
  request: (message: ClientMessage) => Promise<ReplyMessage>;
  /** A validated frame → the engine host. */
  frame: (header: FrameHeader, pixels: Uint8Array) => void;
  /** Lists the capturable sources (desktopCapturer, mapped). */
  listCaptureSources: () => Promise<CaptureSource[]>;
  choice: CaptureSourceChoice;
}

export function wireIpc(w: IpcWiring): void {
  handle(IPC_CHANNELS.request, async (event, raw) => {
    const checked = validateRequest(senderFrame(event, w.contents), raw);
    if (!checked.ok) return checked.reply;
    try {
      return await w.request(checked.message);
    } catch (error) {
      return errorReply(checked.message.id, 'E_INTERNAL', {
        detail: String((error as Error)?.message ?? error),
      });
    }
  });

  on(IPC_CHANNELS.frame, (event, headerJson, pixels) => {
    const checked = validateFrame(senderFrame(event, w.contents), headerJson, pixels);
    if (checked.ok) w.frame(checked.header, checked.pixels);
    else if (checked.dropped) sendToWindow(w.contents(), IPC_CHANNELS.event, checked.dropped as EngineEvent);
  });

  handle(IPC_CHANNELS.listCaptureSources, async (event) => {
    if (!isTrustedSender(senderFrame(event, w.contents))) return [];
    try {
      const sources = await w.listCaptureSources();
      w.choice.setListing(sources);
      return sources;
    } catch {
      return [];
    }
  });

  handle(IPC_CHANNELS.chooseCaptureSource, async (event, id) => {
    const checked = validateSourceId(senderFrame(event, w.contents), id);
    return checked !== null && w.choice.choose(checked);
  });
}
