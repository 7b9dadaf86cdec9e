// The mpegts.js engine against a fake mpegts.js: the live configuration, the teardown order, and what each
// mpegts.js event becomes for TilePlayer (EngineHandlers). TilePlayer's reactions are tested with FakeEngine in
// tile-player.test.ts; real playback in tests/e2e/video-*.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordingHandlers, type EngineReport } from '../../../tests/support/renderer/fake-engine';
import { defaultEngines } from './engines';
import { createMpegtsEngine } from './mpegts-engine';
import type { PlayerEngine } from './player-engine';

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
  return { players, mpegts };
});

vi.mock('mpegts.js', () => ({ default: fake.mpegts }));

type Kind = 'ws-flv' | 'ws-ts' | 'http-flv' | 'http-ts';

const url = 'ws://127.0.0.1:9/media/live/cam-01.flv';
const teardown = ['pause', 'unload', 'detachMediaElement', 'destroy'];

let video: HTMLVideoElement;
let reports: EngineReport[];
let engine: PlayerEngine | undefined;

/** A started engine for `kind`, reporting into `reports`. */
function startEngine(kind: Kind = 'ws-flv'): PlayerEngine {
  const recording = recordingHandlers();
  reports = recording.reports;
  engine = createMpegtsEngine(video, url, kind, recording.handlers, { hasAudio: false });
  engine.start();
  return engine;
}

const lastPlayer = () => fake.players[fake.players.length - 1]!;
/** Lets the engine handle events, which it does once mpegts.js's call stack has unwound (a microtask). */
const settle = () => Promise.resolve();

beforeEach(() => {
  fake.players.length = 0;
  video = document.createElement('video');
  reports = [];
  vi.stubGlobal('MediaSource', { isTypeSupported: (type: string) => !type.includes('hvc1') });
});

afterEach(() => {
  engine?.destroy();
  engine = undefined;
  vi.unstubAllGlobals();
});

