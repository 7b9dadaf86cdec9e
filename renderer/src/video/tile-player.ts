// One live camera tile: a <video> element and the mpegts.js player feeding it, a decoded-frame watchdog,
// reconnects forever (capped backoff with jitter) and a teardown that leaves nothing behind.
import mpegts from 'mpegts.js';
import type { StreamKind } from '@shared/model/camera';
import { codecDisplayName, unsupportedVideoCodec } from './codec-support';
import { countVideo } from './player-count';
import { defaultBackoff, reconnectDelay, type BackoffOptions } from './reconnect-delay';

/**
 * What a tile shows.
 * - `connecting`: the first connection, no frame decoded yet.
 * - `playing`: frames are being decoded.
 * - `stalled`: no new frame for `stallTimeoutMs` (a silent disconnect or a stuck decoder); a reconnect follows.
 * - `offline`: the stream could not be reached or ended (network error); a reconnect follows.
 * - `error`: the media pipeline failed (demux or MSE error); a reconnect follows.
 * - `reconnecting`: a new player was created after one of the three above, no frame decoded yet.
 * - `unsupported`: this browser cannot decode the stream (e.g. H.265 without a decoder). Final: no retries.
 */
export type TilePlayerState =
  'connecting' | 'playing' | 'stalled' | 'reconnecting' | 'offline' | 'unsupported' | 'error';

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
  /** How often the watchdog looks at the decoded-frame counter (default 1 s). */
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
}

/** A listener of state changes. */
export type TilePlayerListener = (status: TilePlayerStatus) => void;

type MpegtsPlayer = mpegts.Player;

/** The mpegts.js player of one generation and the function that removes our listeners from it. */
interface Engine {
  readonly player: MpegtsPlayer;
  readonly removeListeners: () => void;
}

/** Playback this long (ms) counts as recovered: the next failure starts the backoff from its first step. */
export const stablePlaybackMs = 30_000;

/** `DOMException.NOT_SUPPORTED_ERR`: what `addSourceBuffer()` throws for a codec MSE cannot decode. */
const notSupportedErrorCode = 9;

/** The decoded-frame counter of a video element (Chromium also has the older webkit counter). */
export function readDecodedFrames(video: HTMLVideoElement): number {
  const quality =
    typeof video.getVideoPlaybackQuality === 'function' ? video.getVideoPlaybackQuality() : null;
  if (quality) return quality.totalVideoFrames;
  return (video as HTMLVideoElement & { webkitDecodedFrameCount?: number }).webkitDecodedFrameCount ?? 0;
}

/** mpegts.js's media data source type for a stream kind, or null if mpegts.js cannot play it. */
export function mediaTypeOf(kind: StreamKind): 'flv' | 'mpegts' | null {
  switch (kind) {
    case 'ws-flv':
    case 'http-flv':
      return 'flv';
    case 'ws-ts':
    case 'http-ts':
      return 'mpegts';
    case 'hls':
      // HLS needs hls.js (a later issue); until then a tile says so instead of staying black.
      return null;
  }
}

let isLoggingConfigured = false;

/** mpegts.js logs every segment at info level by default: keep warnings and errors only. */
function configureLogging(): void {
  if (isLoggingConfigured) return;
  isLoggingConfigured = true;
  mpegts.LoggingControl?.applyConfig?.({ enableDebug: false, enableVerbose: false, enableInfo: false });
}

/**
 * Plays one live stream into a `<video>` element it creates inside `container`, and keeps it playing:
 * a watchdog on decoded frames (live disconnects often raise no error: mpegts.js#8, #176, #279) and any
 * mpegts.js error destroy the player and create a new one after a backoff delay, forever (a live player
 * cannot recover in place: flv.js#148). `dispose()` releases everything it opened.
 */
export class TilePlayer {
  /** The element frames are shown in; removed from the DOM by `dispose()`. */
  readonly video: HTMLVideoElement;
  private readonly listeners = new Set<TilePlayerListener>();
  private readonly stallTimeoutMs: number;
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;
  private readonly hasAudio: boolean;
  private readonly readFrames: (video: HTMLVideoElement) => number;
  private engine: Engine | null = null;
  /**
   * Bumped whenever an engine is destroyed or created: callbacks of an older engine see a different value
   * and do nothing, so a late event of a destroyed player never reaches its successor.
   */
  private generation = 0;
  private watchdogTimer: ReturnType<typeof setInterval> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private decodedFrames = 0;
  /** Consecutive failures; only stable playback (see `stablePlaybackMs`) starts the backoff over. */
  private failureStreak = 0;
  /** When frames started advancing after the last failure (ms since epoch), or null. */
  private playingSince: number | null = null;
  /** The RFC 6381 video codec of the current stream, once mpegts.js has reported it. */
  private videoCodec: string | null = null;
  /** When frames last advanced, or when the current engine started (ms since epoch). */
  private progressAt = 0;
  private isDisposed = false;
  private currentStatus: TilePlayerStatus = {
    state: 'connecting',
    reconnectAttempt: 0,
    reconnectCount: 0,
    lastFrameAt: null,
    codec: null,
    detail: null,
  };

