// The core's HTTP server: demo media (HTTP-FLV and WS-FLV), the built renderer (browser host), and the
// protocol over WebSocket at /ws. Listens on 127.0.0.1 unless told otherwise (HTTPS and WSS when given a
// certificate; listen-policy.ts decides when one is required), answers only requests that name it (Host) and,
// from browsers, only its own origin (see request-guard.ts), and sends the security headers on every response.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Duplex } from 'node:stream';
import type { CoreSession, EventSender, SessionIdentity } from '../session';
import type { Credentials } from '../auth/sign-in';
import { readCookie } from './session-endpoint';
import { sessionCookieName } from '../auth/sign-in';
import { serveStatic } from './serve-static';
import { attachProtocolSocket } from './protocol-socket';
import { isCrossSite, isOwnHost, isOwnOrigin, ownHostNames } from './request-guard';
import { applySecurityHeaders } from './security-headers';

/**
 * A server mounted under its own URL prefix (the demo media server at `/media/`): each call returns false, leaving
 * the request or socket alone, for a URL outside its prefix.
 */
export interface MountedServer {
  handleHttp(request: http.IncomingMessage, response: http.ServerResponse): boolean;
  handleUpgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer): boolean;
}

export interface HttpServerOptions {
  host: string;
  port: number;
  rendererDir?: string | undefined;
  media: MountedServer;
  /**
   * Who a /ws connection is, from its `?token=` and session cookie: 'refused' answers 401 (a stale or
   * foreign token); no credential at all is an anonymous connection that may call public requests only.
   */
  identify: (credentials: Credentials) => SessionIdentity | 'refused';
  connect: (send: EventSender, identity: SessionIdentity) => CoreSession;
  /** More request handlers tried before the renderer files (e.g. the test-only fault control); true = handled. */
  extraHandlers?: ReadonlyArray<(request: http.IncomingMessage, response: http.ServerResponse) => boolean>;
  /** Content-Security-Policy sent with the renderer's pages (default: serve-static's own). */
  contentSecurityPolicy?: () => string;
  /** Serve HTTPS and WSS with this PEM certificate chain and key (node's https server; the same port). */
  tls?: { readonly certificate: string; readonly key: string } | undefined;
  /** More names the server answers to besides its address and loopback (the certificate's, `server.names`). */
  names?: readonly string[] | undefined;
}

export interface HttpServer {
  /**
   * `http(s)://ADDRESS:PORT`, loadable from this machine: a wildcard listener (0.0.0.0, ::) is named by its
   * loopback address (127.0.0.1, [::1]).
   */
  readonly origin: string;
  /** Whether an `Origin` header is this server's own (under any of its names): the pages it serves. */
  isOwnOrigin(origin: string | undefined): boolean;
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
  const names = ownHostNames(options.host, options.names);
  let port = options.port; // the bound port once listening (options.port may be 0)
  const isTls = options.tls !== undefined;

  const handleRequest = (request: http.IncomingMessage, response: http.ServerResponse) => {
    applySecurityHeaders(response, isTls);
    // A page on another name that resolves to us (DNS rebinding) must not read streams, files or tiles.
    if (!isOwnHost(request.headers.host, names, port)) {
      response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('forbidden host');
      return;
    }
    if (options.media.handleHttp(request, response)) return;
    for (const handle of options.extraHandlers ?? []) if (handle(request, response)) return;
    if (options.rendererDir && (request.method === 'GET' || request.method === 'HEAD')) {
      void serveStatic(options.rendererDir, request, response, options.contentSecurityPolicy?.());
      return;
    }
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
  };
  const server = options.tls
    ? https.createServer({ cert: options.tls.certificate, key: options.tls.key }, handleRequest)
    : http.createServer(handleRequest);

  server.on('upgrade', (request, socket, head) => {
    if (!isOwnHost(request.headers.host, names, port)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/ws') {
      // Browsers send Origin with every WebSocket and CORS does not apply: only our own pages may open one.
      // No Origin is a client that is not a browser (the tests' Node clients, tools on this machine).
      const origin = request.headers.origin;
      if (origin !== undefined ? !isOwnOrigin(origin, names, port) : isCrossSite(request)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        return;
      }
      const identity = options.identify({
        token: url.searchParams.get('token'),
        cookie: readCookie(request.headers.cookie, sessionCookieName),
        address: request.socket.remoteAddress ?? 'unknown',
      });
      if (identity === 'refused') {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
        return;
      }
      protocolServer.handleUpgrade(request, socket, head, (webSocket) => {
        sockets.add(webSocket);
        webSocket.once('close', () => sockets.delete(webSocket));
        attachProtocolSocket(webSocket, (send) => options.connect(send, identity));
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
  port = address.port;
  return {
    origin: `${isTls ? 'https' : 'http'}://${loadableHost(address)}:${address.port}`,
    isOwnOrigin: (origin) => isOwnOrigin(origin, names, port),
    async close() {
      for (const socket of sockets) socket.terminate();
      protocolServer.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The bound address as a URL host this machine can open: wildcards become loopback, IPv6 is bracketed. */
export function loadableHost(address: Pick<AddressInfo, 'address' | 'family'>): string {
  if (address.address === '0.0.0.0') return '127.0.0.1';
  if (address.address === '::') return '[::1]';
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}
