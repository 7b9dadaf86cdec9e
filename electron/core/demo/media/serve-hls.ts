// Live HLS of the media server: a stream's channel (segmenter) on its first HLS request, then its playlist
// and segments.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HlsChannel } from './hls-channel';
import { realClock, type LiveStream, type LiveStreamClock } from './live-stream';
import { sendText } from './media-replies';

export interface LiveHlsOptions {
  /** Time source of the segmenters' idle checks (tests); real time by default. */
  readonly clock?: LiveStreamClock | undefined;
  /** Wall clock of the program date-times (tests); `Date.now` by default. */
  readonly wallClock?: (() => number) | undefined;
  /** A stream's first playlist request waits until this many segments exist (default 3) … */
  readonly startSegments?: number | undefined;
  /** … but no longer than this (default 8 s); then it answers 503. */
  readonly startTimeoutMs?: number | undefined;
  /** Segmenting stops when no one has read a stream's playlist or segments for this long (default 30 s). */
  readonly idleTimeoutMs?: number | undefined;
  /** Whether the media server is closing: a playlist that was waiting is then dropped. */
  readonly isClosed: () => boolean;
}

/** The live HLS side of the media server; the caller has routed the request and checked the stream. */
export interface LiveHls {
  /** Answers stream `id`'s playlist (`sequence` null) or one of its segments. */
  serve(
    id: string,
    live: LiveStream,
    sequence: number | null,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void>;
  /** Stops every stream's segmenting. */
  close(): void;
}

export function createLiveHls(options: LiveHlsOptions): LiveHls {
  const channels = new Map<string, HlsChannel>();

  /** The stream's HLS channel, created on its first HLS request; each request is a read (see HlsChannel). */
  function channelOf(id: string, live: LiveStream): HlsChannel {
    let channel = channels.get(id);
    if (!channel) {
      channel = new HlsChannel(live, {
        clock: options.clock ?? realClock,
        ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
        ...(options.wallClock ? { wallClock: options.wallClock } : {}),
      });
      channels.set(id, channel);
    }
    if (!options.isClosed()) channel.read();
    return channel;
  }

  return {
    async serve(id, live, sequence, req, res) {
      const { segmenter } = channelOf(id, live);
      if (sequence !== null) {
        const segment = segmenter.segment(sequence);
        if (!segment) {
          sendText(res, 404, `segment ${sequence} of ${id} is not available`);
          return;
        }
        res.writeHead(200, {
          'Content-Type': 'video/mp2t',
          'Content-Length': String(segment.bytes.length),
          'Cache-Control': 'no-cache',
        });
        res.end(req.method === 'HEAD' ? undefined : segment.bytes);
        return;
      }
      const isReady = await segmenter.waitForSegments(
        options.startSegments ?? 3,
        options.startTimeoutMs ?? 8_000,
      );
      if (res.destroyed || res.writableEnded) return; // the player gave up (or was destroyed) meanwhile
      if (options.isClosed()) {
        res.destroy();
        return;
      }
      const playlist = isReady ? segmenter.playlist() : null;
      if (!playlist) {
        sendText(res, 503, `stream ${id}: no HLS segments yet`, { 'Retry-After': '1' });
        return;
      }
      res.writeHead(200, {
        'Content-Type': 'application/vnd.apple.mpegurl',
        'Cache-Control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : playlist);
    },
    close() {
      for (const channel of channels.values()) channel.close();
    },
  };
}
