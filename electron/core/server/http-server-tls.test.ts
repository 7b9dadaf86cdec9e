// The core on the LAN: HTTPS and WSS with the workspace's certificate on one port, Host and Origin accepted for
// the certificate's names only, security headers on every response, and no path that reaches a workspace file,
// the state folder or the journal. Real sockets on 127.0.0.1 with the test-only certificate of tests/fixtures/tls.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createMediaServer, type MediaServer } from '../demo/media/media-server';
import type { CoreSession } from '../session';
import { startHttpServer, type HttpServer } from './http-server';
import { startMediaListeners, type MediaListeners } from '../demo/media/media-listeners';
import { readTlsIdentity, type TlsIdentity } from './tls-identity';
import { securityHeaders } from './security-headers';

const clipsDir = fileURLToPath(new URL('../../../resources/media/clips', import.meta.url));
const fixtures = fileURLToPath(new URL('../../../tests/fixtures/tls', import.meta.url));

let media: MediaServer;
let server: HttpServer;
let mediaListeners: MediaListeners;
let identity: TlsIdentity;
let port: number;
let rendererDir: string;

beforeAll(async () => {
  identity = await readTlsIdentity({
    certificateFile: path.join(fixtures, 'certificate.pem'),
    keyFile: path.join(fixtures, 'key.pem'),
    certificateField: '--tls-cert',
    keyField: '--tls-key',
  });
  // A renderer folder as the build makes it, inside a "workspace" with the files that must never be served.
  const workspaceDir = await mkdtemp(path.join(os.tmpdir(), 'tianmu-tls-'));
  rendererDir = path.join(workspaceDir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>renderer</title>');
  await writeFile(path.join(rendererDir, '.env'), 'SECRET=1');
  await writeFile(path.join(workspaceDir, 'workspace.json'), '{"secret":"workspace"}');
  await mkdir(path.join(workspaceDir, '.state'));
  await writeFile(path.join(workspaceDir, '.state', 'wall-state.json'), '{"secret":"state"}');
  media = createMediaServer({ clipsDir });
  server = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    rendererDir,
    media,
    identify: ({ token, address }) =>
      token === null || token === 'secret-token' ? { principal: null, address } : 'refused',
    connect: () => ({ request: async () => ({}), close() {} }) as unknown as CoreSession,
    tls: identity,
    names: identity.names,
  });
  mediaListeners = await startMediaListeners(media, '127.0.0.1', 1, { tls: identity, names: identity.names });
  port = Number(new URL(server.origin).port);
});

afterAll(async () => {
  await media.close();
  await mediaListeners.close();
  await server.close();
  await rm(path.dirname(rendererDir), { recursive: true, force: true });
});

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function get(requestPath: string, headers: Record<string, string> = {}, atPort = port): Promise<Reply> {
  return new Promise((resolve, reject) => {
    // A raw path: the URL class would resolve ../ before it is sent.
    httpsRequest(
      {
        host: '127.0.0.1',
        port: atPort,
        path: requestPath,
        headers,
        ca: identity.certificate,
        servername: 'wall.tianmu.test',
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body, headers: response.headers }),
        );
      },
    )
      .once('error', reject)
      .end();
  });
}

