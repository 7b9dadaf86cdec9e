// The one stand-in for a stream engine (mpegts.js, hls.js) in unit tests: TilePlayer gets `fakeEngines()` as its
// engine table, and a test plays the server's part through the handlers of the engine it created. The real
// engines are tested against fakes of their libraries in renderer/src/video/*-engine.test.ts, real playback in
// tests/e2e/video-*.
import type {
  EngineFactory,
  EngineHandlers,
  EngineStream,
  EngineTable,
  EngineUnavailable,
  PlayerEngine,
} from '../../../renderer/src/video/player-engine';

export class FakeEngine implements PlayerEngine {
  /** What TilePlayer asked of it, in order: `start`, `stop`, `destroy`. */
  readonly calls: string[] = [];
  videoCodec: string | null = null;

  constructor(
    readonly video: HTMLVideoElement,
    readonly stream: EngineStream,
    /** The engine's line to TilePlayer: call these as the library would (`onNetworkError`, `onEnded` …). */
    readonly handlers: EngineHandlers,
    readonly holdsLatency: boolean,
  ) {}

  start(): void {
    this.calls.push('start');
  }

  stop(): void {
    this.calls.push('stop');
  }

  destroy(): void {
    this.calls.push('destroy');
  }

  /** Whether `destroy()` was called (released for good). */
  get isDestroyed(): boolean {
    return this.calls.includes('destroy');
  }
}

/** A table of fake engines for every stream kind, and every engine it has made. */
export interface FakeEngines {
  readonly table: EngineTable;
  /** Every engine created, oldest first (one per connection attempt). */
  readonly created: FakeEngine[];
  /** The engine created last. */
  readonly last: () => FakeEngine;
}

/**
 * Fake engines for every stream kind. `holdsLatency` is set on the engines of the kinds listed (hls.js holds its own
 * live edge); `unavailable` makes every kind refuse as a browser without MediaSource would.
 */
export function fakeEngines(
  options: { holdsLatency?: readonly string[]; unavailable?: EngineUnavailable } = {},
): FakeEngines {
  const created: FakeEngine[] = [];
  const factory: EngineFactory = {
    unavailable: () => options.unavailable ?? null,
    create(video, stream, handlers) {
      const engine = new FakeEngine(
        video,
        stream,
        handlers,
        options.holdsLatency?.includes(stream.kind) ?? false,
      );
      created.push(engine);
      return engine;
    },
  };
  return {
    table: { 'ws-flv': factory, 'http-flv': factory, 'ws-ts': factory, 'http-ts': factory, hls: factory },
    created,
    last: () => {
      const engine = created[created.length - 1];
      if (!engine) throw new Error('no engine was created');
      return engine;
    },
  };
}

/** One report of an engine to its handlers, e.g. `['onForbidden', 'HttpStatusCodeInvalid: Forbidden']`. */
export type EngineReport = [name: keyof EngineHandlers, ...args: unknown[]];

/** Handlers that record what an engine reports, for the tests of the real engines. */
export function recordingHandlers(): { handlers: EngineHandlers; reports: EngineReport[] } {
  const reports: EngineReport[] = [];
  const record =
    (name: keyof EngineHandlers) =>
    (...args: unknown[]) =>
      void reports.push([name, ...args]);
  const handlers: EngineHandlers = {
    onNetworkError: record('onNetworkError'),
    onForbidden: record('onForbidden'),
    onMediaError: record('onMediaError'),
    onEnded: record('onEnded'),
    onVideoCodec: record('onVideoCodec'),
    onUnsupported: record('onUnsupported'),
    onSendTime: record('onSendTime'),
    onBitrate: record('onBitrate'),
  };
  return { handlers, reports };
}
