// The window's one bridge to the main process, exposed as `window.callSentinel` through
// contextBridge (the page itself has no Node, no ipcRenderer, and no generic send/invoke). Each
// method uses one fixed channel of the contract (electron/main/ipc-contract.ts); messages travel as
// JSON text so the main process can check their size before parsing them. Runs sandboxed: bundled
// by scripts/build-electron.ts into dist/electron/preload.cjs with only 'electron' left external.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNELS } from '../main/ipc-contract.ts';
import { BRIDGE_KEY, type CallSentinelBridge, type EngineEvent } from './bridge-types.ts';

const bridge: CallSentinelBridge = {
  async request(message) {
    return ipcRenderer.invoke(IPC_CHANNELS.request, JSON.stringify(message));
  },
  sendFrame(header, pixels) {
    ipcRenderer.send(IPC_CHANNELS.frame, JSON.stringify(header), pixels);
  },
  onEvent(listener) {
    const wrapped = (_event: IpcRendererEvent, message: EngineEvent) => listener(message);
    ipcRenderer.on(IPC_CHANNELS.event, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.event, wrapped);
    };
  },
  async listCaptureSources() {
    return ipcRenderer.invoke(IPC_CHANNELS.listCaptureSources);
  },
  async chooseCaptureSource(id) {
    return ipcRenderer.invoke(IPC_CHANNELS.chooseCaptureSource, String(id));
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
