// What a tile player says about itself (state and status), and the status a tile shows before its player has
// told it anything. Kept out of tile-player.ts so the tile component can use them without loading the player
// chunk (mpegts.js, hls.js).

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

/** A fresh "connecting" status: no attempt yet, no frame yet. */
export function connectingStatus(): TilePlayerStatus {
  return {
    state: 'connecting',
    reconnectAttempt: 0,
    reconnectCount: 0,
    lastFrameAt: null,
    codec: null,
    detail: null,
  };
}
