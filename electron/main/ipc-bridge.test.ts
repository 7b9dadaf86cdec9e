import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { ProtocolError } from '@shared/protocol/envelope';
import { bridgeChannels, type BridgeResponse } from '@shared/protocol/bridge';
import {
  isJsonValue,
  isTrustedSender,
  parseRequestArguments,
  registerIpcBridge,
  toErrorResponse,
  type BridgeSession,
} from './ipc-bridge';

const appOrigin = 'http://127.0.0.1:4310';

describe('parseRequestArguments', () => {
  it('accepts a name and JSON params; missing params mean {}', () => {
    expect(parseRequestArguments(['session.hello', { role: 'wall', displayId: 'left' }])).toEqual({
      ok: true,
      name: 'session.hello',
      params: { role: 'wall', displayId: 'left' },
    });
    expect(parseRequestArguments(['map.district'])).toEqual({ ok: true, name: 'map.district', params: {} });
    expect(parseRequestArguments(['x', null])).toMatchObject({ ok: true, params: null });
  });

  it.each([
    ['no arguments', []],
    ['too many arguments', ['a', {}, {}]],
    ['a number as name', [42, {}]],
    ['an empty name', ['', {}]],
    ['a 65-character name', ['x'.repeat(65), {}]],
    ['a Date', ['x', { at: new Date() }]],
    ['a Map', ['x', new Map()]],
    ['NaN', ['x', { value: Number.NaN }]],
    ['Infinity', ['x', [Number.POSITIVE_INFINITY]]],
    ['a BigInt', ['x', { value: 1n }]],
    ['a typed array', ['x', new Uint8Array(4)]],
    ['undefined inside', ['x', { value: undefined }]],
  ])('refuses %s as bad-request', (_label, args) => {
    const parsed = parseRequestArguments(args);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe('bad-request');
  });

  it('accepts a 64-character name', () => {
    expect(parseRequestArguments(['x'.repeat(64), {}]).ok).toBe(true);
  });
});

describe('isJsonValue', () => {
  it('accepts nested plain data and objects without prototype', () => {
    expect(isJsonValue({ a: [1, 'two', true, null, { b: -0.5 }] })).toBe(true);
    expect(isJsonValue(Object.assign(Object.create(null), { a: 1 }))).toBe(true);
  });

  it('refuses data nested too deep or too large', () => {
    let deep: unknown = 1;
    for (let level = 0; level < 40; level++) deep = [deep];
    expect(isJsonValue(deep)).toBe(false);
    expect(isJsonValue(Array.from({ length: 200_000 }, () => 0))).toBe(false);
    expect(isJsonValue('x'.repeat(12 * 1024 * 1024 + 1))).toBe(false);
    // A snapshot of a 1080p frame (a few MB of PNG in base64) passes.
    expect(isJsonValue('A'.repeat(6_000_000))).toBe(true);
  });
});

describe('toErrorResponse', () => {
  it('keeps a ProtocolError code and message', () => {
    expect(toErrorResponse(new ProtocolError('not-found', "unknown camera 'cam-9'"))).toEqual({
      ok: false,
      error: { code: 'not-found', message: "unknown camera 'cam-9'" },
    });
  });

  it('hides anything else behind "internal error"', () => {
    expect(toErrorResponse(new TypeError('cannot read properties of undefined (secret path)'))).toEqual({
      ok: false,
      error: { code: 'internal', message: 'internal error' },
    });
    expect(toErrorResponse('a string')).toMatchObject({ error: { code: 'internal' } });
  });
});

describe('isTrustedSender', () => {
  const trusted = { frameOrigin: appOrigin, isMainFrame: true, isOwnWebContents: true };
  it('trusts the top frame of our window on the app origin only', () => {
    expect(isTrustedSender(trusted, appOrigin)).toBe(true);
    expect(isTrustedSender({ ...trusted, frameOrigin: 'http://127.0.0.1:9999' }, appOrigin)).toBe(false);
    expect(isTrustedSender({ ...trusted, frameOrigin: 'null' }, appOrigin)).toBe(false);
    expect(isTrustedSender({ ...trusted, frameOrigin: null }, appOrigin)).toBe(false);
    expect(isTrustedSender({ ...trusted, isMainFrame: false }, appOrigin)).toBe(false);
    expect(isTrustedSender({ ...trusted, isOwnWebContents: false }, appOrigin)).toBe(false);
  });
});

/** A webContents stand-in: an event emitter with an id, send() and isDestroyed(). */
class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: unknown[][] = [];
  destroyed = false;
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  isDestroyed() {
    return this.destroyed;
  }
}

