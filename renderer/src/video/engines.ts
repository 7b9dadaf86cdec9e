// The production table from stream kind to engine: mpegts.js for FLV and MPEG-TS, hls.js for HLS.
import { createHlsEngine } from './hls-engine';
import { createMpegtsEngine, isMpegtsSupported } from './mpegts-engine';
import type { EngineFactory, EngineTable } from './player-engine';

/** mpegts.js: needs MediaSource, checked once per tile before it connects. */
const mpegtsEngines: EngineFactory = {
  unavailable: () => (isMpegtsSupported() ? null : { codec: 'MSE', detail: 'MediaSource is not available' }),
  create: (video, stream, handlers) =>
    createMpegtsEngine(video, stream.url, stream.kind, handlers, { hasAudio: stream.hasAudio }),
};

/** hls.js, loaded on first use; it reports a missing MediaSource itself (`onUnsupported('HLS', …)`). */
const hlsEngines: EngineFactory = {
  create: (video, stream, handlers) => createHlsEngine(video, stream.url, handlers),
};

/** Every stream kind a camera platform may offer, and the engine that plays it. */
export const defaultEngines: EngineTable = {
  'ws-flv': mpegtsEngines,
  'http-flv': mpegtsEngines,
  'ws-ts': mpegtsEngines,
  'http-ts': mpegtsEngines,
  hls: hlsEngines,
};
