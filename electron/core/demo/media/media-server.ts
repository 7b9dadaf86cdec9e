// Demo live media server: serves every clip in a folder as an endless HTTP-FLV / WS-FLV and live HLS stream.
// This file routes requests and keeps the streams; live FLV, HLS and files are served by their own modules.

import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';

import { parseFlv, type FlvFile } from './flv-parser';
import { LiveStream, type LiveStreamClock } from './live-stream';
import { RecordedStream } from './recorded-stream';
import { delay, rejectUpgrade, sendText, type Connection } from './media-replies';
import { serveFile } from './serve-file';
import { createLiveHls } from './serve-hls';
import { createLiveFlv } from './serve-live';
import { defaultMaxViewerBufferBytes } from './viewer';

export type { Connection } from './media-replies';

/** Options of createMediaServer. */
export interface MediaServerOptions {
  /** Folder with `<id>.flv` clips (each becomes live stream `<id>`) and other files for /media/file/. */
  readonly clipsDir: string;
  /** Per-viewer queue limit before a slow viewer is dropped (default 8 MB). */
  readonly maxViewerBufferBytes?: number;
  /** Time source for the streams (tests); real time by default. */
  readonly clock?: LiveStreamClock;
  /**
   * Whether streams carry `onTianmuClock { sentAt }` script tags before key frames (default true), so
   * players and the video bench can measure live latency from the server's send time.
   */
  readonly sendsClockTags?: boolean;
  /** Wall clock of the send-time tags and of HLS program date-times (tests); `Date.now` by default. */
  readonly wallClock?: () => number;
  /**
   * A stream's first HLS playlist request waits until this many segments exist (default 3, about 3 s for the
   * demo clips' 1 s GOPs), so a player starts with a few segments of buffer instead of an empty playlist …
   */
  readonly hlsStartSegments?: number;
  /** … but no longer than this (default 8 s); then it answers 503 and the player retries. */
  readonly hlsStartTimeoutMs?: number;
  /** A stream's HLS segmenting stops when no one has read its playlist or segments for this long (30 s). */
  readonly hlsIdleTimeoutMs?: number;
  /**
   * Browser origins whose pages may read the streams: the core's own pages, cross-origin when a stream is on
   * one of the extra media ports (media-listeners.ts). Their requests get exactly their origin back in
   * `Access-Control-Allow-Origin`; any other `Origin` (or `Sec-Fetch-Site: cross-site`) gets 403. Requests
   * without `Origin` (players that are not browsers, same-origin GETs) need no CORS header. Default: none.
   */
  readonly isAllowedOrigin?: (origin: string) => boolean;
}

/** Per-stream and total connection counts, so tests can check that nothing leaks. */
export interface MediaServerStats {
  readonly streams: Record<string, { readonly viewers: number }>;
  /** Open media connections: live viewers (HTTP-FLV and WS-FLV) plus file downloads in progress. */
  readonly connections: number;
  /**
   * HLS requests (playlists and segments) answered so far. HLS players hold no connection open: a player that
   * was destroyed but keeps polling (a leak) shows as this number still growing.
   */
  readonly hlsRequests: number;
  /** Playbacks of demo recordings open now (openPlayback … closePlayback). */
  readonly playbacks: number;
}

/**
 * A demo media server mounted on an existing HTTP server at `/media/`:
 * - `GET /media/live/<id>.flv`: HTTP-FLV live stream (chunked, `video/x-flv`, CORS for allowed origins only);
 * - WebSocket upgrade on `/media/live/<id>.flv`: WS-FLV (binary messages, one FLV chunk each);
 * - `GET /media/file/<name>`: a file from the clips folder as is (`.ts`/`.m2t`, `.flv`, `.mp4`; Range
 *   supported; names `[a-z0-9-]+.ext` only, so no path traversal);
 * - `GET /media/hls/<id>/index.m3u8` and `…/segment-<n>.ts`: the same live stream as live HLS (1 s MPEG-TS
 *   segments cut at key frames, a sliding window of 6; see HlsSegmenter).
 * Unknown streams and files answer 404.
 */
