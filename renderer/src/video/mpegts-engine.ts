// The mpegts.js engine: WS-FLV, HTTP-FLV and MPEG-TS over HTTP or WebSocket, configured for live walls.
import mpegts from 'mpegts.js';
import type { StreamKind } from '@shared/model/camera';
import { codecDisplayName, unsupportedVideoCodec } from './codec-support';
import { gatedWebSocketLoader, type LoaderHandle } from './gated-websocket-loader';
import { pageConnectionGate } from './connection-gate';
import type { EngineHandlers, PlayerEngine } from './player-engine';

/** `DOMException.NOT_SUPPORTED_ERR`: what `addSourceBuffer()` throws for a codec MSE cannot decode. */
const notSupportedErrorCode = 9;

/** Name of the script tag in which the demo media server sends its wall-clock send time. */
export const clockScriptName = 'onTianmuClock';

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
      return null;
  }
}

function isWebSocketKind(kind: StreamKind): boolean {
  return kind === 'ws-flv' || kind === 'ws-ts';
}

/**
 * Settings the video bench varies to choose defaults by measurement (`/bench/video.html?worker=1`); change them
 * before the first player is created.
 */
export const mpegtsTuning = {
  /** mpegts.js's transmuxing worker (one Worker per player). */
  enableWorker: false,
};

let isLoggingConfigured = false;

/** mpegts.js logs every segment at info level by default: keep warnings and errors only. */
function configureLogging(): void {
  if (isLoggingConfigured) return;
  isLoggingConfigured = true;
  mpegts.LoggingControl?.applyConfig?.({ enableDebug: false, enableVerbose: false, enableInfo: false });
}

/** Whether this browser has what mpegts.js needs (MediaSource). */
export function isMpegtsSupported(): boolean {
  return mpegts.isSupported();
}

/**
 * An mpegts.js player for one connection. Events are delivered after mpegts.js's own call stack has
 * unwound: mpegts.js keeps using the player after our callback returns (e.g. its MSE controller after an
 * addSourceBuffer error), so destroying it inside the callback throws "reading 'emit' of null" there.
 */
