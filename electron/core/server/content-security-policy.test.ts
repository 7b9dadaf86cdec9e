// The renderer's CSP names exactly the hosts the workspace configures: its connect-src is no longer any ws:/http:.
import { describe, expect, it } from 'vitest';
import { defaultBaseMapCatalogue, type BaseMapCatalogue } from '@shared/model/base-map';
import type { Platform } from '@shared/model/camera';
import { contentSecurityPolicy, templateSource } from './content-security-policy';

const platform = (id: string, main: string, sub = main): Platform => ({
  id,
  name: id,
  vendor: 'other',
  kind: 'ws-flv',
  url: { main, sub },
});

function connectSources(policy: string): string[] {
  const directive = policy.split('; ').find((entry) => entry.startsWith('connect-src '));
  return directive!.split(' ').slice(1);
}

describe('contentSecurityPolicy', () => {
  it('lets pages connect to the core, its media addresses and the configured stream and tile hosts only', () => {
    const baseMaps = {
      ...defaultBaseMapCatalogue,
      baseMaps: [
        ...defaultBaseMapCatalogue.baseMaps,
        {
          id: 'tianditu',
          name: { zh: '天地图', en: 'Tianditu' },
          crs: 'cgcs2000',
          type: 'wmts',
          url: 'https://t{0-7}.tianditu.gov.cn/vec_w/wmts?tk={token}',
          layer: 'vec',
          matrixSet: 'w',
          format: 'tiles',
          style: 'default',
          minZoom: 0,
          maxZoom: 18,
        },
      ],
    } as BaseMapCatalogue;
    const policy = contentSecurityPolicy({
      mediaHosts: ['127.0.0.1:7300', '127.0.0.1:7301'],
      platforms: [
        platform('demo', 'ws://{origin}/media/live/{streamId}.flv'),
        platform(
          'zlm',
          'ws://10.20.0.5:8080/live/{streamId}.live.flv',
          'http://10.20.0.5:8080/{streamId}.flv',
        ),
      ],
      baseMaps,
    });
    expect(connectSources(policy)).toEqual([
      "'self'",
      'http://127.0.0.1:7300',
      'ws://127.0.0.1:7300',
      'http://127.0.0.1:7301',
      'ws://127.0.0.1:7301',
      'ws://10.20.0.5:8080',
      'http://10.20.0.5:8080',
      'https://*.tianditu.gov.cn',
    ]);
    for (const broad of ['ws:', 'wss:', 'http:', 'https:', '*'])
      expect(connectSources(policy)).not.toContain(broad);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it('reads the source of a template: user info dropped, a templated host label as *, a templated host as its scheme', () => {
    expect(templateSource('wss://user:pass@media.example.cn:443/a/{streamId}')).toBe(
      'wss://media.example.cn:443',
    );
    expect(templateSource('http://{a-c}.tile.example.org/{z}/{x}/{y}.png')).toBe('http://*.tile.example.org');
    expect(templateSource('ws://{host}:8080/{streamId}')).toBe('ws:');
    expect(templateSource('ws://{origin}/media/live/{streamId}.flv')).toBeNull();
    expect(templateSource('/relative/{streamId}')).toBeNull();
  });
});
