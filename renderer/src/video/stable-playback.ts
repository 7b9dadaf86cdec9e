// When a failure starts the reconnect backoff over: only after stable playback, so a flapping stream keeps
// backing off instead of retrying every few seconds forever.
import type { TilePlayerStatus } from './tile-status';

/**
 * Playback this long (ms) counts as recovered: the next failure starts the backoff from its first step.
 * Longer than a server's key-frame cache plays (the latency controller jumps over a cache of more than
 * 1.5 s, so that is at most about 1.5 s), so a stream that plays its cache and freezes again keeps backing
 * off; short enough that a wall back from a media-server restart starts the next outage at the 1 s step.
 * (Stalls are throttled by the watchdog anyway; the backoff matters for fast failures such as refusals.)
 */
export const stablePlaybackMs = 3_000;

/** A failure of a tile player, and what it knew when it happened. */
export interface FailureMoment {
  readonly state: 'stalled' | 'offline' | 'error' | 'forbidden';
  /** The player's status just before the failure. */
  readonly status: TilePlayerStatus;
  /** When frames started advancing after the previous failure (ms since epoch), or null. */
  readonly playingSince: number | null;
  readonly now: number;
  readonly watchdogIntervalMs: number;
  /** Playback this long counts as recovered (`stablePlaybackMs` unless tuned). */
  readonly stableMs: number;
}

/**
 * Whether the playback this failure ended was stable. A reconnect that plays a second of a server's key-frame
 * cache and freezes again is not a recovery. Frames seen at the last watchdog tick and the server closes the
 * stream now: they advanced until now.
 */
export function endedStablePlayback(failure: FailureMoment): boolean {
  const { status, playingSince, now } = failure;
  const lastFrameAt = status.lastFrameAt;
  const wasAdvancing =
    failure.state !== 'stalled' &&
    status.state === 'playing' &&
    lastFrameAt !== null &&
    now - lastFrameAt <= 1.5 * failure.watchdogIntervalMs;
  const lastProgressAt = wasAdvancing ? now : lastFrameAt;
  return (
    playingSince !== null && lastProgressAt !== null && lastProgressAt - playingSince >= failure.stableMs
  );
}
