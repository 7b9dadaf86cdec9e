// HLS tiles: hls.js keeps its own live edge (TilePlayer's latency controller must not chase a 1 s target inside
// whole-segment buffers), and a segment's EXT-X-PROGRAM-DATE-TIME gives the latency figure its transit part.
// hls.js and mpegts.js are fakes here; real playback is tests/e2e/video-hls.spec.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (event: string, data: unknown) => void;

const fake = vi.hoisted(() => {
  class FakeHls {
    static instances: FakeHls[] = [];
    static config: Record<string, unknown> | undefined;
    static isSupported = () => true;
    static Events = { BUFFER_CODECS: 'hlsBufferCodecs', FRAG_LOADED: 'hlsFragLoaded', ERROR: 'hlsError' };
    static ErrorTypes = { NETWORK_ERROR: 'networkError', MEDIA_ERROR: 'mediaError' };
    static ErrorDetails = {};
    readonly listeners = new Map<string, Listener>();
    constructor(config: Record<string, unknown>) {
      FakeHls.config = config;
      FakeHls.instances.push(this);
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
    }
    emit(event: string, data: unknown) {
      this.listeners.get(event)?.(event, data);
    }
    attachMedia() {}
    loadSource() {}
    stopLoad() {}
    detachMedia() {}
    destroy() {}
  }
  class FakeMpegtsPlayer {
    on() {}
    off() {}
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
    Events: {},
    ErrorTypes: {},
    ErrorDetails: {},
    LoggingControl: { applyConfig: () => undefined },
  };
  return { FakeHls, mpegts };
});
vi.mock('hls.js', () => ({ default: fake.FakeHls }));
vi.mock('mpegts.js', () => ({ default: fake.mpegts }));

const { TilePlayer } = await import('./tile-player');

let container: HTMLElement;
let frames = 0;

/** A playing tile whose element holds 5 s of buffer ahead of the playhead: far behind a 1 s target. */
async function playingTile(kind: 'hls' | 'http-flv') {
  const tile = new TilePlayer(
    container,
    {
      url: kind === 'hls' ? 'http://127.0.0.1:9/media/hls/cam-01/index.m3u8' : 'http://127.0.0.1:9/x.flv',
      kind,
    },
    { readDecodedFrames: () => frames, watchdogIntervalMs: 1_000, latencyTargetMs: 1_000 },
  );
  Object.defineProperty(tile.video, 'buffered', {
    value: { length: 1, start: () => 0, end: () => 5 },
  });
  tile.video.play = () => Promise.resolve();
  if (kind === 'hls') await vi.waitFor(() => expect(fake.FakeHls.instances).toHaveLength(1));
  for (let second = 0; second < 3; second++) {
    frames += 25;
    await vi.advanceTimersByTimeAsync(1_000);
  }
  expect(tile.status.state).toBe('playing');
  return tile;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-21T08:00:00Z'));
  fake.FakeHls.instances.length = 0;
  container = document.createElement('div');
  document.body.append(container);
  frames = 0;
  vi.stubGlobal('MediaSource', { isTypeSupported: () => true });
});

afterEach(() => {
  container.remove();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('HLS engine in a tile', () => {
  it('leaves the live edge to hls.js: no seek, no speed-up, however much is buffered', async () => {
    const tile = await playingTile('hls');
    expect(fake.FakeHls.config).toMatchObject({ maxLiveSyncPlaybackRate: 1.05, liveDurationInfinity: true });
    expect(tile.video.currentTime).toBe(0);
    expect(tile.video.playbackRate).toBe(1);
    tile.dispose();
  });

  it('while an HTTP-FLV tile with the same buffer jumps towards its live edge (the controller at work)', async () => {
    const tile = await playingTile('http-flv');
    expect(tile.video.currentTime).toBeGreaterThan(4);
    tile.dispose();
  });

  it("dates a loaded segment's last frame from EXT-X-PROGRAM-DATE-TIME for the latency figure", async () => {
    const tile = await playingTile('hls');
    const loadedAt = Date.now();
    fake.FakeHls.instances[0]!.emit('hlsFragLoaded', {
      frag: {
        duration: 1,
        programDateTime: loadedAt - 1_400,
        stats: { loaded: 65_000, loading: { start: 0, end: 50 } },
      },
    });
    await Promise.resolve();
    const figures = tile.statistics();
    expect(figures.transitMs).toBe(400);
    expect(figures.bitsPerSecond).toBe(520_000);
    tile.dispose();
  });
});
