// The small typed bridge the Electron preload exposes as `window.tianmu` (never raw ipcRenderer).
import type { EventName } from './messages';

/** IPC channel names shared by the preload and the shell. */
export const bridgeChannels = {
  request: 'tianmu:request',
  event: 'tianmu:event',
} as const;

/** The result of a request over IPC: errors travel as data, because Electron flattens thrown errors. */
export type BridgeResponse =
  { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

export interface TianmuBridge {
  readonly host: 'electron';
  /** Sends one protocol request; the core validates it. */
  request(name: string, params: unknown): Promise<BridgeResponse>;
  /** Receives every protocol event for this window; returns a function that stops listening. */
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
}
