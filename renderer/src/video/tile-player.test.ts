// TilePlayer's state machine with mpegts.js replaced by a fake: what a tile shows as the stream behaves.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startupHoldMs, TilePlayer, type TilePlayerStatus } from './tile-player';
import { videoCounts } from './player-count';
import { pendingReleases, releasePending } from './release-queue';

const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  class FakePlayer {
    readonly calls: string[] = [];
    readonly listeners = new Map<string, Set<Listener>>();
    mediaInfo: Record<string, unknown> = {};
    constructor(
      readonly source: Record<string, unknown>,
      readonly config: Record<string, unknown>,
    ) {}
    on(event: string, listener: Listener) {
      if (!this.listeners.has(event)) this.listeners.set(event, new Set());
      this.listeners.get(event)?.add(listener);
    }
    off(event: string, listener: Listener) {
      this.listeners.get(event)?.delete(listener);
    }
    /** Like mpegts.js, but keeps listeners after destroy so a "late" event can still be delivered. */
    emit(event: string, ...args: unknown[]) {
      for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
    }
    listenerCount() {
      return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
    }
    attachMediaElement() {
      this.calls.push('attachMediaElement');
    }
    /** Like mpegts.js, makes its loader from `config.customLoader` when loading starts. */
    load() {
      this.calls.push('load');
      const Loader = this.config.customLoader as (new () => { abort(): void }) | undefined;
      if (!Loader) return;
      const loader = new Loader();
      const abort = loader.abort.bind(loader);
      loader.abort = () => {
        this.calls.push('loader.abort');
        abort();
      };
    }
    play() {
      this.calls.push('play');
      return Promise.resolve();
    }
    pause() {
      this.calls.push('pause');
    }
    unload() {
      this.calls.push('unload');
    }
    detachMediaElement() {
      this.calls.push('detachMediaElement');
    }
    destroy() {
      this.calls.push('destroy');
    }
  }
  const players: FakePlayer[] = [];
  class FakeHls {
    static isSupported = () => true;
    static Events = { BUFFER_CODECS: 'hlsBufferCodecs', FRAG_LOADED: 'hlsFragLoaded', ERROR: 'hlsError' };
    static ErrorTypes = { NETWORK_ERROR: 'networkError', MEDIA_ERROR: 'mediaError' };
    static ErrorDetails = {
      MANIFEST_INCOMPATIBLE_CODECS_ERROR: 'manifestIncompatibleCodecsError',
      BUFFER_ADD_CODEC_ERROR: 'bufferAddCodecError',
      BUFFER_INCOMPATIBLE_CODECS_ERROR: 'bufferIncompatibleCodecsError',
    };
    readonly calls: string[] = [];
    readonly listeners = new Map<string, Listener>();
    constructor() {
      hlsInstances.push(this);
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
    }
    emit(event: string, data: unknown) {
      this.listeners.get(event)?.(event, data);
    }
    attachMedia() {
      this.calls.push('attachMedia');
    }
    loadSource(url: string) {
      this.calls.push(`loadSource ${url}`);
    }
    stopLoad() {
      this.calls.push('stopLoad');
    }
    detachMedia() {
      this.calls.push('detachMedia');
    }
    destroy() {
      this.calls.push('destroy');
    }
  }
  const hlsInstances: FakeHls[] = [];
  const mpegts = {
    createPlayer: (source: Record<string, unknown>, config: Record<string, unknown>) => {
      const player = new FakePlayer(source, config);
      players.push(player);
      return player;
    },
    isSupported: () => true,
    Events: {
      ERROR: 'error',
      MEDIA_INFO: 'media_info',
      LOADING_COMPLETE: 'loading_complete',
      SCRIPTDATA_ARRIVED: 'scriptdata_arrived',
      STATISTICS_INFO: 'statistics_info',
    },
    ErrorTypes: { NETWORK_ERROR: 'NetworkError', MEDIA_ERROR: 'MediaError', OTHER_ERROR: 'OtherError' },
    ErrorDetails: {
      NETWORK_EXCEPTION: 'Exception',
      MEDIA_MSE_ERROR: 'MediaMSEError',
      MEDIA_FORMAT_UNSUPPORTED: 'FormatUnsupported',
      MEDIA_CODEC_UNSUPPORTED: 'CodecUnsupported',
    },
    LoggingControl: { applyConfig: () => undefined },
    BaseLoader: class {},
    LoaderStatus: { kIdle: 0, kConnecting: 1, kBuffering: 2, kError: 3, kComplete: 4 },
    LoaderErrors: { EXCEPTION: 'Exception' },
  };
  return { players, mpegts, hlsInstances, FakeHls };
});

