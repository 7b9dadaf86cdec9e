// The demo media server as the composition root mounts it: on the core's HTTP server, on a few extra ports,
// with the test-only fault control when asked, and the addresses the demo platform's stream URLs are dealt over.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFaultControl } from './media/fault-control';
import {
  roundRobin,
  startMediaListeners,
  type MediaListenerOptions,
  type MediaListeners,
} from './media/media-listeners';
import { createMediaServer, type MediaServer } from './media/media-server';

export interface DemoMediaOptions {
  /** Folder of the demo clips. */
  readonly clipsDir: string;
  /** Address the extra media ports listen on (the core's own). */
  readonly host: string;
  /** Ports the media server answers on besides the core's own (see media/media-listeners.ts). */
  readonly extraMediaPorts: number;
  /** Test-only: mount the fault-injection control at `/test/media/` (see media/fault-control.ts). */
  readonly faultInjection: boolean;
  readonly accessToken: string | null;
  /** Browser origins whose pages may read the streams: the core's own pages. */
  readonly isAllowedOrigin: (origin: string) => boolean;
  /** The core's own `host:port`, known once its HTTP server listens. */
  readonly coreHost: () => string;
  /** TLS and the names other machines use, as the core's own port has them (server/server-settings.ts). */
  readonly listeners?: MediaListenerOptions;
  /** The host name stream URLs give the media ports: one other machines reach too (default: as listening). */
  readonly hostName?: string;
}

export interface DemoMedia {
  readonly server: MediaServer;
  /** Handlers to mount on the core's HTTP server beside the renderer's files (the fault control). */
  readonly extraHandlers: ReadonlyArray<(request: IncomingMessage, response: ServerResponse) => boolean>;
  /** Opens the extra media ports; returns every media address, the core's own first. */
  listen(): Promise<readonly string[]>;
  /** The media address for the next stream URL: the addresses in turn once they listen. */
  nextHost(): string;
  /** Media first: its WebSocket viewers are upgraded sockets the HTTP server would wait for forever. */
  close(): Promise<void>;
}

export function createDemoMedia(options: DemoMediaOptions): DemoMedia {
  const server = createMediaServer({ clipsDir: options.clipsDir, isAllowedOrigin: options.isAllowedOrigin });
  let listeners: MediaListeners | undefined;
  // Stream URLs of the demo platform name one of the media server's addresses, known once they listen.
  let nextHost = (): string => options.coreHost();
  return {
    server,
    extraHandlers: options.faultInjection ? [createFaultControl(server, options.accessToken)] : [],
    async listen() {
      listeners = await startMediaListeners(server, options.host, options.extraMediaPorts, options.listeners);
      const hostName = options.hostName;
      const hosts = [options.coreHost(), ...listeners.hosts].map((host) =>
        hostName ? `${hostName}:${new URL(`http://${host}`).port}` : host,
      );
      nextHost = roundRobin(hosts);
      return hosts;
    },
    nextHost: () => nextHost(),
    async close() {
      await server.close();
      await listeners?.close();
    },
  };
}
