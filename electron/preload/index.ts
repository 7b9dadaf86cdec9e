// The preload: exposes `window.tianmu` (TianmuBridge) — two functions over two IPC channels, nothing else.
// It runs sandboxed, where only 'electron' can be required: import nothing else at runtime but the channel
// names (bundled by Vite; from bridge.ts directly, never the protocol index, which pulls in zod).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { bridgeChannels, type BridgeResponse, type TianmuBridge } from '@shared/protocol/bridge';
import type { EventName } from '@shared/protocol/messages';

const bridge: TianmuBridge = {
  host: 'electron',
  request(name: string, params: unknown): Promise<BridgeResponse> {
    return ipcRenderer.invoke(bridgeChannels.request, name, params) as Promise<BridgeResponse>;
  },
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('tianmu.onEvent needs a function');
    // The IPC event object (with its sender and ports) never reaches the page: only name and payload do.
    const forward = (_event: IpcRendererEvent, name: EventName, payload: unknown) => listener(name, payload);
    ipcRenderer.on(bridgeChannels.event, forward);
    return () => {
      ipcRenderer.removeListener(bridgeChannels.event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('tianmu', bridge);
