// One live camera tile: a <video> element and the engine feeding it (chosen by stream kind from an injected
// table), a decoded-frame watchdog, reconnects forever (capped backoff with jitter) and a teardown that leaves
// nothing behind.
import { Emitter } from '@shared/base/emitter';
import type { StreamKind } from '@shared/model/camera';
import { StartupHold } from './first-frame-wait';
import { steerLatency } from './latency-steering';
import type { EngineFactory, EngineHandlers, EngineTable, PlayerEngine } from './player-engine';
import { countVideo, registerPlayer } from './player-count';
import { defaultBackoff, reconnectDelay, type BackoffOptions } from './reconnect-delay';
import { releaseLater } from './release-queue';
import { endedStablePlayback, stablePlaybackMs } from './stable-playback';
import { readDecodedFrames, readStatistics, type TileStatistics } from './tile-statistics';
import { connectingStatus, type TilePlayerStatus } from './tile-status';

export type { TilePlayerState, TilePlayerStatus } from './tile-status';
export { readDecodedFrames, type TileStatistics } from './tile-statistics';
export { startupHoldMs } from './first-frame-wait';
export { stablePlaybackMs } from './stable-playback';

/** Where a stream is: the result of resolving a camera and profile on its media platform. */
export interface TilePlayerSource {
  readonly url: string;
  readonly kind: StreamKind;
}

/** The engines to play with, and tuning (mostly for tests). */
export interface TilePlayerOptions {
  /** Which engine plays each stream kind: `defaultEngines` (engines.ts), or a fake in tests. */
  readonly engines: EngineTable;
  /** No new decoded frame for this long means stalled (default 10 s). */
  readonly stallTimeoutMs?: number;
  /**
   * How often the watchdog looks at the decoded-frame counter (default 0.5 s): a frame is only noticed at the next
   * look, so a stall shows at most about two intervals after the timeout — well inside "watchdog + 2 s".
   */
  readonly watchdogIntervalMs?: number;
  readonly backoff?: BackoffOptions;
  /** Random source of the backoff jitter. */
  readonly random?: () => number;
  /**
   * Whether to demux audio (default false). Wall tiles are muted, and camera audio is often G.711, which MSE
   * cannot play and which makes mpegts.js raise CODEC_UNSUPPORTED for the whole stream (mpegts.js#189).
   */
  readonly hasAudio?: boolean;
  /** Reads the element's decoded-frame counter; replaceable because test DOMs do not decode video. */
  readonly readDecodedFrames?: (video: HTMLVideoElement) => number;
  /** Live latency to hold the tile under, in ms (default 1000; per wall in `wall.json`). */
  readonly latencyTargetMs?: number;
  /** Playback this long after a failure counts as recovered: the backoff starts over (default 3 s). */
  readonly stablePlaybackMs?: number;
}

/** A listener of state changes. */
export type TilePlayerListener = (status: TilePlayerStatus) => void;

/**
 * Plays one live stream into a `<video>` element it creates inside `container`, and keeps it playing:
 * a watchdog on decoded frames (live disconnects often raise no error: mpegts.js#8, #176, #279) and any
 * engine error destroy the engine and create a new one after a backoff delay, forever (a live player
 * cannot recover in place: flv.js#148); a latency controller holds the tile near the live edge.
 * `dispose()` releases everything it opened.
 */
