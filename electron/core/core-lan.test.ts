// The core configured for the LAN by its workspace's `server` block: HTTPS and WSS with the workspace's
// certificate, demo streams over wss:// (no mixed content), the server block kept from windows, and no start
// at all off loopback without TLS. Real sockets on 127.0.0.1 (TLS is what is tested, not the interface).
/* eslint-disable @typescript-eslint/no-explicit-any -- replies are raw JSON, checked field by field below */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { get as httpsGet } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from './index';
import { workspaceHandlers } from './workspace/workspace-handlers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const clipsDir = path.join(root, 'resources/media/clips');

describe('core with the workspace’s server block (TLS)', () => {
  let core: Core;
  let directory: string;
  let certificate: string;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'tianmu-lan-'));
    const workspaceDir = path.join(directory, 'workspace');
    await cp(path.join(root, 'resources/demo'), workspaceDir, { recursive: true });
    await cp(path.join(root, 'tests/fixtures/tls'), path.join(workspaceDir, 'tls'), { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(workspaceDir, 'workspace.json'), 'utf8'));
    manifest.server = {
      listen: '127.0.0.1:0',
      names: ['wall.room.test'],
      tls: { certificate: 'tls/certificate.pem', key: 'tls/key.pem' },
    };
    await writeFile(path.join(workspaceDir, 'workspace.json'), JSON.stringify(manifest));
    await mkdir(path.join(directory, 'renderer'));
    await writeFile(path.join(directory, 'renderer/index.html'), '<!doctype html><title>test</title>');
    certificate = await readFile(path.join(root, 'tests/fixtures/tls/certificate.pem'), 'utf8');
    core = await createCore(workspaceDir, {
      clipsDir,
      accessToken: 'secret-token',
      stateDir: path.join(directory, 'state'),
      rendererDir: path.join(directory, 'renderer'),
      log: () => {},
    });
  });
  afterAll(async () => {
    await core?.close();
    await rm(directory, { recursive: true, force: true });
  });

  function open(url: string, origin?: string): Promise<WebSocket> {
    const socket = new WebSocket(url, { ca: certificate, ...(origin ? { origin } : {}) });
    return new Promise((resolve, reject) => socket.once('open', () => resolve(socket)).once('error', reject));
  }

  function request(socket: WebSocket, name: string, params: unknown): Promise<any> {
    return new Promise((resolve) => {
      const id = Math.floor(Math.random() * 1e9);
      socket.on('message', (data) => {
        const message = JSON.parse(String(data));
        if (message.id === id) resolve(message);
      });
      socket.send(JSON.stringify({ type: 'request', id, name, params }));
    });
  }

  it('serves HTTPS and tells the shell which certificate it serves', () => {
    expect(core.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(core.server).toMatchObject({
      scheme: 'https',
      isInsecureLan: false,
      names: ['wall.room.test', 'wall.tianmu.test', '127.0.0.1', '0:0:0:0:0:0:0:1'],
      certificate: { fingerprint256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
  });

  it('says hello over WSS without the server block and without the insecure flag', async () => {
    const socket = await open(`${core.origin.replace('https', 'wss')}/ws?token=secret-token`, core.origin);
    const hello = await request(socket, 'session.hello', { role: 'console' });
    socket.close();
    expect(hello.ok).toBe(true);
    expect(hello.result.manifest.name.zh).toBe('天幕演示工作区');
    expect(hello.result.manifest).not.toHaveProperty('server');
    expect(hello.result).not.toHaveProperty('insecureLan');
  });

  it('hands out demo streams as wss:// that play, and lists them so in the page’s CSP', async () => {
    const socket = await open(`${core.origin.replace('https', 'wss')}/ws?token=secret-token`);
    const resolved = await request(socket, 'media.resolve', { cameraId: 'cam-0001', profile: 'sub' });
    socket.close();
    const url: string = resolved.result.url;
    expect(url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/media\/live\/cam-0\d\.flv$/);
    const stream = await open(url, core.origin);
    const first = await new Promise<Buffer>((resolve) =>
      stream.once('message', (data) => resolve(data as Buffer)),
    );
    stream.close();
    expect(first.subarray(0, 3).toString('latin1')).toBe('FLV');

    const page = await new Promise<{ policy: string }>((resolve, reject) => {
      httpsGet(`${core.origin}/`, { ca: certificate }, (response) => {
        response.resume();
        resolve({ policy: String(response.headers['content-security-policy']) });
      }).once('error', reject);
    });
    const host = new URL(url).host;
    expect(page.policy).toContain(`wss://${host}`);
    expect(page.policy).toContain(`https://${host}`);
    expect(page.policy).not.toContain(`ws://${host}`);
  });
});

describe('core off loopback', () => {
  it('refuses to start on 0.0.0.0 without TLS, saying how to fix it', async () => {
    await expect(
      createCore(path.join(root, 'resources/demo'), { clipsDir, host: '0.0.0.0' }),
    ).rejects.toThrow(
      /^refusing to listen on 0\.0\.0\.0 without TLS.*--tls-cert FILE --tls-key FILE.*--insecure-lan/,
    );
  });
});

describe('session.hello on an insecure LAN', () => {
  it('carries insecureLan: true for the banner of every window', async () => {
    const workspace = {
      manifest: { format: 'tianmu-workspace/1', server: { listen: '0.0.0.0:7300' } },
      wall: {},
      indicators: [],
    } as any;
    const wall = { scenarios: { summaries: () => [] }, state: {}, stateHash: 'h' } as any;
    const session = { role: 'unknown' } as any;
    const insecure = await workspaceHandlers(workspace, wall, 4_000, { isInsecureLan: true })[
      'session.hello'
    ]({ role: 'wall', displayId: 'left' }, { session } as any);
    const secure = await workspaceHandlers(workspace, wall, 4_000)['session.hello']({ role: 'console' }, {
      session,
    } as any);
    expect(insecure).toMatchObject({ insecureLan: true });
    expect(insecure.manifest).not.toHaveProperty('server');
    expect(secure).not.toHaveProperty('insecureLan');
  });
});
