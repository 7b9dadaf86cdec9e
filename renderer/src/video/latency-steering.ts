// One step of the latency controller on a playing element: reads the buffer, asks the policy
// (latency-control.ts) and applies its answer to the element.
import { bufferedRangeAt, latencyAction } from './latency-control';

/** The first seconds of playback, in which the latency controller jumps over a key-frame cache (latency-control.ts). */
export const startingWindowMs = 3_000;

/** What the element cannot tell: the server-to-here transit, and the tile's start-up. */
export interface SteeringContext {
  readonly transitMs: number | null;
  /** When frames started advancing after the last failure (ms since epoch), or null. */
  readonly playingSince: number | null;
  /** Whether the tile holds its first picture for other tiles (asked only when there is a buffer to steer). */
  readonly waitsForOtherTiles: () => boolean;
}

/** Seeks, speeds up, holds or resumes `video` to keep it `targetSeconds` behind the live edge. */
export function steerLatency(video: HTMLVideoElement, context: SteeringContext, targetSeconds: number): void {
  const range = bufferedRangeAt(video.buffered, video.currentTime);
  if (!range) return;
  const { playingSince } = context;
  const action = latencyAction(
    {
      currentTime: video.currentTime,
      bufferedStart: range.start,
      bufferedEnd: range.end,
      transitSeconds: (context.transitMs ?? 0) / 1000,
      playbackRate: video.playbackRate,
      isStarting: playingSince !== null && Date.now() - playingSince < startingWindowMs,
      waitsForOtherTiles: context.waitsForOtherTiles(),
    },
    targetSeconds,
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
