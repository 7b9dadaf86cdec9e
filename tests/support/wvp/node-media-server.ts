// Node-Media-Server (npm node-media-server, a real third-party RTMP/HTTP-FLV server) fed by ffmpeg, as the media
// server a wvp double's play answer points at. Each instance gets its own ports, config and data folder, so the
// package's own bin/config.json is never rewritten (its CLI writes generated secrets back into the file it read).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface NodeMediaServer {
  /** http://127.0.0.1:port */
  readonly httpUrl: string;
  /** rtmp://127.0.0.1:port */
  readonly rtmpUrl: string;
  /** The HTTP-FLV URL of live/`stream`. */
  flvUrl(stream: string): string;
  /** The WS-FLV URL of live/`stream`. */
  wsFlvUrl(stream: string): string;
  /**
   * Starts ffmpeg pushing a clip (default resources/media/clips/cam-01.flv) in a loop, in real time, to live/`stream`
   * and resolves once the server serves its FLV.
   */
  publish(stream: string, clip?: string): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`node-media-server: ${what} not ready within ${timeoutMs} ms`);
}

/** True once the URL answers 200 with the FLV signature. */
async function servesFlv(url: string): Promise<boolean> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  try {
    if (response.status !== 200 || !response.body) return false;
    const reader = response.body.getReader();
    const { value } = await reader.read();
    return value !== undefined && Buffer.from(value.subarray(0, 3)).toString('latin1') === 'FLV';
  } finally {
    controller.abort();
  }
}

/** Starts Node-Media-Server on free loopback ports (RTMP and HTTP only: no RTMPS, HTTPS or web admin). */
export async function startNodeMediaServer(): Promise<NodeMediaServer> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'tianmu-nms-'));
  const [rtmpPort, httpPort] = [await freePort(), await freePort()];
  const configPath = path.join(folder, 'config.json');
  await writeFile(
    configPath,
    JSON.stringify({
      bind: '127.0.0.1',
      store: { path: path.join(folder, 'data') },
      auth: { play: false, publish: false, secret: 'tianmu-test-only' },
      rtmp: { port: rtmpPort },
      http: { port: httpPort },
    }),
  );
  const require = createRequire(import.meta.url);
  const app = path.join(path.dirname(require.resolve('node-media-server/package.json')), 'bin', 'app.js');
  const children: ChildProcess[] = [];
  const server = spawn(process.execPath, [app, '-c', configPath, '--no-admin'], { stdio: 'ignore' });
  children.push(server);
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  await waitFor('HTTP port', async () => {
    await fetch(`${httpUrl}/`);
    return true;
  });
  const rtmpUrl = `rtmp://127.0.0.1:${rtmpPort}`;
  return {
    httpUrl,
    rtmpUrl,
    flvUrl: (stream) => `${httpUrl}/live/${stream}.flv`,
    wsFlvUrl: (stream) => `ws://127.0.0.1:${httpPort}/live/${stream}.flv`,
    async publish(stream, clip = path.join(root, 'resources', 'media', 'clips', 'cam-01.flv')) {
      const ffmpeg = spawn(
        'ffmpeg',
        [
          '-loglevel',
          'error',
          '-re',
          '-stream_loop',
          '-1',
          '-i',
          clip,
          '-c',
          'copy',
          '-f',
          'flv',
          `${rtmpUrl}/live/${stream}`,
        ],
        { stdio: 'ignore' },
      );
      children.push(ffmpeg);
      await waitFor(`live/${stream}`, () => servesFlv(`${httpUrl}/live/${stream}.flv`));
    },
    async close() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
      await rm(folder, { recursive: true, force: true });
    },
  };
}