export class TilePlayer {
  /** The element frames are shown in; removed from the DOM by `dispose()`. */
  readonly video: HTMLVideoElement;
  private readonly stateChanged = new Emitter<TilePlayerStatus>();
  private readonly stallTimeoutMs: number;
  private readonly watchdogIntervalMs: number;
  private readonly latencyTargetSeconds: number;
  private readonly stableMs: number;
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;
  private readonly hasAudio: boolean;
  private readonly readFrames: (video: HTMLVideoElement) => number;
  /** Makes this tile's engines; undefined when its stream kind has none (the tile is `unsupported`). */
  private readonly engineFactory: EngineFactory | undefined;
  private readonly unregister: () => void;
  private readonly createdAt = performance.now();
  private engine: PlayerEngine | null = null;
  /**
   * Bumped whenever an engine is destroyed or created: callbacks of an older engine see a different value
   * and do nothing, so a late event of a destroyed player never reaches its successor.
   */
  private generation = 0;
  private watchdogTimer: ReturnType<typeof setInterval> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private decodedFrames = 0;
  private framesPerSecond = 0;
  /** Decoded-frame count and time at the previous watchdog tick, for `framesPerSecond`. */
  private tickFrames = 0;
  private tickAt = 0;
  /** Consecutive failures; only stable playback (see `stablePlaybackMs`) starts the backoff over. */
  private failureStreak = 0;
  /** When frames started advancing after the last failure (ms since epoch), or null. */
  private playingSince: number | null = null;
  /** This player's part in the page's start-up hold (first-frame-wait.ts). */
  private readonly startupHold = new StartupHold(() => this.holdLatency());
  /** The RFC 6381 video codec of the current stream, once the engine has reported it. */
  private videoCodec: string | null = null;
  /** When frames last advanced, or when the current engine started (ms since epoch). */
  private progressAt = 0;
  private transitMs: number | null = null;
  private bitsPerSecond: number | null = null;
  private timeToFirstFrameMs: number | null = null;
  private isDisposed = false;
  private currentStatus: TilePlayerStatus = connectingStatus();

  constructor(
    container: HTMLElement,
    private readonly source: TilePlayerSource,
    options: TilePlayerOptions,
  ) {
    this.stallTimeoutMs = options.stallTimeoutMs ?? 10_000;
    this.watchdogIntervalMs = options.watchdogIntervalMs ?? 500;
    this.latencyTargetSeconds = (options.latencyTargetMs ?? 1_000) / 1000;
    this.stableMs = options.stablePlaybackMs ?? stablePlaybackMs;
    this.backoff = options.backoff ?? defaultBackoff;
    this.random = options.random ?? Math.random;
    this.hasAudio = options.hasAudio ?? false;
    this.readFrames = options.readDecodedFrames ?? readDecodedFrames;
    this.engineFactory = options.engines[source.kind];

    this.video = createTileVideo(container);
    countVideo('players', 1);
    countVideo('videoElements', 1);
    this.unregister = registerPlayer(() => this.statistics());

    if (!this.engineFactory) {
      this.setStatus({
        state: 'unsupported',
        codec: source.kind.toUpperCase(),
        detail: `stream kind ${source.kind}`,
      });
      return;
    }
    const unavailable = this.engineFactory.unavailable?.() ?? null;
    if (unavailable) {
      this.setStatus({ state: 'unsupported', ...unavailable });
      return;
    }
    this.startEngine();
    this.watchdogTimer = setInterval(() => this.tick(), this.watchdogIntervalMs);
  }

  /** The current state; listeners get every later change. */
  get status(): TilePlayerStatus {
    return this.currentStatus;
  }

  /** Calls `listener` on every state change; returns the function that stops it. */
  onStateChanged(listener: TilePlayerListener): () => void {
    // One failing listener (a tile's view) must not keep the others from hearing of the change.
    const subscription = this.stateChanged.on((status) => {
      try {
        listener(status);
      } catch (error) {
        console.error('[tile-player] state listener failed', error);
      }
    });
    return () => subscription.dispose();
  }

  /** The tile's live figures now (latency is read from the element at this moment). */
  statistics(): TileStatistics {
    return readStatistics(this.video, {
      state: this.currentStatus.state,
      hasEngine: this.engine !== null,
      transitMs: this.transitMs,
      framesPerSecond: this.framesPerSecond,
      bitsPerSecond: this.bitsPerSecond,
      videoCodec: this.videoCodec,
      timeToFirstFrameMs: this.timeToFirstFrameMs,
      reconnectCount: this.currentStatus.reconnectCount,
      url: this.source.url,
    });
  }

