// 无权限: a media server that refuses the viewer with HTTP 401/403 (an auth hook, an expired token) puts the tile
// in `forbidden`, not `offline`, through either engine, and the tile keeps retrying at its backoff.
// mpegts.js and hls.js are fakes here; tests/e2e/video-faults.spec.ts refuses a real HTTP-FLV stream.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  const created: { engine: 'mpegts' | 'hls'; emit: (event: string, ...args: unknown[]) => void }[] = [];
  class Emitter {
    readonly listeners = new Map<string, Listener>();
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
    }
    off() {}
    emit(event: string, ...args: unknown[]) {
      this.listeners.get(event)?.(...args);
    }
  }
  class FakeHls extends Emitter {
    static isSupported = () => true;
    static Events = { BUFFER_CODECS: 'hlsBufferCodecs', FRAG_LOADED: 'hlsFragLoaded', ERROR: 'hlsError' };
    static ErrorTypes = { NETWORK_ERROR: 'networkError', MEDIA_ERROR: 'mediaError' };
    static ErrorDetails = {};
    constructor() {
      super();
      created.push({ engine: 'hls', emit: (event, ...args) => this.emit(event, ...args) });
    }
    attachMedia() {}
    loadSource() {}
    stopLoad() {}
    detachMedia() {}
    destroy() {}
  }
  class FakeMpegtsPlayer extends Emitter {
    constructor() {
      super();
      created.push({ engine: 'mpegts', emit: (event, ...args) => this.emit(event, ...args) });
    }
    attachMediaElement() {}
    load() {}
    play() {
      return Promise.resolve();
    }
    pause() {}
    unload() {}
    detachMediaElement() {}
    destroy() {}
  }
  const mpegts = {
    createPlayer: () => new FakeMpegtsPlayer(),
    isSupported: () => true,
    Events: { ERROR: 'error', MEDIA_INFO: 'media_info', LOADING_COMPLETE: 'loading_complete' },
    ErrorTypes: { NETWORK_ERROR: 'NetworkError', MEDIA_ERROR: 'MediaError' },
    ErrorDetails: { MEDIA_CODEC_UNSUPPORTED: 'CodecUnsupported', MEDIA_MSE_ERROR: 'MediaMSEError' },
    LoggingControl: { applyConfig: () => undefined },
  };
  return { FakeHls, mpegts, created };
});
vi.mock('hls.js', () => ({ default: fake.FakeHls }));
vi.mock('mpegts.js', () => ({ default: fake.mpegts }));

const { TilePlayer } = await import('./tile-player');

let container: HTMLElement;

beforeEach(() => {
  vi.useFakeTimers();
  fake.created.length = 0;
  container = document.createElement('div');
  document.body.append(container);
  vi.stubGlobal('MediaSource', { isTypeSupported: () => true });
});
afterEach(() => {
  container.remove();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('TilePlayer refused by the media server', () => {
  it('HTTP-FLV answered 403: forbidden (not offline), then a new attempt after the backoff', async () => {
    const tile = new TilePlayer(
      container,
      { url: 'http://127.0.0.1:9/live/cam.flv', kind: 'http-flv' },
      { random: () => 0 },
    );
    fake.created[0]!.emit('error', 'NetworkError', 'HttpStatusCodeInvalid', { code: 403, msg: 'Forbidden' });
    await vi.advanceTimersByTimeAsync(0);
    expect(tile.status).toMatchObject({ state: 'forbidden', reconnectAttempt: 1 });
    expect(tile.status.detail).toContain('HttpStatusCodeInvalid');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(fake.created).toHaveLength(2);
    expect(tile.status.state).toBe('reconnecting');

    // Any other HTTP failure stays offline.
    fake.created[1]!.emit('error', 'NetworkError', 'HttpStatusCodeInvalid', {
      code: 502,
      msg: 'Bad Gateway',
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(tile.status.state).toBe('offline');
    tile.dispose();
  });

  it('HLS playlist answered 401: forbidden', async () => {
    const tile = new TilePlayer(container, { url: 'http://127.0.0.1:9/live/index.m3u8', kind: 'hls' });
    await vi.waitFor(() => expect(fake.created).toHaveLength(1));
    fake.created[0]!.emit('hlsError', 'hlsError', {
      fatal: true,
      type: 'networkError',
      details: 'manifestLoadError',
      response: { code: 401, text: 'Unauthorized' },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(tile.status.state).toBe('forbidden');
    expect(tile.status.detail).toBe('manifestLoadError (HTTP 401)');
    tile.dispose();
  });
});