export function createMpegtsEngine(
  video: HTMLVideoElement,
  url: string,
  kind: StreamKind,
  handlers: EngineHandlers,
  options: { hasAudio: boolean },
): PlayerEngine {
  configureLogging();
  /** Stopped: no event reaches the handlers any more. */
  let isStopped = false;
  /** The MediaSource is released too. */
  let isReleased = false;
  let videoCodec: string | null = null;
  /** The connection of a WebSocket kind, which `stop()` closes without unloading mpegts.js. */
  let loader: LoaderHandle | null = null;
  const usesGatedLoader = isWebSocketKind(kind) && !mpegtsTuning.enableWorker;
  const later =
    <Args extends unknown[]>(handle: (...args: Args) => void) =>
    (...args: Args) => {
      if (isStopped) return;
      queueMicrotask(() => {
        if (!isStopped) handle(...args);
      });
    };

  const player = mpegts.createPlayer(
    { type: mediaTypeOf(kind) ?? 'flv', isLive: true, url, hasAudio: options.hasAudio },
    {
      isLive: true,
      // lazyLoad (default true) aborts the connection once enough is buffered: wrong for live.
      lazyLoad: false,
      // Connect at once, while the MediaSource opens (segments wait in mpegts.js until it has): waiting for
      // `sourceopen` first put 200–500 ms between a tile's mount and its connection on a busy switch.
      deferLoadAfterSourceOpen: false,
      enableStashBuffer: false,
      // Latency is held by TilePlayer's own controller (latency-control.ts): one controller, not two
      // fighting; mpegts.js's chaser only seeks, and its liveSync froze an RTSP→TS stream (mpegts.js#276).
      liveBufferLatencyChasing: false,
      liveSync: false,
      // Bounded memory over days of playback (flv.js#58, #123; mpegts.js#185). A live tile never plays
      // backwards, so 3–8 s behind the playhead is plenty: with 30/10 s a 16 × 720p wall held up to 60 MB
      // more, and its memory swung by tens of MB with the cleanup's sawtooth.
      autoCleanupSourceBuffer: true,
      autoCleanupMaxBackwardDuration: 8,
      autoCleanupMinBackwardDuration: 3,
      // A worker per player costs a thread start on every layout switch, and overlapping destroy/create of
      // worker-backed MSE gives "MediaSource attachment is closing" (mpegts.js#218). Main thread it is.
      enableWorker: mpegtsTuning.enableWorker,
      enableWorkerForMSE: false,
      // WebSockets wait for a place in the page's handshake gate (connection-gate.ts).
      // (A worker builds its own loader: a loader class cannot be sent to it.)
      ...(usesGatedLoader
        ? { customLoader: gatedWebSocketLoader(pageConnectionGate, (created) => (loader = created)) }
        : {}),
    },
  );

  // Teardown order from flv.js#148: pause → unload → detachMediaElement → destroy, in one task. `unload()` must
  // not come before `detachMediaElement()` in a later task: an append still in flight then ends in
  // `_onMSEUpdateEnd`, which reads the loading controller `unload()` has just dropped (a TypeError in the page).
  const release = () => {
    if (isReleased) return;
    isReleased = true;
    for (const step of ['pause', 'unload', 'detachMediaElement', 'destroy'] as const) {
      try {
        player[step]();
      } catch (error) {
        console.warn(`[mpegts-engine] ${step} failed`, error);
      }
    }
  };

  const onError = later((type: string, detail: string, info: unknown) => {
    const message = describe(info);
    if (detail === mpegts.ErrorDetails.MEDIA_CODEC_UNSUPPORTED) {
      // e.g. "Flv: Unsupported codec in video frame: 2": the part after the last colon names the codec.
      handlers.onUnsupported(message.split(':').pop()?.trim() || 'unknown', message);
      return;
    }
    if (detail === mpegts.ErrorDetails.MEDIA_MSE_ERROR && errorCode(info) === notSupportedErrorCode) {
      // addSourceBuffer() refused the codec before MEDIA_INFO told us which one it was.
      const codec = videoCodec ?? videoCodecOf(player) ?? codecInMessage(message);
      handlers.onUnsupported(codec ? codecDisplayName(codec) : 'unknown', message);
      return;
    }
    const text = `${detail}${message ? `: ${message}` : ''}`;
    const isRefused = errorCode(info) === 401 || errorCode(info) === 403; // HttpStatusCodeInvalid { code }
    if (type === mpegts.ErrorTypes.NETWORK_ERROR && isRefused) handlers.onForbidden(text);
    else if (type === mpegts.ErrorTypes.NETWORK_ERROR) handlers.onNetworkError(text);
    else handlers.onMediaError(text);
  });
  const onMediaInfo = later((mediaInfo: { videoCodec?: string | null } | undefined) => {
    videoCodec = mediaInfo?.videoCodec ?? null;
    if (!videoCodec) return;
    handlers.onVideoCodec(videoCodec);
    const unsupported = unsupportedVideoCodec(videoCodec);
    if (unsupported) handlers.onUnsupported(unsupported, `MediaSource cannot play ${videoCodec}`);
  });
  // For a live stream, "complete" means the server closed it.
  const onLoadingComplete = later(() => handlers.onEnded());
  // Synchronous on purpose: the send time must be paired with the moment the data arrived.
  const onScriptData = (data: unknown) => {
    if (isStopped || !data || typeof data !== 'object') return;
    const clock = (data as Record<string, unknown>)[clockScriptName];
    if (clock && typeof clock === 'object' && 'sentAt' in clock && typeof clock.sentAt === 'number')
      handlers.onSendTime(clock.sentAt);
  };
  const onStatistics = (info: { speed?: number } | undefined) => {
    // mpegts.js reports the loader's speed in KiB/s.
    if (!isStopped && typeof info?.speed === 'number') handlers.onBitrate(info.speed * 1024 * 8);
  };
  const events = mpegts.Events;
  player.on(events.ERROR, onError);
  player.on(events.MEDIA_INFO, onMediaInfo);
  player.on(events.LOADING_COMPLETE, onLoadingComplete);
  if (events.SCRIPTDATA_ARRIVED) player.on(events.SCRIPTDATA_ARRIVED, onScriptData);
  if (events.STATISTICS_INFO) player.on(events.STATISTICS_INFO, onStatistics);

  return {
    get videoCodec() {
      return videoCodec;
    },
    start() {
      player.attachMediaElement(video);
      player.load();
      // Autoplay of a muted element is allowed; if play() is refused anyway, the watchdog sees no frames.
      Promise.resolve(player.play()).catch(() => undefined);
    },
    // Closing our own loader's connection is all a stop needs: no more data, no more events. A kind without
    // our loader (HTTP, or a worker's own) is released whole at once.
    stop() {
      if (isStopped) return;
      isStopped = true;
      player.off(events.ERROR, onError);
      player.off(events.MEDIA_INFO, onMediaInfo);
      player.off(events.LOADING_COMPLETE, onLoadingComplete);
      if (events.SCRIPTDATA_ARRIVED) player.off(events.SCRIPTDATA_ARRIVED, onScriptData);
      if (events.STATISTICS_INFO) player.off(events.STATISTICS_INFO, onStatistics);
      if (usesGatedLoader) loader?.abort();
      else release();
    },
    destroy() {
      this.stop();
      release();
    },
  };
}

/** The message of an mpegts.js error info (`{ code, msg }`) or anything else. */
function describe(info: unknown): string {
  if (typeof info === 'string') return info;
  if (info && typeof info === 'object' && 'msg' in info && typeof info.msg === 'string') return info.msg;
  return '';
}

/** The video codec mpegts.js has parsed so far, if any (MSE players only). */
function videoCodecOf(player: mpegts.Player): string | null {
  const info: unknown = player.mediaInfo;
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