export interface MediaServer {
  /** Stream ids, from the `*.flv` files in the clips folder, sorted (e.g. `cam-01` … `cam-06`). */
  readonly streamIds: readonly string[];
  /** Handles a request under `/media/`; returns false (and leaves `res` alone) for any other URL. */
  handleHttp(req: IncomingMessage, res: ServerResponse): boolean;
  /** Handles a WebSocket upgrade under `/media/`; returns false (socket untouched) for any other URL. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /**
   * The live stream for fault injection (stop/stall/resume/restart); created on first use (not started),
   * undefined for an unknown id. Throws if the clip file cannot be parsed.
   */
  stream(id: string): LiveStream | undefined;
  /**
   * Adds a live stream that is not a clip file (the demo PTZ cameras: their views switch under one stream id,
   * see demo/platform/). Served at the same URLs as the clips; fault injection and stats see it too.
   */
  publish(id: string, clip: FlvFile): LiveStream;
  /**
   * Fault injection: while true, new media connections are reset without a response (like a server that
   * is down); open connections are not affected.
   */
  refuseConnections(refuse: boolean): void;
  /**
   * Fault injection: while true, new viewers of stream `id` get HTTP 403 (HTTP-FLV, HLS, WebSocket upgrade), as
   * when a media server's auth hook refuses a viewer; open connections are not affected.
   */
  forbid(id: string, isForbidden: boolean): void;
  /**
   * Starts playing a stream's demo recording from `recordedTime` (epoch ms) at `/media/playback/<id>.flv`, HTTP-FLV
   * or WS-FLV (see recorded-stream.ts); undefined for an unknown stream. `closePlayback` ends it and its viewers.
   */
  openPlayback(streamId: string, recordedTime: number): RecordedStream | undefined;
  closePlayback(id: string): void;
  stats(): MediaServerStats;
  /** Disconnects every viewer, stops every stream and waits (at most about 2 s) for connections to close. */
  close(): Promise<void>;
}

const livePath = /^\/media\/live\/([a-z0-9-]+)\.flv$/;
const playbackPath = /^\/media\/playback\/([a-z0-9-]+)\.flv$/;
const hlsPath = /^\/media\/hls\/([a-z0-9-]+)\/(?:index\.m3u8|segment-(\d{1,15})\.ts)$/;
const filePath = /^\/media\/file\/([^/]*)$/;
const fileName = /^[a-z0-9-]+\.(ts|m2t|flv|mp4)$/;
const clipName = /^([a-z0-9-]+)\.flv$/;

