// 无权限: a media server that refuses the viewer with HTTP 401/403 (an auth hook, an expired token) puts the tile
// in `forbidden`, not `offline`, and the tile keeps retrying at its backoff. The engine is the shared FakeEngine;
// which refusals each engine reports as forbidden is tested in mpegts-engine.test.ts and hls-engine.test.ts, and
// tests/e2e/video-faults.spec.ts refuses a real HTTP-FLV stream.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeEngines, type FakeEngines } from '../../../tests/support/renderer/fake-engine';
import { TilePlayer } from './tile-player';

let container: HTMLElement;
let engines: FakeEngines;

beforeEach(() => {
  vi.useFakeTimers();
  engines = fakeEngines();
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  container.remove();
  vi.useRealTimers();
});

describe('TilePlayer refused by the media server', () => {
  it('HTTP-FLV answered 403: forbidden (not offline), then a new attempt after the backoff', async () => {
    const tile = new TilePlayer(
      container,
      { url: 'http://127.0.0.1:9/live/cam.flv', kind: 'http-flv' },
      { engines: engines.table, random: () => 0 },
    );
    engines.created[0]!.handlers.onForbidden('HttpStatusCodeInvalid: Forbidden');
    expect(tile.status).toMatchObject({ state: 'forbidden', reconnectAttempt: 1 });
    expect(tile.status.detail).toContain('HttpStatusCodeInvalid');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(engines.created).toHaveLength(2);
    expect(tile.status.state).toBe('reconnecting');

    // Any other HTTP failure stays offline.
    engines.created[1]!.handlers.onNetworkError('HttpStatusCodeInvalid: Bad Gateway');
    expect(tile.status.state).toBe('offline');
    tile.dispose();
  });

  it('HLS playlist answered 401: forbidden', () => {
    const tile = new TilePlayer(
      container,
      { url: 'http://127.0.0.1:9/live/index.m3u8', kind: 'hls' },
      { engines: engines.table },
    );
    engines.created[0]!.handlers.onForbidden('manifestLoadError (HTTP 401)');
    expect(tile.status.state).toBe('forbidden');
    expect(tile.status.detail).toBe('manifestLoadError (HTTP 401)');
    tile.dispose();
  });
});