  constructor(
    container: HTMLElement,
    private readonly source: TilePlayerSource,
    options: TilePlayerOptions = {},
  ) {
    this.stallTimeoutMs = options.stallTimeoutMs ?? 10_000;
    this.backoff = options.backoff ?? defaultBackoff;
    this.random = options.random ?? Math.random;
    this.hasAudio = options.hasAudio ?? false;
    this.readFrames = options.readDecodedFrames ?? readDecodedFrames;
    configureLogging();

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

    const mediaType = mediaTypeOf(source.kind);
    if (mediaType === null) {
      this.setStatus({
        state: 'unsupported',
        codec: source.kind.toUpperCase(),
        detail: `stream kind ${source.kind}`,
      });
      return;
    }
    if (!mpegts.isSupported()) {
      this.setStatus({ state: 'unsupported', codec: 'MSE', detail: 'MediaSource is not available' });
      return;
    }
    this.startEngine();
    this.watchdogTimer = setInterval(() => this.checkProgress(), options.watchdogIntervalMs ?? 1_000);
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

  /** Stops playback and releases the player, the `<video>` element, timers and listeners. Idempotent. */
  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.stopTimers();
    this.destroyEngine();
    this.listeners.clear();
    // mpegts.js#181: a detached element can keep its MediaSource alive; empty it so Chromium drops both.
    this.video.src = '';
    this.video.removeAttribute('src');
    this.video.load();
    this.video.remove();
    countVideo('videoElements', -1);
    countVideo('players', -1);
  }

  private startEngine(): void {
    const generation = ++this.generation;
    const isCurrent = () => generation === this.generation && !this.isDisposed;
    // mpegts.js keeps using the player after our callback returns (e.g. its MSE controller after an
    // addSourceBuffer error), so destroying it inside the callback throws "reading 'emit' of null" there.
    // Handle events once mpegts.js's own call stack has unwound; the generation check runs again then.
    const later =
      <Args extends unknown[]>(handle: (...args: Args) => void) =>
      (...args: Args) => {
        if (!isCurrent()) return;
        queueMicrotask(() => {
          if (isCurrent()) handle(...args);
        });
      };
    const player = mpegts.createPlayer(
      {
        type: mediaTypeOf(this.source.kind) ?? 'flv',
        isLive: true,
        url: this.source.url,
        hasAudio: this.hasAudio,
      },
      {
        isLive: true,
        // lazyLoad (default true) aborts the connection once enough is buffered: wrong for live.
        lazyLoad: false,
        enableStashBuffer: false,
        // Jump to the live edge when the buffer grows (tab hidden, network pause: mpegts.js#47, #77, #208).
        liveBufferLatencyChasing: true,
        // Bounded memory over days of playback (flv.js#58, #123; mpegts.js#185).
        autoCleanupSourceBuffer: true,
        // A worker per player costs a thread start on every layout switch, and overlapping destroy/create of
        // worker-backed MSE gives "MediaSource attachment is closing" (mpegts.js#218). Main thread it is.
        enableWorker: false,
        enableWorkerForMSE: false,
      },
    );
    countVideo('engines', 1);

    const onError = later((type: string, detail: string, info: unknown) =>
      this.handleError(type, detail, info),
    );
    const onMediaInfo = later((mediaInfo: { videoCodec?: string | null } | undefined) =>
      this.handleMediaInfo(mediaInfo),
    );
    // For a live stream, "complete" means the server closed it.
    const onLoadingComplete = later(() => this.fail('offline', 'stream ended'));
    player.on(mpegts.Events.ERROR, onError);
    player.on(mpegts.Events.MEDIA_INFO, onMediaInfo);
    player.on(mpegts.Events.LOADING_COMPLETE, onLoadingComplete);
    this.engine = {
      player,
      removeListeners: () => {
        player.off(mpegts.Events.ERROR, onError);
        player.off(mpegts.Events.MEDIA_INFO, onMediaInfo);
        player.off(mpegts.Events.LOADING_COMPLETE, onLoadingComplete);
      },
    };

    this.decodedFrames = this.readFrames(this.video);
    this.progressAt = Date.now();
    try {
      player.attachMediaElement(this.video);
      player.load();
      // Autoplay of a muted element is allowed; if play() is refused anyway, the watchdog sees no frames.
      Promise.resolve(player.play()).catch(() => undefined);
    } catch (error) {
      this.fail('error', error instanceof Error ? error.message : String(error));
    }
  }

