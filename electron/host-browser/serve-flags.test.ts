// serve's server flags: --listen or --port (not both), both TLS files or neither, names checked, and the real
// command refusing to listen off loopback without TLS.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { serveServerOptions } from './serve-flags';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cwd = path.resolve('/srv/tianmu');

describe('serveServerOptions', () => {
  it('leaves the address to the workspace (else 127.0.0.1:7300) without --listen or --port', () => {
    expect(serveServerOptions({}, cwd)).toEqual({ defaultPort: 7300 });
  });

  it('reads --listen and --port (loopback)', () => {
    expect(serveServerOptions({ listen: '[::]:7443' }, cwd)).toMatchObject({ host: '::', port: 7443 });
    expect(serveServerOptions({ port: '0' }, cwd)).toMatchObject({ host: '127.0.0.1', port: 0 });
  });

  it('resolves the TLS files against the working directory and passes names and --insecure-lan', () => {
    expect(
      serveServerOptions(
        {
          listen: '0.0.0.0:7443',
          'tls-cert': 'tls/wall.pem',
          'tls-key': '/etc/tianmu/wall.key',
          name: ['wall.room.cn'],
        },
        cwd,
      ),
    ).toEqual({
      defaultPort: 7300,
      host: '0.0.0.0',
      port: 7443,
      tls: { certificateFile: path.join(cwd, 'tls/wall.pem'), keyFile: path.resolve('/etc/tianmu/wall.key') },
      names: ['wall.room.cn'],
    });
    expect(serveServerOptions({ listen: '0.0.0.0:7300', 'insecure-lan': true }, cwd)).toMatchObject({
      insecureLan: true,
    });
  });

  it('refuses contradictory or malformed flags, naming them', () => {
    expect(() => serveServerOptions({ listen: '0.0.0.0:1', port: '2' }, cwd)).toThrow('not both');
    expect(() => serveServerOptions({ 'tls-cert': 'c.pem' }, cwd)).toThrow(
      'give both --tls-cert FILE and --tls-key',
    );
    expect(() => serveServerOptions({ port: '7e3' }, cwd)).toThrow("--port: '7e3' is not a port");
    expect(() => serveServerOptions({ listen: '0.0.0.0' }, cwd)).toThrow(
      "--listen: '0.0.0.0' is not ADDRESS:PORT",
    );
    expect(() => serveServerOptions({ name: ['wall/room'] }, cwd)).toThrow("--name: 'wall/room' is not");
  });
});

describe('tianmu serve off loopback', () => {
  it('exits non-zero without TLS and says why and what to give, before listening', async () => {
    const run = promisify(execFile);
    const failure = await run(
      path.join(root, 'node_modules/.bin/tsx'),
      [
        '--tsconfig',
        'tsconfig.node.json',
        path.join(root, 'electron/cli.ts'),
        'serve',
        '--listen',
        '0.0.0.0:0',
      ],
      { cwd: root },
    ).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure).not.toBeNull();
    expect(failure!.code).toBe(1);
    expect(failure!.stderr).toMatch(/^tianmu: refusing to listen on 0\.0\.0\.0 without TLS/);
    expect(failure!.stderr).toContain('--tls-cert FILE --tls-key FILE');
    expect(failure!.stderr).toContain('--insecure-lan');
    expect(failure!.stdout).not.toContain('press Ctrl+C');
  }, 30_000);
});
