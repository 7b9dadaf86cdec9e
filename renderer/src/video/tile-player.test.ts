// TilePlayer's state machine with a fake engine (the one FakeEngine of tests/support): what a tile shows as the
// stream behaves. The engines themselves are tested in mpegts-engine.test.ts and hls-engine.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeEngines, type FakeEngines } from '../../../tests/support/renderer/fake-engine';
import { startupHoldMs, TilePlayer, type TilePlayerStatus } from './tile-player';
import { videoCounts } from './player-count';
import { pendingReleases, releasePending } from './release-queue';

const source = { url: 'ws://127.0.0.1:9/media/live/cam-01.flv', kind: 'ws-flv' } as const;

let engines: FakeEngines;
let container: HTMLElement;
let frames: number;
let states: TilePlayerStatus[];
let player: TilePlayer | undefined;

function createPlayer(options: { kind?: 'ws-flv' | 'ws-ts' | 'http-flv' | 'hls' } = {}): TilePlayer {
  player = new TilePlayer(
    container,
    { ...source, kind: options.kind ?? source.kind },
    // Whole-second watchdog looks keep the timings below easy to follow; the default looks twice a second.
    { engines: engines.table, random: () => 0, readDecodedFrames: () => frames, watchdogIntervalMs: 1_000 },
  );
  player.onStateChanged((status) => states.push(status));
  return player;
}

/**
 * Stubs `requestVideoFrameCallback`: the returned function presents a frame of a video element, as Chromium does
 * when a decoded frame reaches the screen; `restore()` removes the stub.
 */
function stubFramePresentation(): ((video: HTMLVideoElement) => void) & { restore(): void } {
  const callbacks = new Map<HTMLVideoElement, () => void>();
  const prototype = HTMLVideoElement.prototype as { requestVideoFrameCallback?: unknown };
  prototype.requestVideoFrameCallback = function (this: HTMLVideoElement, callback: () => void) {
    callbacks.set(this, callback);
    return 1;
  };
  const present = (video: HTMLVideoElement) => callbacks.get(video)!();
  return Object.assign(present, { restore: () => delete prototype.requestVideoFrameCallback });
}

/** Makes `play()`/`pause()` of a (jsdom) video element change `paused`; returns a reading of it. */
function stubPlayback(video: HTMLVideoElement): () => boolean {
  let isPaused = true;
  Object.defineProperty(video, 'paused', { get: () => isPaused });
  video.play = () => ((isPaused = false), Promise.resolve());
  video.pause = () => void (isPaused = true);
  return () => isPaused;
}

/**
 * The element starts on a server's cached GOP: 0.9 s buffered ahead of the key frame at 10 s. Returns the
 * playhead, which moves only when the player seeks.
 */
function startOnCachedGop(video: HTMLVideoElement): () => number {
  let currentTime = 10;
  Object.defineProperty(video, 'buffered', { get: () => ({ length: 1, start: () => 10, end: () => 10.9 }) });
  Object.defineProperty(video, 'currentTime', {
    get: () => currentTime,
    set: (time: number) => (currentTime = time),
  });
  return () => currentTime;
}

/** A new tile on a cached GOP, with play/pause stubbed, shows its first frame. */
function showFirstPicture(presentFrame: (video: HTMLVideoElement) => void) {
  const tile = createPlayer();
  const playhead = startOnCachedGop(tile.video);
  const isPaused = stubPlayback(tile.video);
  frames = 1;
  presentFrame(tile.video);
  return { tile, playhead, isPaused };
}

/** A playing tile whose element holds 5 s of buffer ahead of the playhead: far behind a 1 s target. */
function playingTileWithBuffer(kind: 'hls' | 'http-flv'): TilePlayer {
  const tile = createPlayer({ kind });
  Object.defineProperty(tile.video, 'buffered', { value: { length: 1, start: () => 0, end: () => 5 } });
  tile.video.play = () => Promise.resolve();
  decode(3);
  expect(tile.status.state).toBe('playing');
  return tile;
}

/** Frames advance for `seconds` of watchdog ticks. */
function decode(seconds: number): void {
  for (let second = 0; second < seconds; second++) {
    frames += 25;
    vi.advanceTimersByTime(1_000);
  }
}

