// One live camera tile: a <video> element and the mpegts.js player feeding it, a decoded-frame watchdog,
// reconnects forever (capped backoff with jitter) and a teardown that leaves nothing behind.
import type { StreamKind } from '@shared/model/camera';
import { onAllFirstFrames, othersWaitForFirstFrame, waitForFirstFrame } from './first-frame-wait';
import { createHlsEngine } from './hls-engine';
import { bufferedRangeAt, latencyAction } from './latency-control';
import { createMpegtsEngine, isMpegtsSupported, mediaTypeOf } from './mpegts-engine';
import type { EngineHandlers, PlayerEngine } from './player-engine';
import { countVideo, registerPlayer } from './player-count';
import { defaultBackoff, reconnectDelay, type BackoffOptions } from './reconnect-delay';
import { releaseLater } from './release-queue';
import { connectingStatus } from './tile-status';

export { codecInMessage, mediaTypeOf } from './mpegts-engine';

/**
 * What a tile shows.
 * - `connecting`: the first connection, no frame decoded yet.
 * - `playing`: frames are being decoded.
 * - `stalled`: no new frame for `stallTimeoutMs` (a silent disconnect or a stuck decoder); a reconnect follows.
 * - `offline`: the stream could not be reached or ended (network error); a reconnect follows.
 * - `error`: the media pipeline failed (demux or MSE error); a reconnect follows.
 * - `forbidden`: the media server refused this viewer (HTTP 401/403); a reconnect follows.
 * - `reconnecting`: a new player was created after one of the three above, no frame decoded yet.
 * - `unsupported`: this browser cannot decode the stream (e.g. H.265 without a decoder). Final: no retries.
 */
export type TilePlayerState =
  'connecting' | 'playing' | 'stalled' | 'reconnecting' | 'offline' | 'unsupported' | 'error' | 'forbidden';

/** Where a stream is: the result of resolving a camera and profile on its media platform. */
export interface TilePlayerSource {
  readonly url: string;
  readonly kind: StreamKind;
}

/** A snapshot of a tile player, passed to `onStateChanged` listeners. */
export interface TilePlayerStatus {
  readonly state: TilePlayerState;
  /**
   * Consecutive reconnect attempts (shown as "第 N 次"); 0 while playing and on the first connection. Only
   * stable playback (30 s) resets the count, so a stream that freezes right after each reconnect backs off.
   */
  readonly reconnectAttempt: number;
  /** Reconnects over the player's whole life, for diagnostics. */
  readonly reconnectCount: number;
  /** When a new frame was last seen (ms since epoch), or null if none yet. */
  readonly lastFrameAt: number | null;
  /** The codec that cannot be played (e.g. `H.265`) when `state` is `unsupported`. */
  readonly codec: string | null;
  /** The last failure in words (an mpegts.js error detail), for logs and tooltips. */
  readonly detail: string | null;
}

/** Tuning, mostly for tests. */
export interface TilePlayerOptions {
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
  /** Playback this long after a failure counts as recovered: the backoff starts over (default 5 s). */
  readonly stablePlaybackMs?: number;
}

/** Live figures of one tile, for the statistics overlay, tests and the video bench. */
export interface TileStatistics {
  readonly state: TilePlayerState;
  /** Live latency in ms: buffered ahead of the playhead plus the server-to-here transit (when known). */
  readonly latencyMs: number | null;
  /** The buffered part alone (ms ahead of `currentTime`). */
  readonly bufferMs: number | null;
  /** Send-to-arrival delay from the server's `onTianmuClock` tags, or null when the server does not send them. */
  readonly transitMs: number | null;
  /** Frames decoded per second over the last watchdog interval. */
  readonly framesPerSecond: number;
  readonly decodedFrames: number;
  readonly droppedFrames: number;
  readonly bitsPerSecond: number | null;
  readonly playbackRate: number;
  readonly videoCodec: string | null;
  /** From creating the tile to its first decoded frame, ms (null until then). */
  readonly timeToFirstFrameMs: number | null;
  readonly reconnectCount: number;
  readonly url: string;
}

/** A listener of state changes. */
export type TilePlayerListener = (status: TilePlayerStatus) => void;

/**
 * Playback this long (ms) counts as recovered: the next failure starts the backoff from its first step.
 * Longer than a server's key-frame cache plays (the latency controller jumps over a cache of more than
 * 1.5 s, so that is at most about 1.5 s), so a stream that plays its cache and freezes again keeps backing
 * off; short enough that a wall back from a media-server restart starts the next outage at the 1 s step.
 * (Stalls are throttled by the watchdog anyway; the backoff matters for fast failures such as refusals.)
 */
export const stablePlaybackMs = 3_000;