describe('mpegts.js engine', () => {
  it('creates a live mpegts.js player for WS-FLV with the live configuration', () => {
    startEngine();
    expect(fake.players).toHaveLength(1);
    expect(lastPlayer().source).toMatchObject({ type: 'flv', isLive: true, url, hasAudio: false });
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
  });

  it('uses the mpegts (MPEG-TS) type for TS streams', () => {
    startEngine('ws-ts');
    expect(lastPlayer().source).toMatchObject({ type: 'mpegts' });
  });

  it("connects WebSocket streams through the page's handshake gate, HTTP streams through mpegts.js", () => {
    startEngine('ws-flv').destroy();
    expect(typeof lastPlayer().config.customLoader).toBe('function');
    startEngine('ws-ts').destroy();
    expect(typeof lastPlayer().config.customLoader).toBe('function');
    startEngine('http-flv');
    expect(lastPlayer().config.customLoader).toBeUndefined();
  });

  it('is what defaultEngines plays FLV and MPEG-TS with; HLS is not', () => {
    for (const kind of ['ws-flv', 'http-flv', 'ws-ts', 'http-ts'] as const) {
      defaultEngines[kind]!.create(
        video,
        { url, kind, hasAudio: false },
        recordingHandlers().handlers,
      ).destroy();
    }
    expect(fake.players).toHaveLength(4);
    expect(defaultEngines['ws-flv']!.unavailable?.()).toBeNull();
    const hls = defaultEngines.hls!.create(
      video,
      { url, kind: 'hls', hasAudio: false },
      recordingHandlers().handlers,
    );
    expect(fake.players).toHaveLength(4);
    expect(hls.holdsLatency).toBe(true);
    hls.destroy();
  });

  it('tears down in the order pause, unload, detach, destroy (flv.js#148)', () => {
    startEngine().destroy();
    expect(lastPlayer().calls.slice(-4)).toEqual(teardown);
  });

  it('reports a network error as such, with its detail and message', async () => {
    startEngine();
    lastPlayer().emit('error', 'NetworkError', 'Exception', { code: -1, msg: 'connection refused' });
    await settle();
    expect(reports).toEqual([['onNetworkError', 'Exception: connection refused']]);
  });

  it('reports HTTP 403 as forbidden (not offline), any other HTTP failure as a network error', async () => {
    startEngine('http-flv');
    lastPlayer().emit('error', 'NetworkError', 'HttpStatusCodeInvalid', { code: 403, msg: 'Forbidden' });
    await settle();
    expect(reports).toHaveLength(1);
    expect(reports[0]![0]).toBe('onForbidden');
    expect(reports[0]![1]).toContain('HttpStatusCodeInvalid');
    lastPlayer().emit('error', 'NetworkError', 'HttpStatusCodeInvalid', { code: 502, msg: 'Bad Gateway' });
    await settle();
    expect(reports[1]![0]).toBe('onNetworkError');
  });

  it('reports media errors as media errors', async () => {
    startEngine();
    lastPlayer().emit('error', 'MediaError', 'FormatUnsupported', 'Non MPEG-TS/FLV, Unsupported media type!');
    await settle();
    expect(reports).toHaveLength(1);
    expect(reports[0]![0]).toBe('onMediaError');
    expect(reports[0]![1]).toContain('FormatUnsupported');
  });

  it('treats the end of a live stream as its end', async () => {
    startEngine();
    lastPlayer().emit('loading_complete');
    await settle();
    expect(reports).toEqual([['onEnded']]);
  });

  it('stops hearing mpegts.js once stopped, and drops an event that was still queued', async () => {
    const started = startEngine();
    const player = lastPlayer();
    player.emit('error', 'NetworkError', 'Exception', {});
    started.destroy();
    expect(player.listenerCount()).toBe(0);
    await settle();
    expect(reports).toEqual([]);
  });

  it('reports H.265 as unsupported when MediaSource cannot play it', async () => {
    startEngine('ws-ts');
    lastPlayer().emit('media_info', { videoCodec: 'hvc1.1.6.L93.B0', mimeType: 'video/mp2t' });
    await settle();
    expect(reports).toEqual([
      ['onVideoCodec', 'hvc1.1.6.L93.B0'],
      ['onUnsupported', 'H.265', 'MediaSource cannot play hvc1.1.6.L93.B0'],
    ]);
  });

  it('reports H.264 that MediaSource supports as its codec only', async () => {
    const started = startEngine();
    lastPlayer().emit('media_info', { videoCodec: 'avc1.4d401e' });
    await settle();
    expect(reports).toEqual([['onVideoCodec', 'avc1.4d401e']]);
    expect(started.videoCodec).toBe('avc1.4d401e');
  });

  it('reports unsupported when MSE refuses the codec before media info arrived', async () => {
    startEngine();
    lastPlayer().mediaInfo = { videoCodec: 'hev1.1.6.L93.B0' };
    lastPlayer().emit('error', 'MediaError', 'MediaMSEError', {
      code: 9,
      msg: 'The type provided is unsupported.',
    });
    await settle();
    expect(reports).toHaveLength(1);
    expect(reports[0]!.slice(0, 2)).toEqual(['onUnsupported', 'H.265']);
  });

  it('names the codec from the MSE error message when nothing else reported it (Chromium wording)', async () => {
    startEngine('ws-ts');
    const msg =
      "Failed to execute 'addSourceBuffer' on 'MediaSource': The type provided ('video/mp4;codecs=hvc1.1.1.L63.B0') is unsupported.";
    lastPlayer().emit('error', 'MediaError', 'MediaMSEError', { code: 9, msg });
    await settle();
    expect(reports[0]!.slice(0, 2)).toEqual(['onUnsupported', 'H.265']);
  });

  it('handles an event only after mpegts.js has returned from emitting it', async () => {
    startEngine();
    lastPlayer().emit('error', 'NetworkError', 'Exception', {});
    expect(reports).toEqual([]);
    await settle();
    expect(reports).toHaveLength(1);
  });

  it('reports a codec mpegts.js cannot demux as unsupported', async () => {
    startEngine();
    lastPlayer().emit('error', 'MediaError', 'CodecUnsupported', 'Flv: Unsupported codec in video frame: 2');
    await settle();
    expect(reports[0]!.slice(0, 2)).toEqual(['onUnsupported', '2']);
  });

  it("passes on the server's send time from its onTianmuClock script tags, and the bitrate", () => {
    startEngine();
    lastPlayer().emit('scriptdata_arrived', { onTianmuClock: { sentAt: 1_700_000_000_000 } });
    lastPlayer().emit('statistics_info', { speed: 100 });
    expect(reports).toEqual([
      ['onSendTime', 1_700_000_000_000],
      ['onBitrate', 819_200],
    ]);
  });

  it("stop closes the connection of a WebSocket stream behind mpegts.js's back; destroy then releases it", () => {
    const started = startEngine();
    started.stop();
    // An unload now and a detach later would let an append in flight end in mpegts.js without its loading controller.
    expect(lastPlayer().calls.slice(-3)).toEqual(['load', 'play', 'loader.abort']);
    started.destroy();
    expect(lastPlayer().calls.slice(-4)).toEqual(teardown);
  });

  it('stop tears an HTTP stream down whole at once: it has no connection of ours to close', () => {
    const started = startEngine('http-flv');
    started.stop();
    expect(lastPlayer().calls.slice(-4)).toEqual(teardown);
    started.destroy();
    expect(lastPlayer().calls.filter((call) => call === 'destroy')).toHaveLength(1);
  });
});