  /**
   * Stops the player at once — connection closed, playback paused, `<video>` out of the document, timers and
   * listeners gone — and releases the engine's MediaSource and the element when the page is next idle
   * (release-queue.ts: destroying a media pipeline blocks the page ~5 ms). Idempotent.
   */
  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.stopTimers();
    this.startupHold.dispose();
    const engine = this.takeEngine();
    engine?.stop();
    this.stateChanged.dispose();
    this.unregister();
    const video = this.video;
    video.pause();
    video.remove();
    countVideo('players', -1);
    releaseLater(() => {
      if (engine) {
        engine.destroy();
        countVideo('engines', -1);
      }
      // mpegts.js#181: a detached element can keep its MediaSource alive; empty it so Chromium drops both.
      video.removeAttribute('src');
      video.load();
      countVideo('videoElements', -1);
    });
  }

  private startEngine(): void {
    const generation = ++this.generation;
    const guard =
      <Args extends unknown[]>(handle: (...args: Args) => void) =>
      (...args: Args) => {
        if (generation === this.generation && !this.isDisposed) handle(...args);
      };
    const handlers: EngineHandlers = {
      onNetworkError: guard((detail: string) => this.fail('offline', detail)),
      onForbidden: guard((detail: string) => this.fail('forbidden', detail)),
      onMediaError: guard((detail: string) => this.fail('error', detail)),
      onEnded: guard(() => this.fail('offline', 'stream ended')),
      onVideoCodec: guard((codec: string) => (this.videoCodec = codec)),
      onUnsupported: guard((codec: string, detail: string) => this.markUnsupported(codec, detail)),
      onSendTime: guard((sentAt: number) => (this.transitMs = Math.max(0, Date.now() - sentAt))),
      onBitrate: guard((bits: number) => (this.bitsPerSecond = Math.round(bits))),
    };
    this.transitMs = null;
    this.video.playbackRate = 1;
    this.startupHold.beginWait();
    const stream = { url: this.source.url, kind: this.source.kind, hasAudio: this.hasAudio };
    // Only started when the kind has a factory (see the constructor).
    this.engine = this.engineFactory!.create(this.video, stream, handlers);
    countVideo('engines', 1);
    this.decodedFrames = this.readFrames(this.video);
    this.progressAt = Date.now();
    this.watchFirstFrame(generation);
    try {
      this.engine.start();
    } catch (error) {
      this.fail('error', error instanceof Error ? error.message : String(error));
    }
  }

  /** Sees the first frame of an engine as it is presented, not up to a watchdog interval later. */
  private watchFirstFrame(generation: number): void {
    const video = this.video as HTMLVideoElement & {
      requestVideoFrameCallback?: (callback: () => void) => number;
    };
    if (typeof video.requestVideoFrameCallback !== 'function') return;
    video.requestVideoFrameCallback(() => {
      if (generation !== this.generation || this.isDisposed) return;
      this.checkProgress();
      // A server's key-frame cache leaves most of a GOP buffered ahead: jump over it now, while only the key
      // frame has been decoded, rather than a tick later, when the decoder would decode that GOP twice.
      this.holdLatency();
    });
  }

  private destroyEngine(): void {
    const engine = this.takeEngine();
    if (!engine) return;
    engine.destroy();
    countVideo('engines', -1);
  }

  /** Detaches the current engine: its late events are dropped, and it no longer waits or holds. */
  private takeEngine(): PlayerEngine | null {
    const engine = this.engine;
    if (!engine) return null;
    this.engine = null;
    this.generation++;
    this.startupHold.endWait();
    this.startupHold.endHold();
    return engine;
  }

  private tick(): void {
    const frames = this.readFrames(this.video);
    const now = performance.now();
    if (this.tickAt > 0 && now > this.tickAt && frames >= this.tickFrames)
      this.framesPerSecond = Math.round(((frames - this.tickFrames) * 1000) / (now - this.tickAt));
    this.tickFrames = frames;
    this.tickAt = now;
    this.checkProgress();
    this.holdLatency();
  }

  private checkProgress(): void {
    if (this.isDisposed || !this.engine) return;
    const frames = this.readFrames(this.video);
    const now = Date.now();
    if (frames > this.decodedFrames) {
      this.decodedFrames = frames;
      this.progressAt = now;
      if (this.currentStatus.state !== 'playing') {
        this.playingSince = now;
        this.timeToFirstFrameMs ??= Math.round(performance.now() - this.createdAt);
        this.setStatus({ state: 'playing', reconnectAttempt: 0, lastFrameAt: now, detail: null });
        this.startupHold.endWait();
      } else {
        this.setStatus({ lastFrameAt: now }, false);
      }
      return;
    }
    // The counter restarts when the element gets a new source; a drop is a reset, not progress.
    if (frames < this.decodedFrames) this.decodedFrames = frames;
    // Hidden pages throttle timers and may pause video; judging stalls there would only cause reconnects.
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') {
      this.progressAt = now;
      return;
    }
    if (now - this.progressAt >= this.stallTimeoutMs) this.fail('stalled', 'no decoded frame');
  }

  /** One step of the latency controller (latency-steering.ts), unless the engine holds its own live edge. */
  private holdLatency(): void {
    if (this.isDisposed || !this.engine || this.currentStatus.state !== 'playing') return;
    if (this.engine.holdsLatency) return; // e.g. hls.js: see PlayerEngine.holdsLatency
    const playingSince = this.playingSince;
    steerLatency(
      this.video,
      {
        transitMs: this.transitMs,
        playingSince,
        // A starting tile holds its first picture for other tiles that still wait for theirs (first-frame-wait.ts).
        waitsForOtherTiles: () => this.startupHold.holds(playingSince),
      },
      this.latencyTargetSeconds,
    );
  }

  /** Drops the current engine and schedules the next attempt; the state says why while we wait. */
  private fail(state: 'stalled' | 'offline' | 'error' | 'forbidden', detail: string): void {
    if (this.isDisposed) return;
    this.destroyEngine();
    const isStable = endedStablePlayback({
      state,
      status: this.currentStatus,
      playingSince: this.playingSince,
      now: Date.now(),
      watchdogIntervalMs: this.watchdogIntervalMs,
      stableMs: this.stableMs,
    });
    const attempt = (isStable ? 0 : this.failureStreak) + 1;
    this.failureStreak = attempt;
    this.playingSince = null;
    this.framesPerSecond = 0;
    this.setStatus({ state, reconnectAttempt: attempt, detail });
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(
      () => {
        this.reconnectTimer = undefined;
        if (this.isDisposed) return;
        this.setStatus({ state: 'reconnecting', reconnectCount: this.currentStatus.reconnectCount + 1 });
        this.startEngine();
      },
      reconnectDelay(attempt, this.backoff, this.random),
    );
  }

  /** Final state: no reconnect loop for a stream this browser cannot decode. */
  private markUnsupported(codec: string, detail: string): void {
    this.stopTimers();
    this.destroyEngine();
    this.setStatus({ state: 'unsupported', codec, detail });
  }

  private stopTimers(): void {
    clearInterval(this.watchdogTimer);
    clearTimeout(this.reconnectTimer);
    this.watchdogTimer = undefined;
    this.reconnectTimer = undefined;
    this.startupHold.endHold();
  }

  private setStatus(change: Partial<TilePlayerStatus>, isNotified = true): void {
    this.currentStatus = { ...this.currentStatus, ...change };
    if (!isNotified) return;
    this.stateChanged.fire(this.currentStatus);
  }
}

/** A muted, inline, autoplaying `<video>` filling `container`, without controls. */
function createTileVideo(container: HTMLElement): HTMLVideoElement {
  const video = document.createElement('video');
  video.muted = true;
  video.defaultMuted = true;
  video.autoplay = true;
  video.playsInline = true;
  video.controls = false;
  video.disablePictureInPicture = true;
  video.style.cssText = 'display:block;width:100%;height:100%;object-fit:contain;';
  container.append(video);
  return video;
}
