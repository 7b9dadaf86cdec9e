// The status a tile shows before its player has told it anything. Kept out of tile-player.ts so the tile
// component can use it without loading the player chunk (mpegts.js, hls.js).
import type { TilePlayerStatus } from './tile-player';

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
