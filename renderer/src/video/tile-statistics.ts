// A tile player's live figures (latency, frames, bitrate …) and the element counters they are read from.
import { bufferedRangeAt } from './latency-control';
import type { TilePlayerState } from './tile-status';

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

/** The decoded-frame counter of a video element (Chromium also has the older webkit counter). */
export function readDecodedFrames(video: HTMLVideoElement): number {
  const quality =
    typeof video.getVideoPlaybackQuality === 'function' ? video.getVideoPlaybackQuality() : null;
  if (quality) return quality.totalVideoFrames;
  return (video as HTMLVideoElement & { webkitDecodedFrameCount?: number }).webkitDecodedFrameCount ?? 0;
}

/** What a player knows beyond its element, for `readStatistics`. */
export type PlayerFigures = Omit<
  TileStatistics,
  'latencyMs' | 'bufferMs' | 'decodedFrames' | 'droppedFrames' | 'playbackRate'
> & {
  /** Whether an engine feeds the element now (no engine: no buffer worth reading). */
  readonly hasEngine: boolean;
};

/** A tile's live figures now: the buffer and frame counters read from `video` at this moment. */
export function readStatistics(video: HTMLVideoElement, figures: PlayerFigures): TileStatistics {
  const { hasEngine, ...known } = figures;
  const quality = playbackQuality(video);
  const range = hasEngine ? bufferedRangeAt(video.buffered, video.currentTime) : null;
  const bufferMs = range ? Math.max(0, (range.end - video.currentTime) * 1000) : null;
  return {
    ...known,
    latencyMs: bufferMs === null ? null : Math.round(bufferMs + Math.max(0, known.transitMs ?? 0)),
    bufferMs: bufferMs === null ? null : Math.round(bufferMs),
    decodedFrames: quality.decoded,
    droppedFrames: quality.dropped,
    playbackRate: video.playbackRate,
  };
}

/** Decoded and dropped frame counters of an element (zeros where the DOM does not decode). */
function playbackQuality(video: HTMLVideoElement): { decoded: number; dropped: number } {
  const quality =
    typeof video.getVideoPlaybackQuality === 'function' ? video.getVideoPlaybackQuality() : null;
  return { decoded: quality?.totalVideoFrames ?? 0, dropped: quality?.droppedVideoFrames ?? 0 };
}
