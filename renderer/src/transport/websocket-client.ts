// CoreClient over WebSocket (browser host, thin clients): JSON envelopes, automatic reconnect with capped
// exponential backoff and jitter, pending requests failed on disconnect.
import {
  requestSchemas,
  serverEnvelopeSchema,
  type RequestName,
  type RequestParams,
  type RequestResult,
} from '@shared/protocol';
import { Backoff, type BackoffOptions } from '@shared/base/backoff';
import { CoreRequestError, type CoreClient } from './core-client';
import { EventFanout } from './event-fanout';

interface Pending {
  name: RequestName;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

/** Reconnects: 0.5 s doubling to 10 s, up to 30 % shorter at random so the windows of a room don't stampede. */
const reconnectBackoff: BackoffOptions = { initialMs: 500, maxMs: 10_000, jitter: 0.3 };

export class WebSocketClient implements CoreClient {
  private socket: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly fanout = new EventFanout();
  private readonly backoff = new Backoff(reconnectBackoff);
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private isClosed = false;
  private readonly queue: string[] = [];

  constructor(private readonly url: string) {
    this.open();
  }

  get status() {
    return this.fanout.status;
  }

  request<N extends RequestName>(name: N, params: RequestParams<N>): Promise<RequestResult<N>> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { name, resolve: resolve as (result: unknown) => void, reject });
      const text = JSON.stringify({ type: 'request', id, name, params });
      if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(text);
      else this.queue.push(text);
    });
  }

  on: CoreClient['on'] = (name, listener) => this.fanout.on(name, listener);
  onStatusChanged: CoreClient['onStatusChanged'] = (listener) => this.fanout.onStatusChanged(listener);

  close(): void {
    this.isClosed = true;
    clearTimeout(this.reconnectTimer);
    this.socket?.close();
    this.fanout.setStatus('closed');
    this.fanout.dispose();
  }

  private open(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.backoff.reset();
      for (const text of this.queue.splice(0)) socket.send(text);
      this.fanout.setStatus('open');
    };
    socket.onmessage = (message) => this.receive(String(message.data));
    socket.onclose = () => {
      if (this.socket !== socket) return;
      for (const [id, pending] of this.pending) {
        pending.reject(new CoreRequestError('disconnected', 'connection to the core was lost'));
        this.pending.delete(id);
      }
      if (this.isClosed) return;
      this.fanout.setStatus('reconnecting');
      this.reconnectTimer = setTimeout(() => this.open(), this.backoff.next());
    };
  }

  private receive(text: string): void {
    let envelope;
    try {
      envelope = serverEnvelopeSchema.parse(JSON.parse(text));
    } catch (error) {
      console.warn('[transport] malformed message from the core', error);
      return;
    }
    if (envelope.type === 'event') return this.fanout.emit(envelope.name, envelope.payload);
    const pending = this.pending.get(envelope.id);
    if (!pending) return;
    this.pending.delete(envelope.id);
    if (!envelope.ok)
      return pending.reject(new CoreRequestError(envelope.error.code, envelope.error.message));
    const parsed = requestSchemas[pending.name].result.safeParse(envelope.result);
    if (parsed.success) pending.resolve(parsed.data);
    else
      pending.reject(
        new CoreRequestError('bad-response', `malformed '${pending.name}' result from the core`),
      );
  }
}