vi.mock('mpegts.js', () => ({ default: fake.mpegts }));
vi.mock('hls.js', () => ({ default: fake.FakeHls }));

const source = { url: 'ws://127.0.0.1:9/media/live/cam-01.flv', kind: 'ws-flv' } as const;
const teardown = ['pause', 'unload', 'detachMediaElement', 'destroy'];

let container: HTMLElement;
let frames: number;
let states: TilePlayerStatus[];
let player: TilePlayer | undefined;

function createPlayer(options: { kind?: 'ws-flv' | 'ws-ts' | 'http-flv' | 'hls' } = {}): TilePlayer {
  player = new TilePlayer(
    container,
    { ...source, kind: options.kind ?? source.kind },
    // Whole-second watchdog looks keep the timings below easy to follow; the default looks twice a second.
    { random: () => 0, readDecodedFrames: () => frames, watchdogIntervalMs: 1_000 },
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

/** Frames advance for `seconds` of watchdog ticks. */
function decode(seconds: number): void {
  for (let second = 0; second < seconds; second++) {
    frames += 25;
    vi.advanceTimersByTime(1_000);
  }
}

const lastPlayer = () => fake.players[fake.players.length - 1]!;
/** Lets the player handle events, which it does once mpegts.js's call stack has unwound (a microtask). */
const settle = () => Promise.resolve();

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-21T08:00:00Z'));
  fake.players.length = 0;
  fake.hlsInstances.length = 0;
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
  it('creates a live mpegts.js player for WS-FLV with the live configuration and a muted inline video', async () => {
    const tile = createPlayer();
    expect(fake.players).toHaveLength(1);
    expect(lastPlayer().source).toMatchObject({
      type: 'flv',
      isLive: true,
      url: source.url,
      hasAudio: false,
    });
    expect(lastPlayer().config).toMatchObject({
      isLive: true,
      lazyLoad: false,
      deferLoadAfterSourceOpen: false,
      enableStashBuffer: false,
      liveBufferLatencyChasing: false,
      autoCleanupSourceBuffer: true,
      enableWorker: false,
    });
    expect(lastPlayer().calls).toEqual(['attachMediaElement', 'load', 'play']);
    expect(tile.video.parentElement).toBe(container);
    expect(tile.video.muted).toBe(true);
    expect(tile.video.autoplay).toBe(true);
    expect(tile.video.playsInline).toBe(true);
    expect(tile.status.state).toBe('connecting');
  });

  it('uses the mpegts (MPEG-TS) type for TS streams', async () => {
    createPlayer({ kind: 'ws-ts' });
    expect(lastPlayer().source).toMatchObject({ type: 'mpegts' });
  });

  it("connects WebSocket streams through the page's handshake gate, HTTP streams through mpegts.js", async () => {
    createPlayer({ kind: 'ws-flv' }).dispose();
    expect(typeof lastPlayer().config.customLoader).toBe('function');
    createPlayer({ kind: 'ws-ts' }).dispose();
    expect(typeof lastPlayer().config.customLoader).toBe('function');
    createPlayer({ kind: 'http-flv' });
    expect(lastPlayer().config.customLoader).toBeUndefined();
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
    expect(fake.players[0]!.calls.slice(-4)).toEqual(teardown);

    vi.advanceTimersByTime(1_000); // first backoff step with no jitter
    expect(tile.status).toMatchObject({ state: 'reconnecting', reconnectAttempt: 1, reconnectCount: 1 });
    expect(fake.players).toHaveLength(2);

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
    lastPlayer().emit('loading_complete');
    await settle();
    expect(tile.status).toMatchObject({ state: 'offline', reconnectAttempt: 1 });
    vi.advanceTimersByTime(1_000);
    decode(1);
    lastPlayer().emit('loading_complete'); // closed again after a second: still backing off
    await settle();
    expect(tile.status).toMatchObject({ state: 'offline', reconnectAttempt: 2 });
    vi.advanceTimersByTime(2_000);
    decode(4);
    lastPlayer().emit('loading_complete'); // after steady playback: a new outage, first step again
    await settle();
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
      lastPlayer().emit('error', 'NetworkError', 'Exception', { code: -1, msg: 'connection refused' });
      await settle();
      expect(tile.status).toMatchObject({ state: 'offline', reconnectAttempt: attempt });
      const created = fake.players.length;
      let waited = 0;
      while (fake.players.length === created) {
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
    lastPlayer().emit('error', 'MediaError', 'FormatUnsupported', 'Non MPEG-TS/FLV, Unsupported media type!');
    await settle();
    expect(tile.status.state).toBe('error');
    expect(tile.status.detail).toContain('FormatUnsupported');
    vi.advanceTimersByTime(1_000);
    expect(fake.players).toHaveLength(2);
  });

  it('treats the end of a live stream as offline and reconnects', async () => {
    const tile = createPlayer();
    decode(1);
    lastPlayer().emit('loading_complete');
    await settle();
    expect(tile.status.state).toBe('offline');
    vi.advanceTimersByTime(1_000);
    expect(tile.status.state).toBe('reconnecting');
  });

  it('ignores events of a destroyed player so they never touch its successor', async () => {
    const tile = createPlayer();
    const first = lastPlayer();
    first.emit('error', 'NetworkError', 'Exception', { code: -1, msg: 'gone' });
    await settle();
    vi.advanceTimersByTime(1_000);
    const second = lastPlayer();
    expect(second).not.toBe(first);
    expect(first.listenerCount()).toBe(0);

    // Re-deliver late events through the old player's listeners as a leaky emitter would.
    const stale = vi.fn();
    first.on('error', stale);
    first.emit('error', 'NetworkError', 'Exception', { code: -1, msg: 'late' });
    await settle();
    first.emit('loading_complete');
    await settle();
    first.emit('media_info', { videoCodec: 'hvc1.1.6.L93.B0' });
    await settle();
    expect(tile.status.state).toBe('reconnecting');
    expect(second.calls).not.toContain('destroy');
    expect(fake.players).toHaveLength(2);
  });

  it('ignores events captured before the player was replaced', async () => {
    const tile = createPlayer();
    const first = lastPlayer();
    const lateError = [...first.listeners.get('error')!][0]!;
    const lateInfo = [...first.listeners.get('media_info')!][0]!;
    first.emit('error', 'NetworkError', 'Exception', { code: -1, msg: 'gone' });
    await settle();
    vi.advanceTimersByTime(1_000);
    decode(1);
    lateError('NetworkError', 'Exception', { code: -1, msg: 'late' });
    await settle();
    lateInfo({ videoCodec: 'hvc1.1.6.L93.B0' });
    await settle();
    expect(tile.status.state).toBe('playing');
    expect(lastPlayer().calls).not.toContain('destroy');
  });

  it('shows H.265 as unsupported without a reconnect loop when MediaSource cannot play it', async () => {
    const tile = createPlayer({ kind: 'ws-ts' });
    lastPlayer().emit('media_info', { videoCodec: 'hvc1.1.6.L93.B0', mimeType: 'video/mp2t' });
    await settle();
    expect(tile.status).toMatchObject({ state: 'unsupported', codec: 'H.265' });
    expect(lastPlayer().calls.slice(-4)).toEqual(teardown);
    vi.advanceTimersByTime(10 * 60_000);
    expect(fake.players).toHaveLength(1);
    expect(tile.status.state).toBe('unsupported');
  });

  it('keeps playing H.264 that MediaSource supports', async () => {
    const tile = createPlayer();
    lastPlayer().emit('media_info', { videoCodec: 'avc1.4d401e' });
    await settle();
    decode(1);
    expect(tile.status.state).toBe('playing');
  });

  it('shows unsupported when MSE refuses the codec before media info arrived', async () => {
    const tile = createPlayer();
    lastPlayer().mediaInfo = { videoCodec: 'hev1.1.6.L93.B0' };
    lastPlayer().emit('error', 'MediaError', 'MediaMSEError', {
      code: 9,
      msg: 'The type provided is unsupported.',
    });
    await settle();
    expect(tile.status).toMatchObject({ state: 'unsupported', codec: 'H.265' });
    vi.advanceTimersByTime(60_000);
    expect(fake.players).toHaveLength(1);
  });

  it('names the codec from the MSE error message when nothing else reported it (Chromium wording)', async () => {
    const tile = createPlayer({ kind: 'ws-ts' });
    const msg =
      "Failed to execute 'addSourceBuffer' on 'MediaSource': The type provided ('video/mp4;codecs=hvc1.1.1.L63.B0') is unsupported.";
    lastPlayer().emit('error', 'MediaError', 'MediaMSEError', { code: 9, msg });
    await settle();
    expect(tile.status).toMatchObject({ state: 'unsupported', codec: 'H.265' });
  });

  it('handles an event only after mpegts.js has returned from emitting it', async () => {
    createPlayer();
    const player = lastPlayer();
    player.emit('error', 'NetworkError', 'Exception', {});
    expect(player.calls).not.toContain('destroy');
    await settle();
    expect(player.calls).toContain('destroy');
  });

  it('shows unsupported for a codec mpegts.js cannot demux', async () => {
    const tile = createPlayer();
    lastPlayer().emit('error', 'MediaError', 'CodecUnsupported', 'Flv: Unsupported codec in video frame: 2');
    await settle();
    expect(tile.status).toMatchObject({ state: 'unsupported', codec: '2' });
  });

  it('plays HLS through hls.js, not mpegts.js, and shows H.265 in HLS as unsupported', async () => {
    const tile = createPlayer({ kind: 'hls' });
    expect(fake.players).toHaveLength(0);
    await vi.waitFor(() => expect(fake.hlsInstances).toHaveLength(1));
    const hls = fake.hlsInstances[0]!;
    expect(hls.calls).toEqual(['attachMedia', 'loadSource ws://127.0.0.1:9/media/live/cam-01.flv']);
    hls.emit('hlsBufferCodecs', { video: { codec: 'hvc1.1.6.L93.B0' } });
    expect(tile.status).toMatchObject({ state: 'unsupported', codec: 'H.265' });
    expect(hls.calls.slice(-3)).toEqual(['stopLoad', 'detachMedia', 'destroy']);
  });

  it('reconnects HLS after a fatal network error with a new hls.js instance', async () => {
    const tile = createPlayer({ kind: 'hls' });
    await vi.waitFor(() => expect(fake.hlsInstances).toHaveLength(1));
    fake.hlsInstances[0]!.emit('hlsError', {
      type: 'networkError',
      details: 'manifestLoadError',
      fatal: true,
    });
    await settle();
    expect(tile.status).toMatchObject({ state: 'offline', reconnectAttempt: 1 });
    vi.advanceTimersByTime(1_000);
    await vi.waitFor(() => expect(fake.hlsInstances).toHaveLength(2));
  });

  it('reports statistics: decoded frames per second, the send-to-arrival transit and the stream url', async () => {
    const tile = createPlayer();
    lastPlayer().emit('scriptdata_arrived', { onTianmuClock: { sentAt: Date.now() - 120 } });
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
    const other = new TilePlayer(container, source, { readDecodedFrames: () => otherFrames });
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
    const neverPlays = new TilePlayer(container, source, { readDecodedFrames: () => 0 });
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
    // At once: the connection closed behind mpegts.js's back (an unload now and a detach later would let an
    // append in flight end in mpegts.js without its loading controller), the element out of the document.
    expect(fake.players[0]!.calls.slice(-3)).toEqual(['load', 'play', 'loader.abort']);
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
    expect(fake.players[0]!.calls.slice(-4)).toEqual(teardown);
    expect(tile.video.getAttribute('src')).toBeNull();
    expect(videoCounts()).toEqual(before);
    expect(window.__tianmuVideo).toMatchObject(before);
    expect(window.__tianmuVideo?.statistics()).toHaveLength(0);

    vi.advanceTimersByTime(10 * 60_000);
    fake.players[0]!.emit('error', 'NetworkError', 'Exception', {});
    await settle();
    expect(fake.players).toHaveLength(1);
    expect(listener).not.toHaveBeenCalled();
    tile.dispose(); // idempotent
    expect(videoCounts()).toEqual(before);
  });

  it('dispose tears an HTTP stream down whole at once: it has no connection of ours to close', () => {
    const tile = createPlayer({ kind: 'http-flv' });
    tile.dispose();
    expect(lastPlayer().calls.slice(-4)).toEqual(teardown);
    expect(container.querySelector('video')).toBeNull();
    releasePending();
    expect(lastPlayer().calls.filter((call) => call === 'destroy')).toHaveLength(1);
    expect(videoCounts()).toMatchObject({ players: 0, engines: 0, videoElements: 0 });
  });

  it('drops an event that was still queued when the player was disposed', async () => {
    const tile = createPlayer();
    lastPlayer().emit('error', 'NetworkError', 'Exception', {});
    tile.dispose();
    await settle();
    expect(states).toEqual([]);
    vi.advanceTimersByTime(60_000);
    expect(fake.players).toHaveLength(1);
  });

  it('dispose during a reconnect wait cancels the reconnect', async () => {
    const tile = createPlayer();
    lastPlayer().emit('error', 'NetworkError', 'Exception', {});
    await settle();
    tile.dispose();
    vi.advanceTimersByTime(60_000);
    expect(fake.players).toHaveLength(1);
    expect(videoCounts()).toMatchObject({ players: 0, engines: 0, videoElements: 0 });
  });
});
