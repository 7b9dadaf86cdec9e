// The gated loader: connects only with a place in the gate, gives the place back however the handshake ends,
// and reports data, errors and the end of the stream the way mpegts.js expects from a loader.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionGate } from './connection-gate';
import { gatedWebSocketLoader, type LoaderHandle } from './gated-websocket-loader';

/** A WebSocket that does nothing until the test says what the server did. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static created: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  binaryType = 'blob';
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  onclose: (() => void) | null = null;
  closeCalls = 0;

  constructor(readonly url: string) {
    FakeSocket.created.push(this);
  }

  close(): void {
    this.closeCalls++;
    this.readyState = FakeSocket.CLOSED;
  }

  serverOpens(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }

  serverSends(data: unknown): void {
    this.onmessage?.({ data });
  }

  serverCloses(): void {
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.();
  }

  fails(): void {
    this.onerror?.();
    this.serverCloses();
  }
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function openLoader(
  gate: ConnectionGate,
  url = 'ws://media.test/live/cam-01.flv',
  onCreated?: (loader: LoaderHandle) => void,
) {
  const Loader = gatedWebSocketLoader(gate, onCreated);
  // mpegts.js constructs custom loaders with (seekHandler, config); this one needs neither.
  const loader = new (Loader as unknown as new () => InstanceType<typeof Loader>)();
  const events = {
    data: [] as Array<[number, number, number | undefined]>,
    errors: [] as string[],
    completed: 0,
  };
  loader.onDataArrival = (chunk, byteStart, received) =>
    events.data.push([chunk.byteLength, byteStart, received]);
  loader.onError = (_type, info) => events.errors.push(info.msg);
  loader.onComplete = () => events.completed++;
  loader.open({ url } as never, { from: 0, to: -1 });
  return { loader, events };
}

describe('gatedWebSocketLoader', () => {
  beforeEach(() => {
    FakeSocket.created = [];
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('opens no more sockets than the gate allows, and the next one when a handshake completes', async () => {
    const gate = new ConnectionGate(2);
    const loaders = Array.from({ length: 4 }, (_, index) => openLoader(gate, `ws://media.test/${index}`));
    await flush();
    expect(FakeSocket.created.map((socket) => socket.url)).toEqual([
      'ws://media.test/0',
      'ws://media.test/1',
    ]);
    expect(loaders[0]!.loader.isWorking()).toBe(true);
    expect(loaders[3]!.loader.isWorking()).toBe(true);

    FakeSocket.created[0]!.serverOpens();
    await flush();
    expect(FakeSocket.created).toHaveLength(3);
    FakeSocket.created[1]!.fails();
    await flush();
    expect(FakeSocket.created).toHaveLength(4);
    expect(loaders[1]!.events.errors).toEqual(['WebSocket error on ws://media.test/1']);
    expect(loaders[1]!.events.completed).toBe(0);
  });

  it('hands binary messages on with their byte offsets and reports the server closing the stream', async () => {
    const { events } = openLoader(new ConnectionGate(1));
    await flush();
    const socket = FakeSocket.created[0]!;
    expect(socket.binaryType).toBe('arraybuffer');
    socket.serverOpens();
    socket.serverSends(new ArrayBuffer(10));
    socket.serverSends(new ArrayBuffer(5));
    socket.serverCloses();
    expect(events.data).toEqual([
      [10, 0, 10],
      [5, 10, 15],
    ]);
    expect(events.completed).toBe(1);
    expect(events.errors).toEqual([]);
  });

  it('refuses a text message as an error rather than feeding it to the demuxer', async () => {
    const { events } = openLoader(new ConnectionGate(1));
    await flush();
    FakeSocket.created[0]!.serverOpens();
    FakeSocket.created[0]!.serverSends('hello');
    expect(events.errors).toEqual(['unexpected string message on a media WebSocket']);
    expect(events.data).toEqual([]);
  });

  it('aborted while waiting: never connects and frees its place in the queue', async () => {
    const gate = new ConnectionGate(1);
    const first = openLoader(gate);
    await flush();
    const second = openLoader(gate);
    second.loader.abort();
    expect(second.loader.isWorking()).toBe(false);
    first.loader.abort();
    await flush();
    expect(FakeSocket.created).toHaveLength(1);
    expect(gate.pending).toBe(0);
    expect(gate.queued).toBe(0);
  });

  it('aborted while connecting: closes the socket, reports nothing more and frees its place', async () => {
    const gate = new ConnectionGate(1);
    const { loader, events } = openLoader(gate);
    await flush();
    const socket = FakeSocket.created[0]!;
    loader.destroy();
    expect(socket.closeCalls).toBe(1);
    expect(gate.pending).toBe(0);
    socket.serverSends(new ArrayBuffer(3));
    socket.serverCloses();
    expect(events).toEqual({ data: [], errors: [], completed: 0 });
  });

  it('tells its owner of every instance, which may close a streaming connection without a word to mpegts.js', async () => {
    const created: LoaderHandle[] = [];
    const { loader, events } = openLoader(new ConnectionGate(1), undefined, (handle) => created.push(handle));
    expect(created).toEqual([loader]);
    await flush();
    const socket = FakeSocket.created[0]!;
    socket.serverOpens();
    socket.serverSends(new ArrayBuffer(4));
    created[0]!.abort();
    created[0]!.abort();
    expect(socket.closeCalls).toBe(1);
    socket.serverSends(new ArrayBuffer(3));
    socket.serverCloses();
    expect(events).toEqual({ data: [[4, 0, 4]], errors: [], completed: 0 });
  });
});
