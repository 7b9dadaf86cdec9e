// How long a tile waits before its next reconnect: the shared capped exponential backoff with jitter
// (shared/base/backoff.ts), in the video code's terms (a base delay, attempts counted from 1).
import { backoffDelay } from '@shared/base/backoff';

/** Tuning of the reconnect backoff. */
export interface BackoffOptions {
  /** Delay before the first retry, in ms. */
  readonly baseMs: number;
  /** Upper bound of any delay, in ms (reached after a few attempts, then kept forever). */
  readonly maxMs: number;
  /**
   * Share of the delay that is random, 0..1. Jitter spreads the reconnects of many tiles after a media-server
   * restart so they do not all hit it in the same instant.
   */
  readonly jitter: number;
}

/** Defaults: 1 s, 2 s, 4 s … capped at 30 s, each shortened by up to 30 %. */
export const defaultBackoff: BackoffOptions = { baseMs: 1_000, maxMs: 30_000, jitter: 0.3 };

/**
 * The delay before reconnect attempt `attempt` (1 for the first retry). Never above `maxMs`: the jitter only
 * shortens the delay, within `[capped × (1 − jitter), capped]`.
 */
export function reconnectDelay(
  attempt: number,
  options: BackoffOptions = defaultBackoff,
  random: () => number = Math.random,
): number {
  // Here a draw of 0 keeps the whole delay; the shared function gives its shortest delay for 0.
  const shared = { initialMs: options.baseMs, maxMs: options.maxMs, jitter: options.jitter };
  return backoffDelay(attempt - 1, shared, () => 1 - random());
}
