// The core's HTTP server: demo media (HTTP-FLV and WS-FLV), the built renderer (browser host), and the
// protocol over WebSocket at /ws. Listens on 127.0.0.1 unless told otherwise.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { MediaServer } from '../media/media-server';
import type { CoreSession, EventSender } from '../session';
import { serveStatic } from './serve-static';
import { attachProtocolSocket } from './protocol-socket';

export interface HttpServerOptions {
  host: string;
  port: number;
  rendererDir?: string | undefined;
  media: MediaServer;
  accessToken: string | null;
  connect: (send: EventSender) => CoreSession;
  /** More request handlers tried before the renderer files (e.g. the test-only fault control); true = handled. */
  extraHandlers?: ReadonlyArray<(request: http.IncomingMessage, response: http.ServerResponse) => boolean>;
}

export interface HttpServer {
  readonly origin: string;
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const protocolServer = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    // The largest request is a snapshot: up to maxSnapshotBytes (8 MB) of PNG as base64, plus the envelope.
    maxPayload: 12 * 1024 * 1024,
  });
  const sockets = new Set<WebSocket>();

  const server = http.createServer((request, response) => {
    if (options.media.handleHttp(request, response)) return;
    for (const handle of options.extraHandlers ?? []) if (handle(request, response)) return;
    if (options.rendererDir && (request.method === 'GET' || request.method === 'HEAD')) {
      void serveStatic(options.rendererDir, request, response);
      return;
    }
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
  });

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/ws') {
      if (options.accessToken !== null && url.searchParams.get('token') !== options.accessToken) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
        return;
      }
      protocolServer.handleUpgrade(request, socket, head, (webSocket) => {
        sockets.add(webSocket);
        webSocket.once('close', () => sockets.delete(webSocket));
        attachProtocolSocket(webSocket, options.connect);
      });
      return;
    }
    if (options.media.handleUpgrade(request, socket, head)) return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    origin: `http://${host}:${address.port}`,
    async close() {
      for (const socket of sockets) socket.terminate();
      protocolServer.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
