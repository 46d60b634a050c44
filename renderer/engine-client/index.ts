// Picks the transport: the preload bridge when the desktop app provides one, else the local
// WebSocket whose token came in the page's address (web mode).

import { BridgeEngineClient, findBridge } from './bridge-client.ts';
import type { EngineClient } from './types.ts';
import { WebSocketEngineClient, engineSocketUrl } from './websocket-client.ts';

export type { EngineClient, EngineEvent, ConnectionStatus } from './types.ts';
export { EngineRequestError } from './types.ts';
export { BridgeEngineClient } from './bridge-client.ts';

export function connectEngine(win: Window): EngineClient | null {
  const bridge = findBridge(win);
  if (bridge) return new BridgeEngineClient(bridge);
  const url = engineSocketUrl(win.location);
  return url ? new WebSocketEngineClient({ url }) : null;
}
