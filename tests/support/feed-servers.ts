// Fake backends speaking the Tianmu feed protocol, started by tests and the bench: a WebSocket server and an
// SSE server over one stream state, with fault injection (skipped sequence numbers, silence, garbage, stop).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** The server's truth for one stream: the latest value per key and the sequence number. */
export class FeedStream {
  seq = 0;
  readonly values = new Map<string, { value: number; ts: number }>();

  constructor(readonly topic = 'vitals') {}

  snapshotMessage(): string {
    return JSON.stringify({
      topic: this.topic,
      kind: 'snapshot',
      seq: this.seq,
      ts: Date.now(),
      data: { values: Object.fromEntries(this.values) },
    });
  }

  /** Applies a change and returns its delta message. */
  delta(values: Record<string, number>, ts = Date.now(), incidents?: unknown[]): string {
    this.seq++;
    for (const [key, value] of Object.entries(values)) this.values.set(key, { value, ts });
    return JSON.stringify({
      topic: this.topic,
      kind: 'delta',
      seq: this.seq,
      ts,
      data: { values, ...(incidents ? { incidents } : {}) },
    });
  }

  heartbeatMessage(): string {
    return JSON.stringify({ kind: 'heartbeat', ts: Date.now(), seqs: { [this.topic]: this.seq } });
  }
}

export interface FeedServerOptions {
  port?: number;
  /** Milliseconds between heartbeats (default 1,000). */
  heartbeatMs?: number;
}

interface Transport {
  readonly clientCount: number;
  broadcast(text: string): void;
  terminateAll(): void;
}

/** The parts both servers share: state, publishing with faults, heartbeats, stop and restart on one port. */
abstract class FeedServerBase {
  readonly stream = new FeedStream();
  readonly resyncRequests: string[] = [];
  connectionCount = 0;
  /** While silent nothing is sent, not even heartbeats: a half-open connection as the client sees it. */
  isSilent = false;
  port = 0;
  protected server: http.Server | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(protected readonly options: FeedServerOptions) {}

  protected abstract transport(): Transport;
  protected abstract attach(server: http.Server): void;

  /** Publishes a change to every client. `skip` applies it but never sends it (a lost delta). */
  publish(
    values: Record<string, number>,
    options: { skip?: boolean; ts?: number; incidents?: unknown[] } = {},
  ) {
    const message = this.stream.delta(values, options.ts, options.incidents);
    if (!options.skip) this.send(message);
    return this.stream.seq;
  }

  /** Sends anything, e.g. a malformed message. */
  sendRaw(text: string): void {
    this.transport().broadcast(text);
  }

  get clientCount(): number {
    return this.transport().clientCount;
  }

  async start(): Promise<void> {
    const server = http.createServer();
    this.attach(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port || this.options.port || 0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    this.heartbeat = setInterval(
      () => this.send(this.stream.heartbeatMessage()),
      this.options.heartbeatMs ?? 1_000,
    );
  }

  /** Closes the listener and every connection (the backend goes down). State and port are kept. */
  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    const server = this.server;
    this.server = undefined;
    this.transport().terminateAll();
    server?.closeAllConnections();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  protected send(text: string): void {
    if (!this.isSilent) this.transport().broadcast(text);
  }
}

/** The Tianmu feed protocol over WebSocket at `ws://127.0.0.1:PORT/feed`. */
export class WebSocketFeedServer extends FeedServerBase {
  private sockets = new Set<WebSocket>();
  private wss: WebSocketServer | undefined;

  get url(): string {
    return `ws://127.0.0.1:${this.port}/feed`;
  }

  protected transport(): Transport {
    return {
      clientCount: this.sockets.size,
      broadcast: (text) => {
        for (const socket of this.sockets) if (socket.readyState === socket.OPEN) socket.send(text);
      },
      terminateAll: () => {
        for (const socket of this.sockets) socket.terminate();
        this.sockets.clear();
        this.wss?.close();
      },
    };
  }

  protected attach(server: http.Server): void {
    this.wss = new WebSocketServer({ server, path: '/feed' });
    this.wss.on('connection', (socket) => {
      this.connectionCount++;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string; topic: string };
        if (message.type === 'resync') {
          this.resyncRequests.push(message.topic);
          if (!this.isSilent) socket.send(this.stream.snapshotMessage());
        }
      });
      socket.send(this.stream.snapshotMessage());
    });
  }
}

/** The Tianmu feed protocol over SSE at `http://127.0.0.1:PORT/events`; POST /resync asks for a snapshot. */
export class SseFeedServer extends FeedServerBase {
  private responses = new Set<http.ServerResponse>();

  get url(): string {
    return `http://127.0.0.1:${this.port}/events`;
  }

  get resyncUrl(): string {
    return `http://127.0.0.1:${this.port}/resync`;
  }

  protected transport(): Transport {
    return {
      clientCount: this.responses.size,
      broadcast: (text) => {
        for (const response of this.responses) response.write(`data: ${text}\n\n`);
      },
      terminateAll: () => {
        for (const response of this.responses) response.destroy();
        this.responses.clear();
      },
    };
  }

  /** Sends an SSE comment, the usual heartbeat of event-stream servers. */
  comment(): void {
    for (const response of this.responses) response.write(': ping\n\n');
  }

  protected attach(server: http.Server): void {
    server.on('request', (request, response) => {
      if (request.method === 'POST' && request.url === '/resync') {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => {
          this.resyncRequests.push((JSON.parse(body) as { topic: string }).topic);
          response.writeHead(204).end();
          if (!this.isSilent) this.transport().broadcast(this.stream.snapshotMessage());
        });
        return;
      }
      if (request.url !== '/events') {
        response.writeHead(404).end();
        return;
      }
      this.connectionCount++;
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      response.write(`data: ${this.stream.snapshotMessage()}\n\n`);
      this.responses.add(response);
      request.on('close', () => this.responses.delete(response));
    });
  }
}

export async function startWebSocketFeedServer(
  options: FeedServerOptions = {},
): Promise<WebSocketFeedServer> {
  const server = new WebSocketFeedServer(options);
  await server.start();
  return server;
}

export async function startSseFeedServer(options: FeedServerOptions = {}): Promise<SseFeedServer> {
  const server = new SseFeedServer(options);
  await server.start();
  return server;
}
