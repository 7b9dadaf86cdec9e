// The hls.js engine against a fake hls.js (handed in as the module it loads): hls.js keeps its own live edge
// (TilePlayer's latency controller must stay out of whole-segment buffers: tile-player.test.ts), a segment's
// EXT-X-PROGRAM-DATE-TIME gives the latency figure its transit part, and each hls.js event becomes what
// TilePlayer expects. Real playback is tests/e2e/video-hls.spec.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as HlsModule from 'hls.js';
import { recordingHandlers, type EngineReport } from '../../../tests/support/renderer/fake-engine';
import { createHlsEngine } from './hls-engine';
import type { PlayerEngine } from './player-engine';

type Listener = (event: string, data: unknown) => void;

class FakeHls {
  static instances: FakeHls[] = [];
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
  constructor(readonly config: Record<string, unknown>) {
    FakeHls.instances.push(this);
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

const url = 'http://127.0.0.1:9/media/hls/cam-01/index.m3u8';

let video: HTMLVideoElement;
let reports: EngineReport[];
let engine: PlayerEngine | undefined;

/** A started engine whose hls.js instance exists. */
async function startEngine(): Promise<{ engine: PlayerEngine; hls: FakeHls }> {
  const recording = recordingHandlers();
  reports = recording.reports;
  const load = async () => ({ default: FakeHls }) as unknown as typeof HlsModule;
  engine = createHlsEngine(video, url, recording.handlers, load);
  engine.start();
  await vi.waitFor(() => expect(FakeHls.instances).toHaveLength(1));
  return { engine, hls: FakeHls.instances[0]! };
}

/** Lets the engine handle a fatal error, which it does once hls.js's call stack has unwound (a microtask). */
const settle = () => Promise.resolve();

beforeEach(() => {
  FakeHls.instances.length = 0;
  video = document.createElement('video');
  video.play = () => Promise.resolve();
  vi.stubGlobal('MediaSource', { isTypeSupported: (type: string) => !type.includes('hvc1') });
});

afterEach(() => {
  engine?.destroy();
  engine = undefined;
  vi.unstubAllGlobals();
});

describe('hls.js engine', () => {
  it('plays the playlist through hls.js and leaves the live edge to it', async () => {
    const { engine, hls } = await startEngine();
    expect(hls.calls).toEqual(['attachMedia', `loadSource ${url}`]);
    expect(hls.config).toMatchObject({ maxLiveSyncPlaybackRate: 1.05, liveDurationInfinity: true });
    expect(engine.holdsLatency).toBe(true);
  });

  it('reports H.265 in HLS as unsupported, and releases hls.js when destroyed', async () => {
    const { engine, hls } = await startEngine();
    hls.emit('hlsBufferCodecs', { video: { codec: 'hvc1.1.6.L93.B0' } });
    expect(reports).toEqual([
      ['onVideoCodec', 'hvc1.1.6.L93.B0'],
      ['onUnsupported', 'H.265', 'MediaSource cannot play hvc1.1.6.L93.B0'],
    ]);
    engine.destroy();
    expect(hls.calls.slice(-3)).toEqual(['stopLoad', 'detachMedia', 'destroy']);
  });

  it('reports a fatal network error as such', async () => {
    const { hls } = await startEngine();
    hls.emit('hlsError', { type: 'networkError', details: 'manifestLoadError', fatal: true });
    await settle();
    expect(reports).toEqual([['onNetworkError', 'manifestLoadError']]);
  });

  it('reports a playlist answered 401 as forbidden', async () => {
    const { hls } = await startEngine();
    hls.emit('hlsError', {
      fatal: true,
      type: 'networkError',
      details: 'manifestLoadError',
      response: { code: 401, text: 'Unauthorized' },
    });
    await settle();
    expect(reports).toEqual([['onForbidden', 'manifestLoadError (HTTP 401)']]);
  });

  it("dates a loaded segment's last frame from EXT-X-PROGRAM-DATE-TIME for the latency figure", async () => {
    const { hls } = await startEngine();
    const loadedAt = Date.now();
    hls.emit('hlsFragLoaded', {
      frag: {
        duration: 1,
        programDateTime: loadedAt - 1_400,
        stats: { loaded: 65_000, loading: { start: 0, end: 50 } },
      },
    });
    // Sent 400 ms before it arrived: the segment's first frame was dated 1.4 s ago, its last one a second later.
    expect(reports).toEqual([
      ['onBitrate', 520_000],
      ['onSendTime', loadedAt - 400],
    ]);
  });
});
