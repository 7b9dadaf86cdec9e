// Connects one viewer connection (HTTP response or WebSocket) to a live stream, with a backpressure limit.

import type { WebSocket } from 'ws';
import { LiveStreamStoppedError, type LiveStreamWriter } from './live-stream';

/** What a viewer plays: a live stream or a recording being played back (recorded-stream.ts). */
export interface FlvSource {
  readonly state: string;
  subscribe(write: LiveStreamWriter, end?: () => void): () => void;
}

/** The transport side of one viewer, implemented over an HTTP response or a WebSocket. */
export interface ViewerSink {
  /** Queues one chunk (FLV header or one FLV tag). */
  write(chunk: Buffer): void;
  /** Bytes queued for this viewer and not yet handed to the kernel. */
  bufferedBytes(): number;
  /** Closes the connection gracefully (the stream ended). */
  end(): void;
  /** Drops the connection at once (the viewer is too slow). */
  destroy(): void;
}

/** Default per-viewer queue limit; beyond it the viewer is dropped, as real media servers do. */
export const defaultMaxViewerBufferBytes = 8 * 1024 * 1024;

/**
 * Subscribes `sink` to `stream`. A viewer whose queue exceeds `maxBufferedBytes` is dropped: buffering
 * without bound for a stalled client would grow the server's memory and serve ever older video anyway.
 * Returns a detach function for when the connection closes (idempotent). Throws what
 * `stream.subscribe` throws (LiveStreamStoppedError).
 */
export function attachViewer(
  stream: FlvSource,
  sink: ViewerSink,
  maxBufferedBytes: number = defaultMaxViewerBufferBytes,
): () => void {
  let dropped = false;
  // The initial burst (headers + cached GOP) is written inside subscribe(), before `unsubscribe` exists.
  let subscribed = false;
  const unsubscribe = stream.subscribe(
    (chunk) => {
      if (dropped) return;
      sink.write(chunk);
      if (sink.bufferedBytes() > maxBufferedBytes) {
        dropped = true;
        sink.destroy();
        if (subscribed) unsubscribe();
      }
    },
    () => {
      if (!dropped) sink.end();
    },
  );
  subscribed = true;
  if (dropped) unsubscribe();
  return () => {
    dropped = true;
    unsubscribe();
  };
}

/**
 * Plays `stream` to an open WS-FLV `webSocket` (one FLV chunk per binary message); `track` counts it among the
 * media server's open connections until it closes. A stream stopped meanwhile closes it with 1011.
 */
export function attachWebSocketViewer(
  stream: FlvSource,
  webSocket: WebSocket,
  track: (connection: { end(): void; destroy(): void }) => () => void,
  maxBufferedBytes: number = defaultMaxViewerBufferBytes,
): void {
  const untrack = track({
    end: () => webSocket.close(1001, 'server closing'),
    destroy: () => webSocket.terminate(),
  });
  let detach: () => void = () => {};
  webSocket.once('close', () => {
    detach();
    untrack();
  });
  // 'close' follows every 'error'; terminate so a broken socket never waits for a close handshake.
  webSocket.on('error', () => webSocket.terminate());
  try {
    detach = attachViewer(
      stream,
      {
        // ws sets TCP_NODELAY itself, so each tag leaves at once.
        write: (chunk) => webSocket.send(chunk, { binary: true }),
        bufferedBytes: () => webSocket.bufferedAmount,
        end: () => webSocket.close(1000, 'stream ended'),
        destroy: () => webSocket.terminate(),
      },
      maxBufferedBytes,
    );
  } catch (error) {
    if (!(error instanceof LiveStreamStoppedError)) throw error;
    webSocket.close(1011, 'stream not available');
  }
}
