// Picks the transport: the Electron bridge when the preload exposed it, else the WebSocket of the browser host.
import type { TianmuBridge } from '@shared/protocol';
import type { CoreClient } from './core-client';
import { BridgeClient } from './bridge-client';
import { WebSocketClient } from './websocket-client';

declare global {
  interface Window {
    tianmu?: TianmuBridge;
  }
}

export function createCoreClient(location: Location = window.location): CoreClient {
  if (window.tianmu?.host === 'electron') return new BridgeClient(window.tianmu);
  const token = new URLSearchParams(location.search).get('token');
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return new WebSocketClient(`${scheme}//${location.host}/ws${query}`);
}