/** 101 when the WSS connection opened, else the HTTP status of the refusal. */
function upgrade(options: { host?: string; origin?: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`wss://127.0.0.1:${port}/ws?token=secret-token`, {
      ca: identity.certificate, // verified against the certificate's IP 127.0.0.1 (no rejectUnauthorized: false)
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

describe('startHttpServer with TLS', () => {
  it('serves the app over HTTPS with a certificate the client verifies, and says https in its origin', async () => {
    expect(server.origin).toBe(`https://127.0.0.1:${port}`);
    const page = await get('/', { Host: `wall.tianmu.test:${port}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>renderer</title>');
  });

  it('opens a WSS protocol socket for the certificate’s names and its own origin', async () => {
    expect(
      await upgrade({ host: `wall.tianmu.test:${port}`, origin: `https://wall.tianmu.test:${port}` }),
    ).toBe(101);
    expect(await upgrade({ origin: `https://127.0.0.1:${port}` })).toBe(101);
    expect(await upgrade({ host: `[::1]:${port}`, origin: `https://[::1]:${port}` })).toBe(101);
  });

  it('refuses a WebSocket with a foreign Origin or Host with 403', async () => {
    expect(await upgrade({ origin: 'https://attacker.example' })).toBe(403);
    expect(await upgrade({ origin: `https://attacker.tianmu.test:${port}` })).toBe(403); // the cert's wildcard: not ours
    expect(await upgrade({ origin: `https://wall.tianmu.test:${port + 1}` })).toBe(403);
    expect(await upgrade({ host: `attacker.example:${port}` })).toBe(403);
    expect(await upgrade({ host: `wall.tianmu.test.attacker.example:${port}` })).toBe(403);
  });

  it('sends the security headers, with HSTS, on pages, files, refusals and 404s', async () => {
    const replies = [
      await get('/'),
      await get('/no-such-file.js'),
      await get('/', { Host: `attacker.example:${port}` }),
      await get('/media/live/no-such-camera.flv'),
    ];
    for (const reply of replies) {
      expect(reply.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'cross-origin-opener-policy': 'same-origin',
        'strict-transport-security': 'max-age=31536000',
      });
      expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    // The page keeps the app's own policy (scripts of the origin), everything else may run nothing.
    expect(replies[0]!.headers['content-security-policy']).toContain("script-src 'self'");
    expect(replies[1]!.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('answers 404, never a file or the app page, for ../ paths, workspace files, the state folder and the journal', async () => {
    for (const requestPath of [
      '/../workspace.json',
      '/%2e%2e/workspace.json',
      '/..%2fworkspace.json',
      '/workspace.json',
      '/users.json',
      '/.state/wall-state.json',
      '/.state/',
      '/%2estate/wall-state.json',
      '/journal/2026-12-07.jsonl',
      '/journal/',
      '/.env',
      '/renderer/index.html/..%2f..%2fworkspace.json',
    ]) {
      const reply = await get(requestPath);
      expect(reply.status, requestPath).toBe(404);
      expect(reply.body, requestPath).not.toMatch(/secret|<title>renderer/);
    }
  });

  it('serves the media ports over TLS with the same certificate and headers, for the same names only', async () => {
    const mediaPort = Number(mediaListeners.hosts[0]!.split(':').at(-1));
    expect(mediaListeners.hosts[0]).toBe(`127.0.0.1:${mediaPort}`);
    const missing = await get(
      '/media/live/no-such-camera.flv',
      { Host: `wall.tianmu.test:${mediaPort}` },
      mediaPort,
    );
    expect(missing.status).toBe(404);
    expect(missing.headers['strict-transport-security']).toBe('max-age=31536000');
    const foreign = await get('/media/live/cam-01.flv', { Host: `attacker.example:${mediaPort}` }, mediaPort);
    expect(foreign.status).toBe(403);
  });
});

describe('readTlsIdentity', () => {
  const files = (certificate: string, key: string) => ({
    certificateFile: path.join(fixtures, certificate),
    keyFile: path.join(fixtures, key),
    certificateField: 'workspace.json server.tls.certificate',
    keyField: 'workspace.json server.tls.key',
  });

  it('lists the certificate’s exact names (no wildcards) and its fingerprints', () => {
    expect(identity.names).toEqual(['wall.tianmu.test', '127.0.0.1', '0:0:0:0:0:0:0:1']);
    expect(identity.fingerprint256).toMatch(/^[0-9a-f]{64}$/);
    expect(identity.spkiSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('refuses a key of another certificate, naming the field and both files', async () => {
    await expect(readTlsIdentity(files('certificate.pem', 'other-key.pem'))).rejects.toThrow(
      /^workspace\.json server\.tls\.key: .*other-key\.pem is not the key of .*certificate\.pem$/,
    );
  });

  it('refuses a missing file and a file that is not a certificate, naming the field', async () => {
    await expect(readTlsIdentity(files('missing.pem', 'key.pem'))).rejects.toThrow(
      /^workspace\.json server\.tls\.certificate: cannot read .*missing\.pem \(ENOENT\)$/,
    );
    await expect(readTlsIdentity(files('key.pem', 'key.pem'))).rejects.toThrow(
      /server\.tls\.certificate: .*key\.pem is not a PEM certificate/,
    );
    await expect(readTlsIdentity(files('certificate.pem', 'certificate.pem'))).rejects.toThrow(
      /server\.tls\.key: .*certificate\.pem is not a PEM private key/,
    );
  });
});

describe('securityHeaders', () => {
  it('sends HSTS only under TLS (over plain HTTP it would be ignored, and lie)', () => {
    expect(securityHeaders(true)).toHaveProperty('Strict-Transport-Security');
    expect(securityHeaders(false)).not.toHaveProperty('Strict-Transport-Security');
    expect(securityHeaders(false)).toMatchObject({
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
    });
  });
});
