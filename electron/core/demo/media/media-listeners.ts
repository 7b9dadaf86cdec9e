// More addresses for the demo media server, so a wall's tiles connect in parallel.
//
// Chromium opens WebSocket connections to one IP:port strictly one after another, and waits 10 ms after each
// handshake before it lets the next one start (net/socket/websocket_endpoint_lock_manager.cc, RFC 6455
// §4.1). 32 tiles on one address therefore take at least 32 × (10 ms + a handshake) ≈ 0.4 s to connect,
// whatever the machine. The demo media server answers on the core's own port and on a few more ports,
// and stream URLs are dealt out over them in turn; the same media server (streams, viewers, fault
// injection, statistics) is behind every port. Each port answers only requests that name it (Host), like the
// core's own (request-guard.ts), and speaks what the core's own port speaks: off loopback that is TLS (the same
// certificate), so no stream leaves the machine in clear unless the operator chose --insecure-lan.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { MediaServer } from './media-server';
import { isOwnHost, ownHostNames } from '../../server/request-guard';
import { applySecurityHeaders } from '../../server/security-headers';
import { loadableHost } from '../../server/http-server';

export interface MediaListeners {
  /** The extra listeners' `host:port`, in the order they were opened. */
  readonly hosts: readonly string[];
  close(): Promise<void>;
}

/** TLS and names of the core's own listener, shared by the media ports. */
export interface MediaListenerOptions {
  tls?: { readonly certificate: string; readonly key: string } | undefined;
  names?: readonly string[] | undefined;
}

/** Opens `count` listeners on `host` (any free port each) that answer `/media/` only. */
export async function startMediaListeners(
  media: MediaServer,
  host: string,
  count: number,
  options: MediaListenerOptions = {},
): Promise<MediaListeners> {
  const servers: http.Server[] = [];
  const names = ownHostNames(host, options.names);
  const tls = options.tls;
  const portOf = (server: http.Server) => (server.address() as AddressInfo | null)?.port ?? -1;
  // Upgraded sockets (WS-FLV viewers) are no longer the HTTP server's: it would wait for them forever.
  const upgraded = new Set<Duplex>();
  const close = async () => {
    for (const socket of upgraded) socket.destroy();
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
  };
  try {
    for (let index = 0; index < count; index++) {
      const handleRequest = (request: http.IncomingMessage, response: http.ServerResponse) => {
        applySecurityHeaders(response, tls !== undefined);
        if (!isOwnHost(request.headers.host, names, portOf(server))) {
          response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('forbidden host');
          return;
        }
        if (media.handleHttp(request, response)) return;
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      };
      const server: http.Server = tls
        ? https.createServer({ cert: tls.certificate, key: tls.key }, handleRequest)
        : http.createServer(handleRequest);
      server.on('upgrade', (request, socket: Duplex, head) => {
        upgraded.add(socket);
        socket.once('close', () => upgraded.delete(socket));
        if (!isOwnHost(request.headers.host, names, portOf(server))) {
          socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
          return;
        }
        if (media.handleUpgrade(request, socket, head)) return;
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      });
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, host, () => resolve());
      });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    hosts: servers.map((server) => {
      const address = server.address() as AddressInfo;
      return `${loadableHost(address)}:${address.port}`;
    }),
    close,
  };
}

/** Deals the addresses out in turn: one page's tiles, resolved one after another, spread evenly. */
export function roundRobin<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error('roundRobin: nothing to deal out');
  let next = 0;
  return () => {
    const item = items[next]!;
    next = (next + 1) % items.length;
    return item;
  };
}
