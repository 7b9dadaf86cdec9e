// Live FLV to viewers: HTTP-FLV responses and WS-FLV WebSockets, each attached to a live stream.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { TrackConnection } from './media-replies';
import { attachViewer, attachWebSocketViewer, type FlvSource } from './viewer';

export interface LiveFlvOptions {
  /** Per-viewer queue limit before a slow viewer is dropped. */
  readonly maxViewerBufferBytes: number;
  /** Counts a viewer among the server's open connections until it closes. */
  readonly track: TrackConnection;
  /** Whether the media server is closing: a WebSocket handshake that finishes then is closed at once. */
  readonly isClosed: () => boolean;
}

/** The live FLV side of the media server; the caller has routed the request and checked the stream. */
export interface LiveFlv {
  /** HTTP-FLV: a chunked `video/x-flv` response that plays `live` until either side ends it. */
  serveHttp(live: FlvSource, req: IncomingMessage, res: ServerResponse): void;
  /** WS-FLV: completes the WebSocket handshake and plays `live` over it (one FLV chunk per message). */
  serveWebSocket(live: FlvSource, req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

export function createLiveFlv(options: LiveFlvOptions): LiveFlv {
  const { maxViewerBufferBytes, track } = options;
  // Compression would only cost CPU on already-compressed video; a viewer never sends large messages.
  const webSocketServer = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 4096 });
  return {
    serveHttp(live, req, res) {
      res.writeHead(200, { 'Content-Type': 'video/x-flv', 'Cache-Control': 'no-cache' });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      res.socket?.setNoDelay(true); // every tag is a frame: send it now, not after Nagle's delay
      const untrack = track({ end: () => res.end(), destroy: () => res.destroy() });
      let detach: () => void = () => {};
      res.once('close', () => {
        detach();
        untrack();
      });
      detach = attachViewer(
        live,
        {
          write: (chunk) => void res.write(chunk),
          bufferedBytes: () => res.writableLength,
          end: () => res.end(),
          destroy: () => res.destroy(),
        },
        maxViewerBufferBytes,
      );
    },
    serveWebSocket(live, req, socket, head) {
      webSocketServer.handleUpgrade(req, socket, head, (webSocket) => {
        // The stream may have been stopped during the handshake.
        if (live.state === 'stopped' || options.isClosed()) webSocket.close(1011, 'stream not available');
        else attachWebSocketViewer(live, webSocket, track, maxViewerBufferBytes);
      });
    },
    close() {
      return new Promise<void>((resolve) => webSocketServer.close(() => resolve()));
    },
  };
}
