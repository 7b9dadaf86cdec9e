// The test-only fault control stops and restarts the demo media server over HTTP, and guards itself by token.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFaultControl } from './fault-control';
import { createMediaServer, type MediaServer } from './media-server';

const clipsDir = fileURLToPath(new URL('../../../../resources/media/clips', import.meta.url));
let media: MediaServer;
let server: Server;
let origin: string;

beforeEach(async () => {
  media = createMediaServer({ clipsDir });
  const control = createFaultControl(media, 'secret');
  server = createServer((req, res) => {
    if (media.handleHttp(req, res) || control(req, res)) return;
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await media.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const post = (path: string) => fetch(`${origin}${path}`, { method: 'POST' });

describe('fault control', () => {
  it('forbids one stream to new viewers (HTTP-FLV and HLS answer 403) and permits it again', async () => {
    expect((await post('/test/media/streams/cam-04/forbid?token=secret')).status).toBe(200);
    expect((await fetch(`${origin}/media/live/cam-04.flv`)).status).toBe(403);
    expect((await fetch(`${origin}/media/hls/cam-04/index.m3u8`)).status).toBe(403);
    // Other streams are not affected.
    const other = await fetch(`${origin}/media/live/cam-03.flv`);
    expect(other.status).toBe(200);
    await other.body?.cancel();
    expect((await post('/test/media/streams/cam-04/permit?token=secret')).status).toBe(200);
    const permitted = await fetch(`${origin}/media/live/cam-04.flv`);
    expect(permitted.status).toBe(200);
    await permitted.body?.cancel();
  });

  it('refuses requests without the access token', async () => {
    expect((await post('/test/media/server/stop')).status).toBe(401);
    expect(media.stream('cam-01')?.state).toBe('idle');
  });

  it('stops the whole server (streams stopped, connections refused) and starts it again', async () => {
    const stopped = await post('/test/media/server/stop?token=secret');
    expect(stopped.status).toBe(200);
    expect(media.stream('cam-01')?.state).toBe('stopped');
    await expect(fetch(`${origin}/media/live/cam-01.flv`)).rejects.toThrow();
    await post('/test/media/server/start?token=secret');
    expect(media.stream('cam-01')?.state).toBe('running');
    const response = await fetch(`${origin}/media/live/cam-01.flv`);
    expect(response.status).toBe(200);
    await response.body?.cancel();
  });

  it('stalls and resumes one stream, and reports stats', async () => {
    const stall = await post('/test/media/streams/cam-02/stall?token=secret');
    expect(await stall.json()).toEqual({ id: 'cam-02', state: 'stalled' });
    await post('/test/media/streams/cam-02/resume?token=secret');
    expect(media.stream('cam-02')?.state).toBe('running');
    const stats = await (await fetch(`${origin}/test/media/stats?token=secret`)).json();
    expect(stats).toMatchObject({ connections: 0, streams: { 'cam-02': { viewers: 0 } } });
    expect((await post('/test/media/streams/nope/stop?token=secret')).status).toBe(404);
  });
});