/** The first seconds of playback, in which the latency controller jumps over a key-frame cache (latency-control.ts). */
const startingWindowMs = 3_000;
/** The longest a starting tile holds its first picture for other tiles' first frames (first-frame-wait.ts), ms. */
export const startupHoldMs = 1_000;

/** The decoded-frame counter of a video element (Chromium also has the older webkit counter). */
export function readDecodedFrames(video: HTMLVideoElement): number {
  const quality =
    typeof video.getVideoPlaybackQuality === 'function' ? video.getVideoPlaybackQuality() : null;
  if (quality) return quality.totalVideoFrames;
  return (video as HTMLVideoElement & { webkitDecodedFrameCount?: number }).webkitDecodedFrameCount ?? 0;
}

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
  private readonly listeners = new Set<TilePlayerListener>();
  private readonly stallTimeoutMs: number;
  private readonly watchdogIntervalMs: number;
  private readonly latencyTargetSeconds: number;
  private readonly stableMs: number;
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;
  private readonly hasAudio: boolean;
  private readonly readFrames: (video: HTMLVideoElement) => number;
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
  /** Ends a start-up hold on time (see `waitsForOtherTiles`). */
  private holdTimer: ReturnType<typeof setTimeout> | undefined;
  private decodedFrames = 0;
  private framesPerSecond = 0;
  /** Decoded-frame count and time at the previous watchdog tick, for `framesPerSecond`. */
  private tickFrames = 0;
  private tickAt = 0;
  /** Consecutive failures; only stable playback (see `stablePlaybackMs`) starts the backoff over. */
  private failureStreak = 0;
  /** When frames started advancing after the last failure (ms since epoch), or null. */
  private playingSince: number | null = null;
  /** Ends this player's wait for its first frame (first-frame-wait.ts); null when it is not waiting. */
  private firstFrameSeen: (() => void) | null = null;
  private readonly stopFirstFrameListener: () => void;
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
    options: TilePlayerOptions = {},
  ) {
    this.stallTimeoutMs = options.stallTimeoutMs ?? 10_000;
    this.watchdogIntervalMs = options.watchdogIntervalMs ?? 500;
    this.latencyTargetSeconds = (options.latencyTargetMs ?? 1_000) / 1000;
    this.stableMs = options.stablePlaybackMs ?? stablePlaybackMs;
    this.backoff = options.backoff ?? defaultBackoff;
    this.random = options.random ?? Math.random;
    this.hasAudio = options.hasAudio ?? false;
    this.readFrames = options.readDecodedFrames ?? readDecodedFrames;

    this.video = document.createElement('video');
    this.video.muted = true;
    this.video.defaultMuted = true;
    this.video.autoplay = true;
    this.video.playsInline = true;
    this.video.controls = false;
    this.video.disablePictureInPicture = true;
    this.video.style.cssText = 'display:block;width:100%;height:100%;object-fit:contain;';
    container.append(this.video);
    countVideo('players', 1);
    countVideo('videoElements', 1);
    this.unregister = registerPlayer(() => this.statistics());
    // The last tile of a switch shows its picture: tiles that held their first picture go live now.
    this.stopFirstFrameListener = onAllFirstFrames(() => this.holdLatency());

    if (source.kind !== 'hls' && mediaTypeOf(source.kind) === null) {
      this.setStatus({
        state: 'unsupported',
        codec: source.kind.toUpperCase(),
        detail: `stream kind ${source.kind}`,
      });
      return;
    }
    if (source.kind !== 'hls' && !isMpegtsSupported()) {
      this.setStatus({ state: 'unsupported', codec: 'MSE', detail: 'MediaSource is not available' });
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
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The tile's live figures now (latency is read from the element at this moment). */
  statistics(): TileStatistics {
    const quality = playbackQuality(this.video);
    const range = this.engine ? bufferedRangeAt(this.video.buffered, this.video.currentTime) : null;
    const bufferMs = range ? Math.max(0, (range.end - this.video.currentTime) * 1000) : null;
    return {
      state: this.currentStatus.state,
      latencyMs: bufferMs === null ? null : Math.round(bufferMs + Math.max(0, this.transitMs ?? 0)),
      bufferMs: bufferMs === null ? null : Math.round(bufferMs),
      transitMs: this.transitMs,
      framesPerSecond: this.framesPerSecond,
      decodedFrames: quality.decoded,
      droppedFrames: quality.dropped,
      bitsPerSecond: this.bitsPerSecond,
      playbackRate: this.video.playbackRate,
      videoCodec: this.videoCodec,
      timeToFirstFrameMs: this.timeToFirstFrameMs,
      reconnectCount: this.currentStatus.reconnectCount,
      url: this.source.url,
    };
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
    this.stopFirstFrameListener();
    const engine = this.takeEngine();
    engine?.stop();
    this.listeners.clear();
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
    this.endFirstFrameWait();
    this.firstFrameSeen = waitForFirstFrame(this);
    this.engine =
      this.source.kind === 'hls'
        ? createHlsEngine(this.video, this.source.url, handlers)
        : createMpegtsEngine(this.video, this.source.url, this.source.kind, handlers, {
            hasAudio: this.hasAudio,
          });
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
    this.endFirstFrameWait();
    this.endHold();
    return engine;
  }

  private endHold(): void {
    clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
  }

  private endFirstFrameWait(): void {
    const seen = this.firstFrameSeen;
    this.firstFrameSeen = null;
    seen?.();
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
        this.endFirstFrameWait();
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

  /**
   * Whether this tile, showing its first picture, holds it for other tiles of the page that still wait for
   * theirs (first-frame-wait.ts) — `startupHoldMs` at most; a timer ends the hold on time.
   */
  private waitsForOtherTiles(): boolean {
    if (this.playingSince === null) return false;
    const heldFor = Date.now() - this.playingSince;
    if (heldFor >= startupHoldMs || !othersWaitForFirstFrame(this)) return false;
    if (this.holdTimer === undefined) {
      const generation = this.generation;
      this.holdTimer = setTimeout(() => {
        this.holdTimer = undefined;
        if (generation === this.generation) this.holdLatency();
      }, startupHoldMs - heldFor);
    }
    return true;
  }

  /** One step of the latency controller (see latency-control.ts). */
  private holdLatency(): void {
    if (this.isDisposed || !this.engine || this.currentStatus.state !== 'playing') return;
    if (this.engine.holdsLatency) return; // e.g. hls.js: see PlayerEngine.holdsLatency
    const video = this.video;
    const range = bufferedRangeAt(video.buffered, video.currentTime);
    if (!range) return;
    const action = latencyAction(
      {
        currentTime: video.currentTime,
        bufferedStart: range.start,
        bufferedEnd: range.end,
        transitSeconds: (this.transitMs ?? 0) / 1000,
        playbackRate: video.playbackRate,
        isStarting: this.playingSince !== null && Date.now() - this.playingSince < startingWindowMs,
        waitsForOtherTiles: this.waitsForOtherTiles(),
      },
      this.latencyTargetSeconds,
    );
    try {
      if (action.holds) {
        if (!video.paused) video.pause();
        return;
      }
      if (action.seekTo !== null) video.currentTime = action.seekTo;
      if (video.playbackRate !== action.playbackRate) video.playbackRate = action.playbackRate;
      // A live element can end up paused (a seek past the data, a refused play()): keep it running.
      if (video.paused) Promise.resolve(video.play()).catch(() => undefined);
    } catch (error) {
      console.warn('[tile-player] latency control failed', error);
    }
  }

  /** Drops the current engine and schedules the next attempt; the state says why while we wait. */
  private fail(state: 'stalled' | 'offline' | 'error' | 'forbidden', detail: string): void {
    if (this.isDisposed) return;
    this.destroyEngine();
    // A reconnect that plays a second of a server's key-frame cache and freezes again is not a recovery:
    // without this, a flapping stream would retry every few seconds forever instead of backing off.
    // Frames seen at the last watchdog tick and the server closes the stream now: they advanced until now.
    const now = Date.now();
    const lastFrameAt = this.currentStatus.lastFrameAt;
    const wasAdvancing =
      state !== 'stalled' &&
      this.currentStatus.state === 'playing' &&
      lastFrameAt !== null &&
      now - lastFrameAt <= 1.5 * this.watchdogIntervalMs;
    const lastProgressAt = wasAdvancing ? now : lastFrameAt;
    const isStable =
      this.playingSince !== null &&
      lastProgressAt !== null &&
      lastProgressAt - this.playingSince >= this.stableMs;
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
    this.endHold();
  }

  private setStatus(change: Partial<TilePlayerStatus>, isNotified = true): void {
    this.currentStatus = { ...this.currentStatus, ...change };
    if (!isNotified) return;
    const status = this.currentStatus;
    for (const listener of [...this.listeners]) {
      try {
        listener(status);
      } catch (error) {
        console.error('[tile-player] state listener failed', error);
      }
    }
  }
}

/** Decoded and dropped frame counters of an element (zeros where the DOM does not decode). */
function playbackQuality(video: HTMLVideoElement): { decoded: number; dropped: number } {
  const quality =
    typeof video.getVideoPlaybackQuality === 'function' ? video.getVideoPlaybackQuality() : null;
  return { decoded: quality?.totalVideoFrames ?? 0, dropped: quality?.droppedVideoFrames ?? 0 };
}
