// The media server's extra addresses: each plays the same streams, answers nothing but /media/, and closes.
import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createMediaServer, type MediaServer } from './media-server';
import { roundRobin, startMediaListeners, type MediaListeners } from './media-listeners';

const clipsDir = fileURLToPath(new URL('../../../../resources/media/clips', import.meta.url));

let media: MediaServer;
let listeners: MediaListeners | undefined;

afterEach(async () => {
  await media.close();
  await listeners?.close();
  listeners = undefined;
});

function status(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).once('error', reject);
  });
}

describe('startMediaListeners', () => {
  it('opens distinct loopback ports that all play the same live streams', async () => {
    media = createMediaServer({ clipsDir });
    listeners = await startMediaListeners(media, '127.0.0.1', 3);
    expect(listeners.hosts).toHaveLength(3);
    expect(new Set(listeners.hosts).size).toBe(3);
    for (const host of listeners.hosts) {
      expect(host).toMatch(/^127\.0\.0\.1:\d+$/);
      const socket = new WebSocket(`ws://${host}/media/live/cam-01.flv`);
      const first = await new Promise<Buffer>((resolve, reject) =>
        socket.once('message', (data) => resolve(data as Buffer)).once('error', reject),
      );
      expect(first.subarray(0, 3).toString('latin1')).toBe('FLV');
      socket.close();
    }
    // One media server behind every port: its viewers and statistics are the wall's, wherever they connect.
    await expect.poll(() => media.stats().connections).toBe(0);
  });

  it('answers 404 for anything outside /media/ and for unknown streams', async () => {
    media = createMediaServer({ clipsDir });
    listeners = await startMediaListeners(media, '127.0.0.1', 1);
    const [host] = listeners.hosts;
    expect(await status(`http://${host}/`)).toBe(404);
    expect(await status(`http://${host}/ws`)).toBe(404);
    expect(await status(`http://${host}/media/live/no-such-camera.flv`)).toBe(404);
    const socket = new WebSocket(`ws://${host}/ws`);
    const refused = await new Promise<string>((resolve) =>
      socket.once('unexpected-response', (_request, response) => resolve(String(response.statusCode))),
    );
    expect(refused).toBe('404');
  });

  it('refuses a foreign Host (DNS rebinding) with 403, HTTP and WebSocket alike, on every port', async () => {
    media = createMediaServer({ clipsDir });
    listeners = await startMediaListeners(media, '127.0.0.1', 2);
    for (const host of listeners.hosts) {
      const port = host.split(':')[1]!;
      const url = `http://${host}/media/file/cam-01.flv`;
      expect(await status(url, { Host: `attacker.example:${port}`, Range: 'bytes=0-15' })).toBe(403);
      expect(await status(url, { Host: `localhost:${port}`, Range: 'bytes=0-15' })).toBe(206);
      const socket = new WebSocket(`ws://${host}/media/live/cam-01.flv`, {
        headers: { Host: `attacker.example:${port}` },
      });
      const refused = await new Promise<number>((resolve) =>
        socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)),
      );
      expect(refused).toBe(403);
    }
    // The name of one port is not the name of another.
    const [first, second] = listeners.hosts;
    expect(await status(`http://${first}/media/file/cam-01.flv`, { Host: second! })).toBe(403);
  });

  it('closes every port, open connections included', async () => {
    media = createMediaServer({ clipsDir });
    listeners = await startMediaListeners(media, '127.0.0.1', 2);
    const [host] = listeners.hosts;
    const socket = new WebSocket(`ws://${host}/media/live/cam-01.flv`);
    await new Promise((resolve) => socket.once('message', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await listeners.close();
    await closed;
    await expect(status(`http://${host}/media/live/cam-01.flv`)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('roundRobin', () => {
  it('deals the items out in turn, forever', () => {
    const next = roundRobin(['a', 'b', 'c']);
    expect(Array.from({ length: 7 }, next)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
  });

  it('refuses an empty list', () => {
    expect(() => roundRobin([])).toThrow(/nothing to deal out/);
  });
});
