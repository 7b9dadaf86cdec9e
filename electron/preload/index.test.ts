import type * as Events from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { TianmuBridge } from '@shared/protocol/bridge';

// The preload runs in Electron's sandbox; here contextBridge and ipcRenderer are stand-ins that record calls.
const exposed = vi.hoisted(() => new Map<string, unknown>());
vi.mock('electron', async () => {
  const { EventEmitter } = await vi.importActual<typeof Events>('node:events');
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: vi.fn(async (_channel: string, name: string, params: unknown) => ({
      ok: true,
      result: { name, params },
    })),
  });
  return {
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) },
    ipcRenderer,
  };
});

const electron = (await import('electron')) as unknown as {
  ipcRenderer: Events.EventEmitter & { invoke: ReturnType<typeof vi.fn> };
  contextBridge: { exposeInMainWorld: ReturnType<typeof vi.fn> };
};
await import('./index');
const bridge = exposed.get('tianmu') as TianmuBridge;

describe('preload bridge', () => {
  it('exposes exactly window.tianmu with host, request and onEvent', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...exposed.keys()]).toEqual(['tianmu']);
    expect(Object.keys(bridge).sort()).toEqual(['host', 'onEvent', 'request']);
    expect(bridge.host).toBe('electron');
  });

  it('sends requests over tianmu:request with invoke', async () => {
    await expect(bridge.request('cameras.get', { ids: ['cam-1'] })).resolves.toEqual({
      ok: true,
      result: { name: 'cameras.get', params: { ids: ['cam-1'] } },
    });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('tianmu:request', 'cameras.get', {
      ids: ['cam-1'],
    });
  });

  it('passes name and payload to listeners, never the IPC event, and unsubscribes', () => {
    const listener = vi.fn();
    const stop = bridge.onEvent(listener);
    const ipcEvent = { sender: 'secret', ports: [] };
    electron.ipcRenderer.emit('tianmu:event', ipcEvent, 'wall.stateChanged', { state: 1 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual(['wall.stateChanged', { state: 1 }]);
    expect(electron.ipcRenderer.listenerCount('tianmu:event')).toBe(1);
    stop();
    expect(electron.ipcRenderer.listenerCount('tianmu:event')).toBe(0);
    electron.ipcRenderer.emit('tianmu:event', ipcEvent, 'wall.stateChanged', { state: 2 });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => bridge.onEvent('nope' as never)).toThrow(TypeError);
  });
});
