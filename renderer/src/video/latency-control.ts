// Holds a live tile's latency under its target: jump to the live edge when far behind, gently speed up
// when slightly behind. Pure, so the policy is tested without a browser.

/** What the controller sees at one tick (seconds). */
export interface LatencyReading {
  /** `video.currentTime`. */
  readonly currentTime: number;
  /** Start and end of the buffered range that holds `currentTime` (or the last range). */
  readonly bufferedStart: number;
  readonly bufferedEnd: number;
  /** Delay from the server's send time to arrival, when the server tells it (else 0). */
  readonly transitSeconds: number;
  /** The element's current playback rate. */
  readonly playbackRate: number;
  /**
   * The tile has just started playing (its first seconds): what is buffered then is the server's key-frame
   * cache — up to a GOP the tile had to start with — not a delay the network built up.
   */
  readonly isStarting?: boolean;
  /**
   * The tile has its first picture while other tiles of the page still wait for theirs (first-frame-wait.ts):
   * it holds that picture, paused, until they have it, so that their start is not slowed by its decoding.
   */
  readonly waitsForOtherTiles?: boolean;
}

/** What to do: seek to `seekTo` (if set) and play at `playbackRate` — or hold the picture, paused. */
export interface LatencyAction {
  readonly seekTo: number | null;
  readonly playbackRate: number;
  /** Pause on the picture shown (a starting tile waiting for the others); play otherwise. */
  readonly holds?: boolean;
}

/**
 * The fastest catch-up rate. Measured with the video bench (16 × 360p WS-FLV, headless Chromium, 2 cores):
 * catching up at up to 1.2× dropped 18 % of frames, at 1.05× 0.45 % (1.0×: 0.15 %, but p95 latency 0.65 s
 * instead of 0.42 s): Chromium's renderer drops frames to keep a faster cadence, so catch up slowly.
 */
export const maximumCatchUpRate = 1.05;

/** A starting tile jumps when more than this is buffered beyond its aim (seconds). */
export const startupJumpSeconds = 0.2;

/**
 * The policy, for a target latency T (seconds, default 1.0):
 * - latency = buffered-ahead + transit; the controller acts on the buffered part, the only part it owns;
 * - far behind (latency above T + 0.5 s, or 1.5 T) with more than 0.5 s buffered: seek to 0.3 T before the
 *   buffered end — within the buffer, so the picture continues instead of going black (mpegts.js#13);
 * - slightly behind (above 0.3 T): play up to 5 % faster, proportionally, until back at 0.3 T; never
 *   faster with less than 0.2 s buffered (that would only run dry and freeze);
 * - just started, while other tiles of the page still wait for their first picture (`waitsForOtherTiles`):
 *   hold the first picture, paused — at a scenario switch, 16–36 starting tiles share two cores, and each
 *   one that plays on decodes 25 frames a second that the last ones are waiting for;
 * - just started (`isStarting`) with more than 0.2 s beyond the aim buffered (a server's key-frame cache):
 *   seek to the aim at once;
 * - `currentTime` before the buffered range (a gap after a reconnect or cleanup): seek to its start.
 * Aiming at 0.3 T rather than T keeps the tile well under its target through network jitter.
 */
export function latencyAction(reading: LatencyReading, targetSeconds: number): LatencyAction {
  const { currentTime, bufferedStart, bufferedEnd, transitSeconds } = reading;
  const ahead = bufferedEnd - currentTime;
  const aim = 0.3 * targetSeconds;
  if (reading.waitsForOtherTiles) return { seekTo: null, playbackRate: 1, holds: true };
  if (bufferedEnd <= bufferedStart) return { seekTo: null, playbackRate: 1 };
  if (currentTime < bufferedStart - 0.01) return { seekTo: bufferedStart + 0.01, playbackRate: 1 };
  const latency = ahead + Math.max(0, transitSeconds);
  const farBehind = Math.max(targetSeconds + 0.5, 1.5 * targetSeconds);
  if (latency > farBehind && ahead > 0.5) {
    return { seekTo: Math.max(bufferedStart, bufferedEnd - aim), playbackRate: 1 };
  }
  // A tile that starts with a cached GOP buffered ahead jumps over it at once: catching up at 5 % would take
  // ~15 s per second of GOP, and a picture seconds old moves to live before anyone has looked at it.
  if (reading.isStarting && ahead > aim + startupJumpSeconds) {
    return { seekTo: bufferedEnd - aim, playbackRate: 1 };
  }
  if (ahead < 0.2 || latency <= aim) return { seekTo: null, playbackRate: 1 };
  const rate = 1 + Math.min(maximumCatchUpRate - 1, (latency - aim) * 0.4);
  return { seekTo: null, playbackRate: Math.round(rate * 100) / 100 };
}

/** The buffered range that contains `time`, or the last one; null when nothing is buffered. */
export function bufferedRangeAt(
  buffered: { readonly length: number; start(index: number): number; end(index: number): number },
  time: number,
): { start: number; end: number } | null {
  if (buffered.length === 0) return null;
  for (let index = 0; index < buffered.length; index++) {
    if (time >= buffered.start(index) - 0.05 && time <= buffered.end(index) + 0.05)
      return { start: buffered.start(index), end: buffered.end(index) };
  }
  const last = buffered.length - 1;
  return { start: buffered.start(last), end: buffered.end(last) };
}
