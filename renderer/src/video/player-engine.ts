// The one interface both stream engines (mpegts.js for FLV/TS, hls.js for HLS) present to TilePlayer.
import type { StreamKind } from '@shared/model/camera';

/** What an engine reports; TilePlayer guards every callback with its generation check. */
export interface EngineHandlers {
  /** A network failure (refused, reset, HTTP error): the tile goes offline and reconnects. */
  onNetworkError(detail: string): void;
  /**
   * The media server refused this viewer with HTTP 401 or 403 (an auth hook, an expired token): the tile says
   * 无权限 and keeps retrying at its backoff, since the permission may be granted at any time. Over WebSocket a
   * browser never learns the status of a refused upgrade: such a refusal is an ordinary network error.
   */
  onForbidden(detail: string): void;
  /** A media pipeline failure (demux, MSE): the tile shows an error and reconnects. */
  onMediaError(detail: string): void;
  /** The stream ended (for live: the server closed it). */
  onEnded(): void;
  /** The stream's RFC 6381 video codec, once known (e.g. `avc1.4d401e`, `hvc1.1.6.L93.B0`). */
  onVideoCodec(videoCodec: string): void;
  /** This browser cannot decode the stream: `codec` is a display name (`H.265`) or the codec string. */
  onUnsupported(codec: string, detail: string): void;
  /** The media server's wall-clock send time of the frames arriving now (ms since epoch), when it tells. */
  onSendTime(sentAt: number): void;
  /** Bytes per second received, as the engine measured it. */
  onBitrate(bitsPerSecond: number): void;
}

/** A live stream engine feeding one `<video>` element. Created per connection attempt, never reused. */
export interface PlayerEngine {
  /** Attaches to the element and starts loading and playing. May throw; the caller treats that as a media error. */
  start(): void;
  /**
   * Stops at once and cheaply: closes the connection and removes every listener, so nothing more arrives and no
   * event reaches the handlers; never throws. The element keeps its MediaSource until `destroy()` (an engine
   * that cannot stop cheaply destroys itself here).
   */
  stop(): void;
  /** `stop()` if not yet, then detach and release the MediaSource; never throws. Idempotent. */
  destroy(): void;
  /** The video codec the engine has parsed so far, if any. */
  readonly videoCodec: string | null;
  /**
   * The engine keeps the playhead at its own live edge (hls.js's live sync: segments arrive a whole segment
   * at a time, so chasing a 1 s target inside the buffer would only run it dry); TilePlayer's latency
   * controller then leaves the element alone. Absent: false.
   */
  readonly holdsLatency?: boolean;
}

/** What an engine is asked to play: one stream, as resolved for a tile. */
export interface EngineStream {
  readonly url: string;
  readonly kind: StreamKind;
  /** Whether to demux audio (wall tiles are muted; see `TilePlayerOptions.hasAudio`). */
  readonly hasAudio: boolean;
}

/** Why a browser cannot play a stream kind at all: the tile is `unsupported` with these words. */
export interface EngineUnavailable {
  /** Shown as the codec the tile cannot play (e.g. `MSE`). */
  readonly codec: string;
  readonly detail: string;
}

/** Makes the engines of one library; TilePlayer asks it for a new engine at every connection attempt. */
export interface EngineFactory {
  /**
   * Why this browser cannot run the library at all (e.g. no MediaSource), asked once when a tile is created:
   * the tile is then `unsupported` at once, with no connection and no retries. Absent or null: it can.
   */
  unavailable?(): EngineUnavailable | null;
  /** A new engine for one connection attempt; TilePlayer calls its `start()`. */
  create(video: HTMLVideoElement, stream: EngineStream, handlers: EngineHandlers): PlayerEngine;
}

/**
 * Which factory plays each stream kind; a kind without one is `unsupported`. Injected into TilePlayer, so
 * tests play every kind with one fake engine; production uses `defaultEngines` (engines.ts).
 */
export type EngineTable = Readonly<Partial<Record<StreamKind, EngineFactory>>>;
