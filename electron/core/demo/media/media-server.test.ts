// Integration tests of the media server on a real HTTP server: HTTP-FLV, WS-FLV, files, faults, no leaks.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

import { FakeClock } from '../../../../tests/support/media/fake-clock';
import { FlvTagType, parseFlv, type FlvFile } from './flv-parser';
import { createMediaServer, type MediaServer } from './media-server';
import { makeSyntheticClip } from '../../../../tests/support/media/synthetic-clip';

const clipsDir = fileURLToPath(new URL('../../../../resources/media/clips', import.meta.url));

/** Parses what arrived so far; undefined until the FLV header is complete. */
function tryParse(bytes: Buffer[]): FlvFile | undefined {
  const buffer = Buffer.concat(bytes);
  return buffer.length >= 13 ? parseFlv(buffer) : undefined;
}

let media: MediaServer;
let server: Server;
let origin: string;

beforeEach(async () => {
  media = createMediaServer({ clipsDir });
  server = createServer((req, res) => {
    if (!media.handleHttp(req, res)) {
      res.writeHead(418);
      res.end('not media');
    }
  });
  server.on('upgrade', (req, socket, head) => {
    if (!media.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await media.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** True once the bytes hold header, metadata, AVC sequence header and a key frame, in that order. */
function startsPlayable(file: FlvFile | undefined): boolean {
  if (!file) return false;
  const [script, sequence, frame] = file.tags;
  return (
    file.header.hasVideo &&
    script?.type === FlvTagType.script &&
    sequence?.type === FlvTagType.video &&
    sequence.isSequenceHeader &&
    frame?.type === FlvTagType.video &&
    frame.isKeyframe &&
    !frame.isSequenceHeader
  );
}

/** Collects chunks from an HTTP-FLV response until `done` is true for the parsed bytes. */
function httpViewer(path: string) {
  const chunks: Buffer[] = [];
  let response: IncomingMessage | undefined;
  const request = get(`http://${origin}${path}`);
  const opened = new Promise<IncomingMessage>((resolve, reject) => {
    request.once('response', (res) => {
      response = res;
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      resolve(res);
    });
    request.once('error', reject);
  });
  return {
    chunks,
    opened,
    ended: opened.then((res) => new Promise<void>((resolve) => res.once('end', resolve))),
    parsed: () => tryParse(chunks),
    close: () => {
      response?.destroy();
      request.destroy();
    },
  };
}

function webSocketViewer(path: string) {
  const messages: Buffer[] = [];
  const socket = new WebSocket(`ws://${origin}${path}`);
  socket.on('message', (data: Buffer) => messages.push(data));
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  return { socket, messages, closed, parsed: () => tryParse(messages) };
}

async function waitFor(condition: () => boolean, timeoutMs = 1000, what = 'condition'): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function status(
  path: string,
  headers: Record<string, string> = {},
): Promise<IncomingMessage & { body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`http://${origin}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Object.assign(res, { body: Buffer.concat(chunks) })));
    }).once('error', reject);
  });
}

/** Resolves with the HTTP status of a rejected upgrade, or 101 if the WebSocket opened. */
function upgradeStatus(path: string, pageOrigin?: string): Promise<number | string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://${origin}${path}`, pageOrigin ? { origin: pageOrigin } : {});
    socket.once('open', () => {
      socket.terminate();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.destroy();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('createMediaServer', () => {
  it('lists the clips as stream ids', () => {
    expect(media.streamIds).toEqual([
      'cam-01',
      'cam-01-720p',
      'cam-02',
      'cam-02-720p',
      'cam-03',
      'cam-04',
      'cam-05',
      'cam-06',
    ]);
    expect(media.stats()).toEqual({
      streams: Object.fromEntries(media.streamIds.map((id) => [id, { viewers: 0 }])),
      connections: 0,
      hlsRequests: 0,
      playbacks: 0,
    });
  });

  it('serves HTTP-FLV that starts with header, metadata, sequence header and a key frame within 1 s', async () => {
    const viewer = httpViewer('/media/live/cam-01.flv');
    const response = await viewer.opened;
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('video/x-flv');
    expect(response.headers['access-control-allow-origin']).toBeUndefined(); // never the wildcard
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['transfer-encoding']).toBe('chunked');
    await waitFor(() => startsPlayable(viewer.parsed()), 1000, 'a playable start');
    expect(media.stats().connections).toBe(1);
    expect(media.stats().streams['cam-01']).toEqual({ viewers: 1 });
    viewer.close();
    await waitFor(() => media.stats().connections === 0, 1000, 'the connection to be released');
    expect(media.stats().streams['cam-01']).toEqual({ viewers: 0 });
  });

  it('serves WS-FLV: one FLV chunk per binary message, playable within 1 s', async () => {
    const viewer = webSocketViewer('/media/live/cam-02.flv');
    await waitFor(
      () => viewer.messages.length >= 4 && startsPlayable(viewer.parsed()),
      1000,
      'a playable start',
    );
    expect(viewer.messages[0]).toHaveLength(13); // FLV header
    expect(
      viewer.messages
        .slice(1)
        .every((message) => parseFlv(Buffer.concat([viewer.messages[0]!, message])).tags.length === 1),
    ).toBe(true);
    expect(media.stats()).toMatchObject({ connections: 1, streams: { 'cam-02': { viewers: 1 } } });
    viewer.socket.close();
    await viewer.closed;
    await waitFor(() => media.stats().connections === 0, 1000, 'the connection to be released');
  });

  it('keeps sending in real time with monotonic timestamps (about 25 frames a second)', async () => {
    const viewer = webSocketViewer('/media/live/cam-03.flv');
    await waitFor(() => startsPlayable(viewer.parsed()), 1000, 'a playable start');
    const before = viewer.parsed()!.tags.length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const tags = viewer.parsed()!.tags;
    expect(tags.length - before).toBeGreaterThanOrEqual(15); // 25 nominal; slack for a loaded machine
    expect(tags.length - before).toBeLessThanOrEqual(35);
    const timestamps = tags.slice(2).map((tag) => tag.timestamp);
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
    viewer.socket.terminate();
  });

  it('answers 404 for unknown streams and files, and leaves other URLs alone', async () => {
    expect((await status('/media/live/cam-99.flv')).statusCode).toBe(404);
    expect((await status('/media/live/../cam-01.flv')).statusCode).toBe(404);
    expect((await status('/media/file/..%2F..%2Fpackage.json')).statusCode).toBe(404);
    expect((await status('/media/file/missing.flv')).statusCode).toBe(404);
    expect((await status('/media/file/Cam-01.FLV')).statusCode).toBe(404);
    expect((await status('/elsewhere')).statusCode).toBe(418);
    expect(await upgradeStatus('/media/live/cam-99.flv')).toBe(404);
    expect(media.handleUpgrade({ url: '/api/ws' } as IncomingMessage, null as never, Buffer.alloc(0))).toBe(
      false,
    );
    expect(media.stats().connections).toBe(0);
  });

  it('serves clip files with content types and byte ranges', async () => {
    const hevc = await status('/media/file/hevc-sample.m2t');
    expect(hevc.statusCode).toBe(200);
    expect(hevc.headers['content-type']).toBe('video/mp2t');
    expect(hevc.body.equals(readFileSync(join(clipsDir, 'hevc-sample.m2t')))).toBe(true);
    const part = await status('/media/file/hevc-sample.m2t', { Range: 'bytes=188-375' });
    expect(part.statusCode).toBe(206);
    expect(part.body).toHaveLength(188);
    expect(part.body[0]).toBe(0x47); // MPEG-TS sync byte
    const flv = await status('/media/file/cam-01.flv');
    expect(flv.headers['content-type']).toBe('video/x-flv');
    expect(flv.body.subarray(0, 3).toString()).toBe('FLV');
    await waitFor(() => media.stats().connections === 0, 1000, 'downloads to be released');
  });

  it('stop ends every viewer and answers 404 until restart', async () => {
    const http = httpViewer('/media/live/cam-04.flv');
    const ws = webSocketViewer('/media/live/cam-04.flv');
    await waitFor(() => startsPlayable(http.parsed()) && startsPlayable(ws.parsed()), 1000, 'both viewers');
    expect(media.stats().streams['cam-04']).toEqual({ viewers: 2 });
    media.stream('cam-04')!.stop();
    await http.ended;
    expect(await ws.closed).toBe(1000);
    await waitFor(() => media.stats().connections === 0, 1000, 'connections to close');
    expect((await status('/media/live/cam-04.flv')).statusCode).toBe(404);
    expect(await upgradeStatus('/media/live/cam-04.flv')).toBe(404);
    media.stream('cam-04')!.restart();
    const again = webSocketViewer('/media/live/cam-04.flv');
    await waitFor(() => startsPlayable(again.parsed()), 1000, 'a playable start after restart');
    again.socket.terminate();
  });

  it('plays a recording over HTTP-FLV and WS-FLV at its playback address until it is closed', async () => {
    const recorded = media.openPlayback('cam-03', Date.UTC(2026, 11, 7, 8, 0, 0))!;
    const path = `/media/playback/${recorded.id}.flv`;
    const http = httpViewer(path);
    const ws = webSocketViewer(path);
    await waitFor(() => startsPlayable(http.parsed()) && startsPlayable(ws.parsed()), 1000, 'both viewers');
    expect(media.stats().playbacks).toBe(1);
    media.closePlayback(recorded.id);
    await http.ended;
    expect(await ws.closed).toBe(1000);
    expect((await status(path)).statusCode).toBe(404);
    expect(await upgradeStatus(path)).toBe(404);
    expect(media.openPlayback('cam-99', 0)).toBeUndefined();
    expect(media.stats().playbacks).toBe(0);
  });

  it('records a published stream (a PTZ head) too: its playback is the view it was published with', async () => {
    const clip = parseFlv(readFileSync(join(clipsDir, 'cam-02.flv')));
    media.publish('ptz-test', clip);
    const recorded = media.openPlayback('ptz-test', Date.UTC(2026, 11, 7, 8, 0, 0));
    expect(recorded).toBeDefined();
    const viewer = httpViewer(`/media/playback/${recorded!.id}.flv`);
    await waitFor(() => startsPlayable(viewer.parsed()), 1000, 'a playable recording');
    media.closePlayback(recorded!.id);
    await viewer.ended;
  });

  it('stall keeps the connection open without data until resume', async () => {
    const viewer = webSocketViewer('/media/live/cam-05.flv');
    await waitFor(() => startsPlayable(viewer.parsed()), 1000, 'a playable start');
    media.stream('cam-05')!.stall();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const count = viewer.messages.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(viewer.messages.length).toBe(count);
    expect(viewer.socket.readyState).toBe(WebSocket.OPEN);
    expect(media.stats().connections).toBe(1);
    media.stream('cam-05')!.resume();
    await waitFor(() => viewer.messages.length > count + 3, 1000, 'data after resume');
    viewer.socket.terminate();
  });

  it('refuseConnections resets new connections but keeps open ones', async () => {
    const open = webSocketViewer('/media/live/cam-06.flv');
    await waitFor(() => startsPlayable(open.parsed()), 1000, 'a playable start');
    media.refuseConnections(true);
    await expect(status('/media/live/cam-06.flv')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await upgradeStatus('/media/live/cam-06.flv')).not.toBe(101);
    const count = open.messages.length;
    await waitFor(() => open.messages.length > count + 2, 1000, 'the open viewer to keep receiving');
    media.refuseConnections(false);
    const viewer = httpViewer('/media/live/cam-06.flv');
    await waitFor(() => startsPlayable(viewer.parsed()), 1000, 'a playable start after refusing');
    viewer.close();
    open.socket.terminate();
    await waitFor(() => media.stats().connections === 0, 1000, 'connections to close');
  });

  it('forbid answers new viewers 403, WebSocket upgrades included, and keeps open ones', async () => {
    const open = webSocketViewer('/media/live/cam-06.flv');
    await waitFor(() => startsPlayable(open.parsed()), 1000, 'a playable start');
    media.forbid('cam-06', true);
    expect(await upgradeStatus('/media/live/cam-06.flv')).toBe(403);
    expect((await status('/media/live/cam-06.flv')).statusCode).toBe(403);
    const count = open.messages.length;
    await waitFor(() => open.messages.length > count + 2, 1000, 'the open viewer to keep receiving');
    media.forbid('cam-06', false);
    expect(await upgradeStatus('/media/live/cam-06.flv')).toBe(101);
    open.socket.terminate();
  });

  it('handles many viewers of one stream and releases all of them', async () => {
    const viewers = Array.from({ length: 12 }, (_, index) =>
      index % 2 === 0 ? webSocketViewer('/media/live/cam-01.flv') : httpViewer('/media/live/cam-01.flv'),
    );
    await waitFor(
      () => viewers.every((viewer) => startsPlayable(viewer.parsed())),
      2000,
      'every viewer to start',
    );
    expect(media.stats()).toMatchObject({ connections: 12, streams: { 'cam-01': { viewers: 12 } } });
    for (const viewer of viewers) {
      if ('socket' in viewer) viewer.socket.terminate();
      else viewer.close();
    }
    await waitFor(() => media.stats().connections === 0, 1000, 'every connection to be released');
  });

  it('close() disconnects viewers and releases everything', async () => {
    const http = httpViewer('/media/live/cam-02.flv');
    const ws = webSocketViewer('/media/live/cam-03.flv');
    await waitFor(() => startsPlayable(http.parsed()) && startsPlayable(ws.parsed()), 1000, 'both viewers');
    await media.close();
    expect(media.stats().connections).toBe(0);
    await http.ended;
    await ws.closed;
  });
});

/** The media sequence, discontinuity sequence and segment lines of a live playlist. */
function readPlaylist(text: string) {
  const lines = text.trim().split('\n');
  const number = (tag: string) => Number(lines.find((line) => line.startsWith(tag))?.slice(tag.length));
  return {
    lines,
    mediaSequence: number('#EXT-X-MEDIA-SEQUENCE:'),
    discontinuitySequence: number('#EXT-X-DISCONTINUITY-SEQUENCE:'),
    segments: lines.filter((line) => !line.startsWith('#')),
    durations: lines.filter((line) => line.startsWith('#EXTINF:')).map((line) => parseFloat(line.slice(8))),
  };
}

describe('createMediaServer live HLS', () => {
  it('serves a live playlist of 1 s MPEG-TS segments that moves on in real time', async () => {
    const started = performance.now();
    const first = await status('/media/hls/cam-01/index.m3u8');
    // The first request waits for three segments (the demo clips have one key frame a second).
    expect(performance.now() - started).toBeGreaterThan(1_500);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    // No Origin (not a browser, or a same-origin GET): no CORS header at all, and never the wildcard.
    expect(first.headers['access-control-allow-origin']).toBeUndefined();
    const playlist = readPlaylist(first.body.toString());
    expect(playlist.lines.slice(0, 3)).toEqual(['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:1']);
    expect(playlist.segments.length).toBeGreaterThanOrEqual(3);
    expect(playlist.segments[0]).toBe(`segment-${playlist.mediaSequence}.ts`);
    for (const duration of playlist.durations) expect(duration).toBeCloseTo(1, 2);

    const segment = await status(`/media/hls/cam-01/${playlist.segments.at(-1)}`);
    expect(segment.statusCode).toBe(200);
    expect(segment.headers['content-type']).toBe('video/mp2t');
    expect(segment.body.length % 188).toBe(0);
    expect(segment.body.length).toBeGreaterThan(20_000); // a second of 500 kbit/s video
    expect(segment.body[0]).toBe(0x47);

    await new Promise((resolve) => setTimeout(resolve, 1_300));
    const later = readPlaylist((await status('/media/hls/cam-01/index.m3u8')).body.toString());
    const lastOf = (list: string[]) => Number(/\d+/.exec(list.at(-1)!)![0]);
    expect(lastOf(later.segments)).toBeGreaterThan(lastOf(playlist.segments));
    expect(media.stats().hlsRequests).toBe(3);
    // The segmenter is one viewer of the live stream, however many HLS players poll it; no connection stays open.
    expect(media.stats()).toMatchObject({ connections: 0, streams: { 'cam-01': { viewers: 1 } } });
  });

  it('answers 404 for unknown streams, unknown segments and a stopped stream', async () => {
    expect((await status('/media/hls/cam-99/index.m3u8')).statusCode).toBe(404);
    expect((await status('/media/hls/cam-01/segment-123456.ts')).statusCode).toBe(404);
    expect((await status('/media/hls/cam-01/other.m3u8')).statusCode).toBe(404);
    media.stream('cam-02')!.stop();
    expect((await status('/media/hls/cam-02/index.m3u8')).statusCode).toBe(404);
  });

  it('after a restart the media sequence goes on and the new session follows an EXT-X-DISCONTINUITY', async () => {
    const before = readPlaylist((await status('/media/hls/cam-03/index.m3u8')).body.toString());
    expect(before.lines).not.toContain('#EXT-X-DISCONTINUITY');
    media.stream('cam-03')!.restart();
    // The next request subscribes to the new session; its first segment closes about a second later.
    let after = before;
    for (let attempt = 0; attempt < 20 && !after.lines.includes('#EXT-X-DISCONTINUITY'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = readPlaylist((await status('/media/hls/cam-03/index.m3u8')).body.toString());
    }
    expect(after.lines).toContain('#EXT-X-DISCONTINUITY');
    expect(after.discontinuitySequence).toBe(0);
    // One numbering across sessions: a player polling the playlist never sees it go back.
    const numbers = after.segments.map((line) => Number(/\d+/.exec(line)![0]));
    expect(numbers[0]).toBe(after.mediaSequence);
    expect(after.mediaSequence).toBeGreaterThanOrEqual(before.mediaSequence);
    numbers.forEach((number, index) => expect(number).toBe(numbers[0]! + index));
    const marked = after.lines.indexOf('#EXT-X-DISCONTINUITY');
    const firstNew = Number(/\d+/.exec(after.lines.slice(marked).find((line) => !line.startsWith('#'))!)![0]);
    expect(firstNew).toBeGreaterThan(Number(/\d+/.exec(before.segments.at(-1)!)![0]));
  });
});

describe('createMediaServer: who may read', () => {
  it('never answers Access-Control-Allow-Origin: *, and refuses a foreign Origin with 403', async () => {
    const plain = await status('/media/file/cam-01.flv', { Range: 'bytes=0-15' });
    expect(plain.statusCode).toBe(206);
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
    const foreign = await status('/media/file/cam-01.flv', { Origin: 'http://attacker.example' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect(
      (await status('/media/hls/cam-01/index.m3u8', { Origin: 'http://attacker.example' })).statusCode,
    ).toBe(403);
    const crossSite = await status('/media/file/cam-01.flv', { 'Sec-Fetch-Site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
    expect(await upgradeStatus('/media/live/cam-01.flv', 'http://attacker.example')).toBe(403);
    expect(media.stats().connections).toBe(0);
  });
});

describe('createMediaServer allowing the core’s own origin', () => {
  const coreOrigin = 'http://127.0.0.1:7300';
  let local: MediaServer;
  let localServer: Server;
  let base: string;

  beforeEach(async () => {
    local = createMediaServer({ clipsDir, isAllowedOrigin: (value) => value === coreOrigin });
    localServer = createServer((req, res) => void local.handleHttp(req, res));
    localServer.on('upgrade', (req, socket, head) => void local.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve) => localServer.listen(0, '127.0.0.1', resolve));
    base = `127.0.0.1:${(localServer.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await local.close();
    localServer.closeAllConnections();
    await new Promise((resolve) => localServer.close(resolve));
  });

  it('answers the core’s pages with exactly their origin (cross-origin from another media port)', async () => {
    const response = await fetch(`http://${base}/media/file/cam-01.flv`, {
      headers: { Origin: coreOrigin, Range: 'bytes=0-15' },
    });
    expect(response.status).toBe(206);
    expect(response.headers.get('access-control-allow-origin')).toBe(coreOrigin);
    expect(response.headers.get('vary')).toContain('Origin');
    const preflight = await fetch(`http://${base}/media/live/cam-01.flv`, {
      method: 'OPTIONS',
      headers: { Origin: coreOrigin, 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(coreOrigin);
    const socket = new WebSocket(`ws://${base}/media/live/cam-01.flv`, { origin: coreOrigin });
    const first = await new Promise<Buffer>((resolve, reject) =>
      socket.once('message', (data: Buffer) => resolve(data)).once('error', reject),
    );
    expect(first.subarray(0, 3).toString('latin1')).toBe('FLV');
    socket.terminate();
    expect(
      (await fetch(`http://${base}/media/file/cam-01.flv`, { headers: { Origin: 'http://x.example' } }))
        .status,
    ).toBe(403);
    // A page of the core opened under another of its names (localhost) is another site to 127.0.0.1: allowed.
    const otherName = await fetch(`http://${base}/media/file/cam-01.flv`, {
      headers: { Origin: coreOrigin, 'Sec-Fetch-Site': 'cross-site', Range: 'bytes=0-15' },
    });
    expect(otherName.status).toBe(206);
  });
});

describe('createMediaServer live HLS when no one reads', () => {
  it('stops segmenting a stream whose playlist and segments no one read for the idle timeout', async () => {
    const clock = new FakeClock();
    const local = createMediaServer({ clipsDir, clock, hlsIdleTimeoutMs: 30_000 });
    const localServer = createServer((req, res) => void local.handleHttp(req, res));
    try {
      await new Promise<void>((resolve) => localServer.listen(0, '127.0.0.1', resolve));
      const base = `http://127.0.0.1:${(localServer.address() as AddressInfo).port}`;
      const readPlaylistNow = async () => {
        const requests = local.stats().hlsRequests;
        const answer = fetch(`${base}/media/hls/cam-01/index.m3u8`);
        await waitFor(() => local.stats().hlsRequests > requests, 2000, 'the playlist request');
        clock.advance(4_000); // three 1 s segments
        return answer;
      };
      expect((await readPlaylistNow()).status).toBe(200);
      // The segmenter is the stream's one viewer while players read…
      expect(local.stats().streams['cam-01']!.viewers).toBe(1);
      clock.advance(20_000);
      expect((await readPlaylistNow()).status).toBe(200);
      clock.advance(20_000); // 24 s after the last read: still within the timeout
      expect(local.stats().streams['cam-01']!.viewers).toBe(1);
      // … and leaves once no one has read for 30 s: no more segments cut for nobody.
      clock.advance(10_000);
      expect(local.stats().streams['cam-01']!.viewers).toBe(0);
      clock.advance(60_000);
      expect(local.stats().streams['cam-01']!.viewers).toBe(0);
      // The next player starts it again, with fresh segments after a discontinuity.
      const again = await readPlaylistNow();
      expect(again.status).toBe(200);
      const playlist = readPlaylist(await again.text());
      expect(playlist.lines).toContain('#EXT-X-DISCONTINUITY');
      expect(local.stats().streams['cam-01']!.viewers).toBe(1);
    } finally {
      await local.close();
      localServer.closeAllConnections();
      await new Promise((resolve) => localServer.close(resolve));
    }
  });
});

describe('createMediaServer with an unusual folder', () => {
  it('ignores files that are not lowercase .flv clips and reports broken clips as 500', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tianmu-media-'));
    try {
      writeFileSync(join(folder, 'broken.flv'), 'not an flv');
      writeFileSync(join(folder, 'Upper.flv'), 'x');
      writeFileSync(join(folder, 'notes.txt'), 'x');
      const local = createMediaServer({ clipsDir: folder });
      expect(local.streamIds).toEqual(['broken']);
      expect(() => local.stream('broken')).toThrow();
      expect(local.stream('missing')).toBeUndefined();
      await local.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('answers HLS of a clip whose H.264 it cannot read with 500, and still serves its FLV', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tianmu-media-'));
    // A valid FLV whose AVC configuration record is cut short (fake payloads, see tests/support/media/synthetic-clip.ts).
    writeFileSync(join(folder, 'fake.flv'), makeSyntheticClip());
    const local = createMediaServer({ clipsDir: folder, hlsStartTimeoutMs: 500 });
    const localServer = createServer((req, res) => void local.handleHttp(req, res));
    try {
      await new Promise<void>((resolve) => localServer.listen(0, '127.0.0.1', resolve));
      const base = `http://127.0.0.1:${(localServer.address() as AddressInfo).port}`;
      const playlist = await fetch(`${base}/media/hls/fake/index.m3u8`);
      expect(playlist.status).toBe(500);
      expect(await playlist.text()).toMatch(/no HLS: not an AVCDecoderConfigurationRecord/);
      const flv = await fetch(`${base}/media/live/fake.flv`);
      expect(flv.status).toBe(200);
      await flv.body?.cancel();
    } finally {
      await local.close();
      localServer.closeAllConnections();
      await new Promise((resolve) => localServer.close(resolve));
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