/** Creates the demo media server for the `*.flv` clips in `options.clipsDir` (read once, now). */
export function createMediaServer(options: MediaServerOptions): MediaServer {
  const { clipsDir, clock } = options;
  const isAllowedOrigin = options.isAllowedOrigin ?? (() => false);
  const maxViewerBufferBytes = options.maxViewerBufferBytes ?? defaultMaxViewerBufferBytes;
  const streamIds: readonly string[] = Object.freeze(
    readdirSync(clipsDir)
      .map((name) => clipName.exec(name)?.[1])
      .filter((id): id is string => id !== undefined)
      .sort(),
  );
  const streams = new Map<string, LiveStream>();
  const clips = new Map<string, FlvFile>();
  const playbacks = new Map<string, RecordedStream>();
  let playbackCount = 0;
  const forbidden = new Set<string>();
  const connections = new Set<Connection>();
  let hlsRequests = 0;
  let refusing = false;
  let closed = false;
  const isClosed = () => closed;
  const liveFlv = createLiveFlv({ maxViewerBufferBytes, track, isClosed });
  const liveHls = createLiveHls({
    clock,
    wallClock: options.wallClock,
    startSegments: options.hlsStartSegments,
    startTimeoutMs: options.hlsStartTimeoutMs,
    idleTimeoutMs: options.hlsIdleTimeoutMs,
    isClosed,
  });

  /** Streams published by the demo platform (PTZ heads), with the clip each started on: what it "recorded". */
  const published = new Map<string, FlvFile>();

  function createStream(id: string, clip: FlvFile): LiveStream {
    const live = new LiveStream(id, clip, {
      ...(clock ? { clock } : {}),
      ...(options.wallClock ? { wallClock: options.wallClock } : {}),
      sendsClockTags: options.sendsClockTags ?? true,
    });
    streams.set(id, live);
    return live;
  }

  function stream(id: string): LiveStream | undefined {
    if (published.has(id)) return streams.get(id);
    if (!streamIds.includes(id)) return undefined;
    // Parsed on first use: a wall that shows two cameras should not parse twenty clips.
    return streams.get(id) ?? createStream(id, clipOf(id));
  }

  /** A clip, parsed once: its live stream and its recordings (playbacks) share it. */
  function clipOf(id: string): FlvFile {
    let clip = clips.get(id);
    if (!clip) clips.set(id, (clip = parseFlv(readFileSync(join(clipsDir, `${id}.flv`)))));
    return clip;
  }

  function track(connection: Connection): () => void {
    connections.add(connection);
    return () => connections.delete(connection);
  }

  /**
   * Whether a browser page of another site sent this request: its Origin when it sends one (CORS fetches and
   * WebSockets do; an allowed origin may still be another site, e.g. a page opened as localhost), otherwise
   * Sec-Fetch-Site (a `<video src>` of another site sends no Origin).
   */
  function isForeign(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin !== undefined) return !isAllowedOrigin(origin);
    return req.headers['sec-fetch-site'] === 'cross-site';
  }

  function handleHttp(req: IncomingMessage, res: ServerResponse): boolean {
    const pathname = pathOf(req);
    if (!pathname.startsWith('/media/')) return false;
    if (refusing || closed) {
      req.socket.destroy();
      return true;
    }
    if (isForeign(req)) {
      sendText(res, 403, 'origin not allowed');
      return true;
    }
    if (req.headers.origin !== undefined) {
      // Only the core's own pages get here with an Origin: exactly theirs, never `*`.
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
      res.setHeader('Vary', 'Origin');
    }
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
        'Access-Control-Allow-Headers': 'Range',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return true;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      sendText(res, 405, 'method not allowed', { Allow: 'GET, HEAD, OPTIONS' });
      return true;
    }
    const live = livePath.exec(pathname);
    if (live) {
      const playable = playableStream(live[1]!, res);
      if (playable) liveFlv.serveHttp(playable, req, res);
      return true;
    }
    const playback = playbackPath.exec(pathname);
    if (playback) {
      const recorded = playbacks.get(playback[1]!);
      if (recorded) liveFlv.serveHttp(recorded, req, res);
      else sendText(res, 404, `playback ${playback[1]} not found`);
      return true;
    }
    const hls = hlsPath.exec(pathname);
    if (hls) {
      hlsRequests++;
      serveHls(hls[1]!, hls[2] === undefined ? null : Number(hls[2]), req, res).catch((error: unknown) => {
        // A clip the segmenter cannot read must cost this request, never the core (an unhandled rejection).
        if (res.headersSent) res.destroy();
        else sendText(res, 500, `stream ${hls[1]} has no HLS: ${(error as Error).message}`);
      });
      return true;
    }
    const file = filePath.exec(pathname);
    if (file && fileName.test(file[1]!)) {
      serveFile(join(clipsDir, file[1]!), req, res, track);
      return true;
    }
    sendText(res, 404, 'not found');
    return true;
  }

  /**
   * The live stream `id` if a viewer may play it now; otherwise answers why not (403 forbidden, 500 unreadable,
   * 404 unknown or stopped — a stopped stream answers like an unpublished one on a real server) and returns null.
   */
  function playableStream(id: string, res: ServerResponse): LiveStream | null {
    if (forbidden.has(id)) {
      sendText(res, 403, `stream ${id}: not permitted`);
      return null;
    }
    let live: LiveStream | undefined;
    try {
      live = stream(id);
    } catch (error) {
      sendText(res, 500, `stream ${id} is unavailable: ${(error as Error).message}`);
      return null;
    }
    if (!live || live.state === 'stopped') {
      sendText(res, 404, `stream ${id} not found`);
      return null;
    }
    return live;
  }

  /** `sequence` null: the playlist. */
  async function serveHls(
    id: string,
    sequence: number | null,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const live = playableStream(id, res);
    if (live) await liveHls.serve(id, live, sequence, req, res);
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const pathname = pathOf(req);
    if (!pathname.startsWith('/media/')) return false;
    if (refusing || closed) {
      socket.destroy();
      return true;
    }
    if (isForeign(req)) {
      // Browsers send Origin with every WebSocket and CORS does not apply to them: refuse other sites here.
      rejectUpgrade(socket, 403, 'Forbidden');
      return true;
    }
    const playback = playbackPath.exec(pathname);
    if (playback) {
      const recorded = playbacks.get(playback[1]!);
      if (recorded) liveFlv.serveWebSocket(recorded, req, socket, head);
      else rejectUpgrade(socket, 404, 'Not Found');
      return true;
    }
    const match = livePath.exec(pathname);
    if (match && forbidden.has(match[1]!)) {
      rejectUpgrade(socket, 403, 'Forbidden');
      return true;
    }
    let live: LiveStream | undefined;
    try {
      live = match ? stream(match[1]!) : undefined;
    } catch {
      rejectUpgrade(socket, 500, 'Internal Server Error');
      return true;
    }
    if (!live || live.state === 'stopped') {
      rejectUpgrade(socket, 404, 'Not Found');
      return true;
    }
    liveFlv.serveWebSocket(live, req, socket, head);
    return true;
  }

  return {
    streamIds,
    handleHttp,
    handleUpgrade,
    stream,
    publish(id: string, clip: FlvFile): LiveStream {
      if (streamIds.includes(id) || published.has(id)) throw new Error(`stream ${id} exists already`);
      published.set(id, clip);
      return createStream(id, clip);
    },
    refuseConnections(refuse: boolean): void {
      refusing = refuse;
    },
    forbid(id: string, isForbidden: boolean): void {
      if (isForbidden) forbidden.add(id);
      else forbidden.delete(id);
    },
    openPlayback(streamId: string, recordedTime: number): RecordedStream | undefined {
      // A PTZ head's recording is the view it was published with (the demo records no steering).
      const clip = published.get(streamId) ?? (streamIds.includes(streamId) ? clipOf(streamId) : undefined);
      if (!clip || closed) return undefined;
      const id = `${streamId}-${++playbackCount}`;
      const recorded = new RecordedStream(id, clip, recordedTime, clock ? { clock } : {});
      playbacks.set(id, recorded);
      return recorded;
    },
    closePlayback(id: string): void {
      playbacks.get(id)?.stop();
      playbacks.delete(id);
    },
    stats(): MediaServerStats {
      const perStream: Record<string, { viewers: number }> = {};
      for (const id of [...streamIds, ...published.keys()])
        perStream[id] = { viewers: streams.get(id)?.viewers ?? 0 };
      return { streams: perStream, connections: connections.size, hlsRequests, playbacks: playbacks.size };
    },
    async close(): Promise<void> {
      closed = true;
      liveHls.close();
      for (const live of streams.values()) live.close(); // ends every live viewer gracefully
      for (const recorded of playbacks.values()) recorded.stop();
      playbacks.clear();
      for (const connection of [...connections]) connection.end();
      const deadline = Date.now() + 2000;
      while (connections.size > 0 && Date.now() < deadline) await delay(20);
      for (const connection of [...connections]) connection.destroy();
      connections.clear();
      await liveFlv.close();
    },
  };
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