function setup() {
  let handler: ((event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<BridgeResponse>) | undefined;
  const ipcMain = {
    handle: vi.fn((channel: string, listener: typeof handler) => {
      expect(channel).toBe(bridgeChannels.request);
      handler = listener;
    }),
    removeHandler: vi.fn(),
  };
  const own = new FakeWebContents();
  const sessions: Array<BridgeSession & { send: (name: string, payload: unknown) => void }> = [];
  const connect = vi.fn((send: (name: string, payload: unknown) => void) => {
    const session = {
      send,
      request: vi.fn(async (name: string, params: unknown) => {
        if (name === 'boom') throw new Error('core bug');
        if (name === 'missing') throw new ProtocolError('unknown-request', `unknown request '${name}'`);
        return { echo: params };
      }),
      close: vi.fn(),
    };
    sessions.push(session);
    return session;
  });
  const log = { warn: vi.fn(), error: vi.fn() };
  const bridge = registerIpcBridge({
    ipcMain: ipcMain as never,
    appOrigin,
    connect: connect as never,
    isOwnWebContents: (contents) => (contents as unknown) === own,
    log,
  });
  const call = (
    contents: FakeWebContents,
    args: unknown[],
    frame: { origin: string; parent: unknown } | null = { origin: appOrigin, parent: null },
  ) =>
    handler!(
      { sender: contents as unknown as WebContents, senderFrame: frame } as IpcMainInvokeEvent,
      ...args,
    );
  return { bridge, ipcMain, own, sessions, connect, log, call };
}

describe('registerIpcBridge', () => {
  it('forwards a request to the window session and returns the result as data', async () => {
    const { call, own, connect } = setup();
    await expect(call(own, ['cameras.get', { ids: ['cam-1'] }])).resolves.toEqual({
      ok: true,
      result: { echo: { ids: ['cam-1'] } },
    });
    await call(own, ['cameras.get', {}]);
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it('maps errors: ProtocolError as is, anything else as internal (and logs it)', async () => {
    const { call, own, log } = setup();
    await expect(call(own, ['missing', {}])).resolves.toEqual({
      ok: false,
      error: { code: 'unknown-request', message: "unknown request 'missing'" },
    });
    await expect(call(own, ['boom', {}])).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'internal error' },
    });
    expect(log.error).toHaveBeenCalledTimes(1);
  });

  it('refuses foreign webContents, other origins, sub-frames and gone frames without opening a session', async () => {
    const { call, own, connect } = setup();
    const stranger = new FakeWebContents();
    for (const response of [
      await call(stranger, ['session.hello', {}]),
      await call(own, ['session.hello', {}], { origin: 'https://evil.example', parent: null }),
      await call(own, ['session.hello', {}], { origin: appOrigin, parent: {} }),
      await call(own, ['session.hello', {}], null),
    ]) {
      expect(response).toMatchObject({ ok: false, error: { code: 'rejected' } });
    }
    expect(connect).not.toHaveBeenCalled();
  });

  it('refuses malformed arguments as bad-request', async () => {
    const { call, own } = setup();
    await expect(call(own, [{ name: 'x' }])).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });

  it('sends core events to the window and stops when it is destroyed', async () => {
    const { call, own, sessions, bridge } = setup();
    await call(own, ['topic.subscribe', { topics: ['a'] }]);
    sessions[0]!.send('topic.updated', { values: [] });
    expect(own.sent).toEqual([[bridgeChannels.event, 'topic.updated', { values: [] }]]);
    expect(bridge.sessionCount).toBe(1);
    own.destroyed = true;
    sessions[0]!.send('topic.updated', { values: [] });
    expect(own.sent).toHaveLength(1);
    own.emit('destroyed');
    expect(sessions[0]!.close).toHaveBeenCalledTimes(1);
    expect(bridge.sessionCount).toBe(0);
  });

  it('opens a fresh session after the page reloads (old subscriptions must not live on)', async () => {
    const { call, own, sessions, connect } = setup();
    await call(own, ['session.hello', {}]);
    own.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    expect(sessions[0]!.close).not.toHaveBeenCalled();
    own.emit('did-start-navigation', { isMainFrame: false, isSameDocument: false });
    expect(sessions[0]!.close).not.toHaveBeenCalled();
    own.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    expect(sessions[0]!.close).toHaveBeenCalledTimes(1);
    await call(own, ['session.hello', {}]);
    expect(connect).toHaveBeenCalledTimes(2);
    own.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(sessions[1]!.close).toHaveBeenCalledTimes(1);
    // Listeners are attached once per webContents, not once per session.
    expect(own.listenerCount('did-start-navigation')).toBe(1);
  });

  it('dispose removes the handler and closes every session', async () => {
    const { call, own, sessions, bridge, ipcMain } = setup();
    await call(own, ['session.hello', {}]);
    bridge.dispose();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(bridgeChannels.request);
    expect(sessions[0]!.close).toHaveBeenCalledTimes(1);
  });
});