  /** Teardown order from flv.js#148: pause → unload → detachMediaElement → destroy; each step may throw. */
  private destroyEngine(): void {
    const engine = this.engine;
    if (!engine) return;
    this.engine = null;
    this.generation++;
    engine.removeListeners();
    for (const step of ['pause', 'unload', 'detachMediaElement', 'destroy'] as const) {
      try {
        engine.player[step]();
      } catch (error) {
        console.warn(`[tile-player] ${step} failed`, error);
      }
    }
    countVideo('engines', -1);
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
        this.setStatus({ state: 'playing', reconnectAttempt: 0, lastFrameAt: now, detail: null });
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

  private handleMediaInfo(mediaInfo: { videoCodec?: string | null } | undefined): void {
    this.videoCodec = mediaInfo?.videoCodec ?? null;
    const codec = unsupportedVideoCodec(this.videoCodec);
    if (codec) this.markUnsupported(codec, `MediaSource cannot play ${mediaInfo?.videoCodec ?? ''}`);
  }

  private handleError(type: string, detail: string, info: unknown): void {
    const message = describe(info);
    if (detail === mpegts.ErrorDetails.MEDIA_CODEC_UNSUPPORTED) {
      // e.g. "Flv: Unsupported codec in video frame: 2": the part after the last colon names the codec.
      this.markUnsupported(message.split(':').pop()?.trim() || 'unknown', message);
      return;
    }
    if (detail === mpegts.ErrorDetails.MEDIA_MSE_ERROR && errorCode(info) === notSupportedErrorCode) {
      // addSourceBuffer() refused the codec before MEDIA_INFO told us which one it was.
      const videoCodec = this.videoCodec ?? videoCodecOf(this.engine?.player) ?? codecInMessage(message);
      this.markUnsupported(videoCodec ? codecDisplayName(videoCodec) : 'unknown', message);
      return;
    }
    const state = type === mpegts.ErrorTypes.NETWORK_ERROR ? 'offline' : 'error';
    this.fail(state, `${detail}${message ? `: ${message}` : ''}`);
  }

  /** Drops the current engine and schedules the next attempt; the state says why while we wait. */
  private fail(state: 'stalled' | 'offline' | 'error', detail: string): void {
    if (this.isDisposed) return;
    this.destroyEngine();
    // A reconnect that plays a second of a server's key-frame cache and freezes again is not a recovery:
    // without this, a flapping stream would retry every few seconds forever instead of backing off.
    const lastFrameAt = this.currentStatus.lastFrameAt;
    const isStable =
      this.playingSince !== null &&
      lastFrameAt !== null &&
      lastFrameAt - this.playingSince >= stablePlaybackMs;
    const attempt = (isStable ? 0 : this.failureStreak) + 1;
    this.failureStreak = attempt;
    this.playingSince = null;
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

/** The message of an mpegts.js error info (`{ code, msg }`) or anything else. */
function describe(info: unknown): string {
  if (typeof info === 'string') return info;
  if (info && typeof info === 'object' && 'msg' in info && typeof info.msg === 'string') return info.msg;
  return '';
}

/** The video codec mpegts.js has parsed so far, if any (MSE players only). */
function videoCodecOf(player: MpegtsPlayer | undefined): string | null {
  const info: unknown = player?.mediaInfo;
  if (info && typeof info === 'object' && 'videoCodec' in info && typeof info.videoCodec === 'string') {
    return info.videoCodec;
  }
  return null;
}

/**
 * The codec named in an MSE error, e.g. Chromium's "The type provided ('video/mp4;codecs=hvc1.1.1.L63.B0') is
 * unsupported", which arrives before mpegts.js reports MEDIA_INFO.
 */
export function codecInMessage(message: string): string | null {
  return /codecs="?([A-Za-z0-9]{4}[A-Za-z0-9.]*)/.exec(message)?.[1] ?? null;
}

function errorCode(info: unknown): number | undefined {
  if (info && typeof info === 'object' && 'code' in info && typeof info.code === 'number') return info.code;
  return undefined;
}