const lastEngine = () => engines.last();

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-21T08:00:00Z'));
  engines = fakeEngines();
  container = document.createElement('div');
  document.body.append(container);
  frames = 0;
  states = [];
  vi.stubGlobal('MediaSource', { isTypeSupported: (type: string) => !type.includes('hvc1') });
});

afterEach(() => {
  player?.dispose();
  player = undefined;
  releasePending();
  container.remove();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('TilePlayer', () => {
  it("starts one engine for the stream's kind, feeding a muted inline video, without audio", () => {
    const tile = createPlayer();
    expect(engines.created).toHaveLength(1);
    expect(lastEngine().stream).toEqual({ url: source.url, kind: 'ws-flv', hasAudio: false });
    expect(lastEngine().video).toBe(tile.video);
    expect(lastEngine().calls).toEqual(['start']);
    expect(tile.video.parentElement).toBe(container);
    expect(tile.video.muted).toBe(true);
    expect(tile.video.autoplay).toBe(true);
    expect(tile.video.playsInline).toBe(true);
    expect(tile.status.state).toBe('connecting');
  });

  it('plays each stream kind with the engine its table names (HLS through the HLS engine only)', () => {
    const hls = fakeEngines();
    engines = { ...engines, table: { ...engines.table, hls: hls.table.hls } };
    createPlayer({ kind: 'hls' }).dispose();
    expect(hls.created.map((engine) => engine.stream.kind)).toEqual(['hls']);
    expect(engines.created).toHaveLength(0);
    createPlayer({ kind: 'http-flv' });
    expect(engines.created.map((engine) => engine.stream.kind)).toEqual(['http-flv']);
    expect(hls.created).toHaveLength(1);
  });

  it('shows unsupported without connecting when the table has no engine for the kind, or the browser none at all', () => {
    engines = { ...engines, table: {} };
    expect(createPlayer({ kind: 'hls' }).status).toMatchObject({
      state: 'unsupported',
      codec: 'HLS',
      detail: 'stream kind hls',
    });
    player?.dispose();
    engines = fakeEngines({ unavailable: { codec: 'MSE', detail: 'MediaSource is not available' } });
    const tile = createPlayer();
    expect(tile.status).toMatchObject({ state: 'unsupported', codec: 'MSE' });
    vi.advanceTimersByTime(60_000);
    expect(engines.created).toHaveLength(0);
  });

  it('shows playing once decoded frames advance, with the time of the last frame', async () => {
    const tile = createPlayer();
    decode(2);
    expect(tile.status.state).toBe('playing');
    expect(tile.status.lastFrameAt).toBe(Date.now());
    expect(states.map((status) => status.state)).toEqual(['playing']);
  });

  it('marks a tile stalled after 10 s without a new frame, then recreates the player', async () => {
    const tile = createPlayer();
    decode(3);
    const frozenAt = Date.now();
    vi.advanceTimersByTime(10_000);
    expect(tile.status).toMatchObject({ state: 'stalled', reconnectAttempt: 1, lastFrameAt: frozenAt });
    expect(engines.created[0]!.calls).toEqual(['start', 'destroy']);

    vi.advanceTimersByTime(1_000); // first backoff step with no jitter
    expect(tile.status).toMatchObject({ state: 'reconnecting', reconnectAttempt: 1, reconnectCount: 1 });
    expect(engines.created).toHaveLength(2);

    decode(2);
    expect(tile.status).toMatchObject({ state: 'playing', reconnectAttempt: 0, reconnectCount: 1 });
  });

  it('keeps backing off when a reconnect plays only briefly, and starts over after stable playback', async () => {
    const tile = createPlayer();
    decode(60);
    vi.advanceTimersByTime(10_000);
    expect(tile.status).toMatchObject({ state: 'stalled', reconnectAttempt: 1 });
    vi.advanceTimersByTime(1_000);

    decode(1); // a second of the server's key-frame cache, then frozen again
    expect(tile.status).toMatchObject({ state: 'playing', reconnectAttempt: 0 });
    vi.advanceTimersByTime(10_000);
    expect(tile.status).toMatchObject({ state: 'stalled', reconnectAttempt: 2 });
    vi.advanceTimersByTime(2_000);

    decode(40); // stable again
    vi.advanceTimersByTime(10_000);
    expect(tile.status).toMatchObject({ state: 'stalled', reconnectAttempt: 1 });
  });

  it('starts the backoff over when the server closes a stream that played steadily for 3 s, not after 1 s', async () => {
    const tile = createPlayer();
    decode(2);
    lastEngine().handlers.onEnded();
    expect(tile.status).toMatchObject({ state: 'offline', reconnectAttempt: 1 });
    vi.advanceTimersByTime(1_000);
    decode(1);
    lastEngine().handlers.onEnded(); // closed again after a second: still backing off
    expect(tile.status).toMatchObject({ state: 'offline', reconnectAttempt: 2 });
    vi.advanceTimersByTime(2_000);
    decode(4);
    lastEngine().handlers.onEnded(); // after steady playback: a new outage, first step again
    expect(tile.status).toMatchObject({ state: 'offline', reconnectAttempt: 1 });
  });

  it('goes stalled when the first connection never decodes a frame', async () => {
    const tile = createPlayer();
    vi.advanceTimersByTime(10_000);
    expect(tile.status.state).toBe('stalled');
    expect(tile.status.lastFrameAt).toBeNull();
  });

  it('reconnects after network errors forever with growing, capped delays', async () => {
    const tile = createPlayer();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      lastEngine().handlers.onNetworkError('Exception: connection refused');
      expect(tile.status).toMatchObject({ state: 'offline', reconnectAttempt: attempt });
      const created = engines.created.length;
      let waited = 0;
      while (engines.created.length === created) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      delays.push(waited);
      expect(tile.status).toMatchObject({ state: 'reconnecting', reconnectAttempt: attempt });
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(tile.status.reconnectCount).toBe(8);
    expect(videoCounts().engines).toBe(1);
  });

  it('reports media errors as error and reconnects', async () => {
    const tile = createPlayer();
    lastEngine().handlers.onMediaError('FormatUnsupported: Non MPEG-TS/FLV, Unsupported media type!');
    expect(tile.status.state).toBe('error');
    expect(tile.status.detail).toContain('FormatUnsupported');
    vi.advanceTimersByTime(1_000);
    expect(engines.created).toHaveLength(2);
  });

  it('treats the end of a live stream as offline and reconnects', async () => {
    const tile = createPlayer();
    decode(1);
    lastEngine().handlers.onEnded();
    expect(tile.status.state).toBe('offline');
    vi.advanceTimersByTime(1_000);
    expect(tile.status.state).toBe('reconnecting');
  });

  it('reconnects after an engine that fails to start, as after a media error', () => {
    engines = fakeEngines();
    const create = engines.table['ws-flv']!.create;
    engines = {
      ...engines,
      table: {
        'ws-flv': {
          create: (...args) =>
            Object.assign(create(...args), {
              start: () => {
                throw new Error('no MSE');
              },
            }),
        },
      },
    };
    const tile = createPlayer();
    expect(tile.status).toMatchObject({ state: 'error', detail: 'no MSE', reconnectAttempt: 1 });
  });

  it('ignores events of a destroyed player so they never touch its successor', async () => {
    const tile = createPlayer();
    const first = lastEngine();
    first.handlers.onNetworkError('Exception: gone');
    vi.advanceTimersByTime(1_000);
    const second = lastEngine();
    expect(second).not.toBe(first);
    expect(first.isDestroyed).toBe(true);

    // Late events of the old engine, as a leaky emitter would deliver them.
    first.handlers.onNetworkError('Exception: late');
    first.handlers.onEnded();
    first.handlers.onUnsupported('H.265', 'MediaSource cannot play hvc1.1.6.L93.B0');
    expect(tile.status.state).toBe('reconnecting');
    expect(second.calls).not.toContain('destroy');
    expect(engines.created).toHaveLength(2);
  });

  it('ignores events captured before the player was replaced', async () => {
    const tile = createPlayer();
    const first = lastEngine();
    const { onNetworkError: lateError, onUnsupported: lateUnsupported } = first.handlers;
    first.handlers.onNetworkError('Exception: gone');
    vi.advanceTimersByTime(1_000);
    decode(1);
    lateError('Exception: late');
    lateUnsupported('H.265', 'MediaSource cannot play hvc1.1.6.L93.B0');
    expect(tile.status.state).toBe('playing');
    expect(lastEngine().calls).not.toContain('destroy');
  });

  it('shows H.265 as unsupported without a reconnect loop when MediaSource cannot play it', async () => {
    const tile = createPlayer({ kind: 'ws-ts' });
    lastEngine().handlers.onVideoCodec('hvc1.1.6.L93.B0');
    lastEngine().handlers.onUnsupported('H.265', 'MediaSource cannot play hvc1.1.6.L93.B0');
    expect(tile.status).toMatchObject({ state: 'unsupported', codec: 'H.265' });
    expect(lastEngine().isDestroyed).toBe(true);
    vi.advanceTimersByTime(10 * 60_000);
    expect(engines.created).toHaveLength(1);
    expect(tile.status.state).toBe('unsupported');
  });

  it('keeps playing H.264 that MediaSource supports', async () => {
    const tile = createPlayer();
    lastEngine().handlers.onVideoCodec('avc1.4d401e');
    decode(1);
    expect(tile.status.state).toBe('playing');
    expect(tile.statistics().videoCodec).toBe('avc1.4d401e');
  });

  it('shows an HLS stream as unsupported too, and reconnects HLS after a fatal network error with a new engine', async () => {
    const unsupported = createPlayer({ kind: 'hls' });
    lastEngine().handlers.onUnsupported('H.265', 'MediaSource cannot play hvc1.1.6.L93.B0');
    expect(unsupported.status).toMatchObject({ state: 'unsupported', codec: 'H.265' });
    unsupported.dispose();

    const tile = createPlayer({ kind: 'hls' });
    lastEngine().handlers.onNetworkError('manifestLoadError');
    expect(tile.status).toMatchObject({ state: 'offline', reconnectAttempt: 1 });
    vi.advanceTimersByTime(1_000);
    expect(engines.created).toHaveLength(3);
    expect(lastEngine().stream.kind).toBe('hls');
  });

  it('reports statistics: decoded frames per second, the send-to-arrival transit and the stream url', async () => {
    const tile = createPlayer();
    lastEngine().handlers.onSendTime(Date.now() - 120);
    decode(3);
    expect(tile.statistics()).toMatchObject({
      state: 'playing',
      transitMs: 120,
      framesPerSecond: 25,
      url: source.url,
    });
    expect(window.__tianmuVideo?.statistics()).toHaveLength(1);
  });

  it('jumps over a key-frame cache at its first frame, before the decoder has played through the GOP', () => {
    const presentFrame = stubFramePresentation();
    try {
      const tile = createPlayer();
      const playhead = startOnCachedGop(tile.video);
      frames = 1;
      presentFrame(tile.video);
      expect(tile.status.state).toBe('playing');
      // At once, not a watchdog tick later: the aim is 0.3 × the 1 s target behind the buffered end.
      expect(playhead()).toBeCloseTo(10.6, 5);
    } finally {
      presentFrame.restore();
    }
  });

  it('holds its first picture, paused, while another tile still waits for its own, then jumps to live', () => {
    const presentFrame = stubFramePresentation();
    let otherFrames = 0;
    const other = new TilePlayer(container, source, {
      engines: engines.table,
      readDecodedFrames: () => otherFrames,
    });
    try {
      const { tile, playhead, isPaused } = showFirstPicture(presentFrame);
      expect(tile.status.state).toBe('playing');
      // The other tile has no picture yet: playing on (or jumping, which decodes the GOP again) would take the
      // decoder time it is waiting for.
      expect(isPaused()).toBe(true);
      expect(playhead()).toBe(10);
      otherFrames = 1;
      presentFrame(other.video);
      expect(other.status.state).toBe('playing');
      expect(isPaused()).toBe(false);
      expect(playhead()).toBeCloseTo(10.6, 5);
    } finally {
      other.dispose();
      presentFrame.restore();
    }
  });

  it(`holds its first picture for other tiles ${startupHoldMs / 1000} s at most`, () => {
    const presentFrame = stubFramePresentation();
    // A camera that never plays (offline, reconnecting) must not keep every other tile still.
    const neverPlays = new TilePlayer(container, source, {
      engines: engines.table,
      readDecodedFrames: () => 0,
    });
    try {
      const { playhead, isPaused } = showFirstPicture(presentFrame);
      expect(isPaused()).toBe(true);
      vi.advanceTimersByTime(startupHoldMs - 1);
      expect(isPaused()).toBe(true);
      expect(playhead()).toBe(10);
      vi.advanceTimersByTime(1);
      expect(isPaused()).toBe(false);
      expect(playhead()).toBeCloseTo(10.6, 5);
      // A tile that has played for a while never holds again for a newcomer.
      frames = 60;
      vi.advanceTimersByTime(3_000);
      expect(isPaused()).toBe(false);
    } finally {
      neverPlays.dispose();
      presentFrame.restore();
    }
  });

  it('leaves the live edge to an engine that holds it (hls.js): no seek, no speed-up, however much is buffered', () => {
    engines = fakeEngines({ holdsLatency: ['hls'] });
    const tile = playingTileWithBuffer('hls');
    expect(tile.video.currentTime).toBe(0);
    expect(tile.video.playbackRate).toBe(1);
  });

  it('while an HTTP-FLV tile with the same buffer jumps towards its live edge (the controller at work)', () => {
    engines = fakeEngines({ holdsLatency: ['hls'] });
    const tile = playingTileWithBuffer('http-flv');
    expect(tile.video.currentTime).toBeGreaterThan(4);
  });

  it('dispose stops the player at once and releases its MediaSource and video when the page is idle', async () => {
    const before = videoCounts();
    const tile = createPlayer();
    expect(videoCounts()).toEqual({
      players: before.players + 1,
      engines: before.engines + 1,
      videoElements: before.videoElements + 1,
    });
    expect(window.__tianmuVideo?.players).toBe(before.players + 1);
    decode(1);
    const listener = vi.fn();
    tile.onStateChanged(listener);

    tile.video.setAttribute('src', 'blob:media-source');
    tile.dispose();
    // At once: the engine stopped (its connection closed: mpegts-engine.test.ts), the element out of the document.
    expect(engines.created[0]!.calls).toEqual(['start', 'stop']);
    expect(container.querySelector('video')).toBeNull();
    expect(videoCounts()).toEqual({
      ...before,
      engines: before.engines + 1,
      videoElements: before.videoElements + 1,
    });
    expect(pendingReleases()).toBe(1);
    // When the page is idle: the MediaSource detached and destroyed, the element emptied.
    vi.advanceTimersByTime(0);
    expect(pendingReleases()).toBe(0);
    expect(engines.created[0]!.calls).toEqual(['start', 'stop', 'destroy']);
    expect(tile.video.getAttribute('src')).toBeNull();
    expect(videoCounts()).toEqual(before);
    expect(window.__tianmuVideo).toMatchObject(before);
    expect(window.__tianmuVideo?.statistics()).toHaveLength(0);

    vi.advanceTimersByTime(10 * 60_000);
    engines.created[0]!.handlers.onNetworkError('Exception');
    expect(engines.created).toHaveLength(1);
    expect(listener).not.toHaveBeenCalled();
    tile.dispose(); // idempotent
    expect(videoCounts()).toEqual(before);
  });

  it('drops an event that arrives after the player was disposed', async () => {
    const tile = createPlayer();
    const { onNetworkError } = lastEngine().handlers;
    tile.dispose();
    onNetworkError('Exception');
    expect(states).toEqual([]);
    vi.advanceTimersByTime(60_000);
    expect(engines.created).toHaveLength(1);
    expect(videoCounts()).toMatchObject({ players: 0, engines: 0, videoElements: 0 });
  });

  it('dispose during a reconnect wait cancels the reconnect', async () => {
    const tile = createPlayer();
    lastEngine().handlers.onNetworkError('Exception');
    tile.dispose();
    vi.advanceTimersByTime(60_000);
    expect(engines.created).toHaveLength(1);
    expect(videoCounts()).toMatchObject({ players: 0, engines: 0, videoElements: 0 });
  });
});
