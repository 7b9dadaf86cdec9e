// The command line overrides the workspace's server block, workspace paths are relative to it, and off
// loopback nothing starts without TLS unless --insecure-lan says so.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Platform } from '@shared/model/camera';
import { advertisedHost, resolveServerSettings, withCoreScheme } from './server-settings';

const workspaceDir = path.resolve('/rooms/district');

describe('resolveServerSettings', () => {
  it('listens on loopback, any free port, over plain HTTP when nothing is configured', () => {
    expect(resolveServerSettings({}, undefined, workspaceDir)).toEqual({
      listen: { host: '127.0.0.1', port: 0 },
      tls: null,
      names: [],
      scheme: 'http',
      isInsecureLan: false,
    });
  });

  it('takes the workspace block, with certificate paths relative to the workspace', () => {
    const settings = resolveServerSettings(
      {},
      {
        listen: '0.0.0.0:7443',
        names: ['wall.room.cn'],
        tls: { certificate: 'tls/wall.pem', key: 'tls/wall.key' },
      },
      workspaceDir,
    );
    expect(settings).toMatchObject({
      listen: { host: '0.0.0.0', port: 7443 },
      names: ['wall.room.cn'],
      scheme: 'https',
      isInsecureLan: false,
      tls: {
        certificateFile: path.join(workspaceDir, 'tls', 'wall.pem'),
        keyFile: path.join(workspaceDir, 'tls', 'wall.key'),
        certificateField: 'workspace.json server.tls.certificate',
      },
    });
  });

  it('lets --listen and --tls-cert/--tls-key override the workspace', () => {
    const settings = resolveServerSettings(
      {
        listen: { host: '192.168.1.20', port: 443 },
        tls: { certificateFile: '/etc/c.pem', keyFile: '/etc/k.pem' },
      },
      { listen: '0.0.0.0:7443', tls: { certificate: 'a.pem', key: 'b.pem' } },
      workspaceDir,
    );
    expect(settings.listen).toEqual({ host: '192.168.1.20', port: 443 });
    expect(settings.tls).toMatchObject({ certificateFile: '/etc/c.pem', certificateField: '--tls-cert' });
  });

  it('refuses a workspace that listens off loopback without TLS', () => {
    expect(() => resolveServerSettings({}, { listen: '0.0.0.0:7443' }, workspaceDir)).toThrow(
      /^refusing to listen on 0\.0\.0\.0 without TLS/,
    );
  });

  it('starts plain HTTP off loopback with --insecure-lan only, flagged', () => {
    expect(
      resolveServerSettings(
        { listen: { host: '::', port: 7300 }, insecureLan: true },
        undefined,
        workspaceDir,
      ),
    ).toMatchObject({ scheme: 'http', isInsecureLan: true });
  });

  it('names a malformed workspace listen address by its field', () => {
    expect(() => resolveServerSettings({}, { listen: '[wall]:1' }, workspaceDir)).toThrow(
      /^workspace\.json server\.listen: /,
    );
  });
});

describe('advertisedHost', () => {
  it('names a wildcard listener by the configured name, else the certificate’s, else loopback', () => {
    expect(advertisedHost('0.0.0.0', ['wall.room.cn'], ['other.room.cn'])).toBe('wall.room.cn');
    expect(advertisedHost('0.0.0.0', [], ['other.room.cn'])).toBe('other.room.cn');
    expect(advertisedHost('0.0.0.0', [], [])).toBe('127.0.0.1');
    expect(advertisedHost('::', [], [])).toBe('[::1]');
    expect(advertisedHost('::', [], ['0:0:0:0:0:0:0:1'])).toBe('[::1]');
  });

  it('names any other listener by its own address', () => {
    expect(advertisedHost('192.168.1.20', ['wall.room.cn'], [])).toBe('192.168.1.20');
    expect(advertisedHost('fe80::1', [], [])).toBe('[fe80::1]');
  });
});

describe('withCoreScheme', () => {
  const demo = {
    id: 'demo',
    url: {
      main: 'ws://{origin}/media/live/{streamId}.flv',
      sub: 'http://{origin}/media/hls/{streamId}/index.m3u8',
    },
  } as unknown as Platform;
  const external = {
    id: 'wvp',
    url: { main: 'ws://10.0.0.9/live/{streamId}.flv', sub: 'http://10.0.0.9/live/{streamId}.flv' },
  } as unknown as Platform;

  it('turns the demo media server’s ws:// and http:// into wss:// and https:// under TLS (no mixed content)', () => {
    expect(withCoreScheme(demo, 'https').url).toEqual({
      main: 'wss://{origin}/media/live/{streamId}.flv',
      sub: 'https://{origin}/media/hls/{streamId}/index.m3u8',
    });
  });

  it('leaves other platforms and plain HTTP alone', () => {
    expect(withCoreScheme(external, 'https')).toEqual(external);
    expect(withCoreScheme(demo, 'http')).toBe(demo);
  });
});
