// The hls.js engine, for platforms that offer only HLS; loaded on first use so walls without HLS never pay for it.
import type Hls from 'hls.js';
import type { ErrorData } from 'hls.js';
import type * as HlsNamespace from 'hls.js';
import { codecDisplayName, unsupportedVideoCodec } from './codec-support';
import type { EngineHandlers, PlayerEngine } from './player-engine';

type HlsModule = typeof HlsNamespace;

/**
 * Live tuning: low-latency mode for LL-HLS playlists, a live sync point three target durations back at most
 * (hls.js's own default), a back buffer bounded like mpegts.js's cleanup. hls.js holds the live edge itself
 * (TilePlayer's controller stays out: `holdsLatency`), catching up at most 5 % faster like our controller
 * (faster made Chromium drop frames in the video bench). hls.js retries recoverable errors itself; a fatal
 * error ends this engine and TilePlayer creates a new one after its backoff.
 */
const liveConfig = {
  lowLatencyMode: true,
  backBufferLength: 30,
  maxBufferLength: 10,
  maxLiveSyncPlaybackRate: 1.05,
  liveDurationInfinity: true,
  enableWorker: true,
  // No audio on wall tiles, and no captions.
  enableWebVTT: false,
  enableCEA708Captions: false,
} as const;

/**
 * The URL of hls.js's worker script. The ESM build Vite bundles has no inlined worker: without `workerPath`,
 * `enableWorker` silently transmuxes on the main thread. The script ships as an asset; hls.js shares one worker
 * between all its instances and terminates it with the last one. Undefined (main thread, hls.js's own
 * fallback) if the asset cannot be resolved, e.g. in a test run that mocks hls.js.
 */
let workerPath: Promise<string | undefined> | undefined;
function hlsWorkerPath(): Promise<string | undefined> {
  workerPath ??= import('hls.js/dist/hls.worker.js?url').then(
    (module: { default: string }) => module.default,
    () => undefined,
  );
  return workerPath;
}

export function createHlsEngine(
  video: HTMLVideoElement,
  url: string,
  handlers: EngineHandlers,
  load: () => Promise<HlsModule> = () => import('hls.js'),
): PlayerEngine {
  let isStopped = false;
  let hls: Hls | null = null;
  let videoCodec: string | null = null;

  const start = async () => {
    let module: HlsModule;
    try {
      module = await load();
    } catch (error) {
      if (!isStopped) handlers.onMediaError(`hls.js failed to load: ${String(error)}`);
      return;
    }
    if (isStopped) return;
    const HlsClass = module.default;
    if (!HlsClass.isSupported()) {
      handlers.onUnsupported('HLS', 'MediaSource is not available for hls.js');
      return;
    }
    const path = await hlsWorkerPath();
    if (isStopped) return;
    const instance = new HlsClass(path ? { ...liveConfig, workerPath: path } : liveConfig);
    hls = instance;
    const { Events, ErrorTypes, ErrorDetails } = HlsClass;
    instance.on(Events.BUFFER_CODECS, (_event, data) => {
      const codec = data.video?.codec ?? data.audiovideo?.codec;
      if (!codec || isStopped) return;
      videoCodec = codec;
      handlers.onVideoCodec(codec);
      const unsupported = unsupportedVideoCodec(codec);
      if (unsupported) handlers.onUnsupported(unsupported, `MediaSource cannot play ${codec}`);
    });
    instance.on(Events.FRAG_LOADED, (_event, data) => {
      const { stats, programDateTime, duration } = data.frag;
      const seconds = (stats.loading.end - stats.loading.start) / 1000;
      if (isStopped) return;
      if (seconds > 0) handlers.onBitrate((stats.loaded * 8) / Math.max(seconds, duration));
      // EXT-X-PROGRAM-DATE-TIME dates the segment's first frame: its last frame, now at the buffered end, was
      // made one segment later. That is the send time for the latency figure (buffer + transit).
      if (programDateTime !== null) handlers.onSendTime(programDateTime + duration * 1000);
    });
    instance.on(Events.ERROR, (_event, data: ErrorData) => {
      if (isStopped || !data.fatal) return;
      // Defer: hls.js is still inside its own call stack, and the handler may destroy this engine.
      queueMicrotask(() => {
        if (isStopped) return;
        const detail = `${data.details}${data.error?.message ? `: ${data.error.message}` : ''}`;
        if (
          data.details === ErrorDetails.MANIFEST_INCOMPATIBLE_CODECS_ERROR ||
          data.details === ErrorDetails.BUFFER_ADD_CODEC_ERROR ||
          data.details === ErrorDetails.BUFFER_INCOMPATIBLE_CODECS_ERROR
        ) {
          handlers.onUnsupported(videoCodec ? codecDisplayName(videoCodec) : 'unknown', detail);
        } else if (data.type === ErrorTypes.NETWORK_ERROR && [401, 403].includes(data.response?.code ?? 0)) {
          handlers.onForbidden(`${detail} (HTTP ${data.response!.code})`);
        } else if (data.type === ErrorTypes.NETWORK_ERROR) {
          handlers.onNetworkError(detail);
        } else {
          handlers.onMediaError(detail);
        }
      });
    });
    instance.attachMedia(video);
    instance.loadSource(url);
    Promise.resolve(video.play()).catch(() => undefined);
  };

  return {
    get videoCodec() {
      return videoCodec;
    },
    holdsLatency: true,
    start() {
      void start();
    },
    stop() {
      if (isStopped) return;
      isStopped = true;
      try {
        video.pause();
        hls?.stopLoad();
      } catch (error) {
        console.warn('[hls-engine] stop failed', error);
      }
    },
    destroy() {
      this.stop();
      const instance = hls;
      hls = null;
      if (!instance) return;
      try {
        instance.detachMedia();
        instance.destroy(); // also removes every listener
      } catch (error) {
        console.warn('[hls-engine] destroy failed', error);
      }
    },
  };
}
