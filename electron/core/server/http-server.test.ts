// The core's HTTP server refuses other sites: a foreign Host (DNS rebinding) or Origin gets 403, and /ws takes
// only the core's own origin (or none: Node clients) with the right token.
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createMediaServer, type MediaServer } from '../demo/media/media-server';
import type { CoreSession } from '../session';
import { startHttpServer, type HttpServer } from './http-server';

const clipsDir = fileURLToPath(new URL('../../../resources/media/clips', import.meta.url));

let media: MediaServer;
let server: HttpServer;
let port: number;

beforeEach(async () => {
  media = createMediaServer({ clipsDir });
  server = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    media,
    identify: ({ token, address }) =>
      token === null
        ? { principal: null, address }
        : token === 'secret-token'
          ? { principal: null, address }
          : 'refused',
    connect: () => ({ request: async () => ({}), close() {} }) as unknown as CoreSession,
    extraHandlers: [
      (request, response) => {
        if (request.url !== '/hello') return false;
        response.end('hello');
        return true;
      },
    ],
  });
  port = Number(new URL(server.origin).port);
});

afterEach(async () => {
  await media.close();
  await server.close();
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path, headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .once('error', reject)
      .end();
  });
}

/** 101 when the WebSocket opened, else the HTTP status of the refusal. */
function upgrade(path: string, options: { host?: string; origin?: string } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, {
      ...(options.origin ? { origin: options.origin } : {}),
      ...(options.host ? { headers: { Host: options.host } } : {}),
    });
    socket.once('open', () => {
      socket.terminate();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.destroy();
    });
    socket.once('error', reject);
  });
}

describe('startHttpServer: who may connect', () => {
  it('answers requests that name the core by its address, localhost or [::1]', async () => {
    expect((await get('/hello')).status).toBe(200);
    expect((await get('/hello', { Host: `localhost:${port}` })).status).toBe(200);
    expect((await get('/hello', { Host: `[::1]:${port}` })).status).toBe(200);
  });

  it('refuses a foreign Host with 403 (a DNS-rebinding page), on every route', async () => {
    const rebound = await get('/hello', { Host: `attacker.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain('hello');
    expect((await get('/hello', { Host: `127.0.0.1:${port + 1}` })).status).toBe(403);
    expect((await get('/media/live/cam-01.flv', { Host: `attacker.example:${port}` })).status).toBe(403);
    expect(await upgrade('/media/live/cam-01.flv', { host: `attacker.example:${port}` })).toBe(403);
  });

  it('refuses /ws from a foreign Host or a foreign Origin, and with a wrong token', async () => {
    expect(await upgrade('/ws?token=secret-token', { host: `attacker.example:${port}` })).toBe(403);
    expect(await upgrade('/ws?token=secret-token', { origin: 'http://attacker.example' })).toBe(403);
    expect(await upgrade('/ws?token=secret-token', { origin: `http://127.0.0.1:${port + 1}` })).toBe(403);
    expect(await upgrade('/ws?token=secret-token', { origin: 'null' })).toBe(403);
    expect(await upgrade('/ws?token=secret-tokeN')).toBe(401);
    expect(await upgrade('/ws?token=secret')).toBe(401);
  });

  it('accepts /ws without a token as an anonymous connection (public requests only, see session.ts)', async () => {
    expect(await upgrade('/ws')).toBe(101);
  });

  it('accepts /ws from the core’s own origin, and from clients that send no Origin', async () => {
    expect(await upgrade('/ws?token=secret-token', { origin: server.origin })).toBe(101);
    expect(await upgrade('/ws?token=secret-token', { origin: `http://localhost:${port}` })).toBe(101);
    expect(await upgrade('/ws?token=secret-token')).toBe(101);
  });
});
