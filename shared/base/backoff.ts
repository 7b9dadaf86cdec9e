// Retry delays for everything that reconnects (feed adapters, the window's WebSocket, video tiles):
// exponential, capped, with jitter, so a room full of walls does not hammer a recovering server in lock-step.

/** Tuning of a backoff. */
export interface BackoffOptions {
  /** Delay before the first retry, in ms. */
  readonly initialMs: number;
  /** Upper bound of any delay, in ms (reached after a few attempts, then kept). */
  readonly maxMs: number;
  /**
   * Share of the delay that is random, 0..1 (default 0.5). The jitter only shortens: a delay lies in
   * `[capped × (1 − jitter), capped]`, never above `maxMs`, and never zero unless jitter is 1.
   */
  readonly jitter?: number;
}

/**
 * The delay before retry number `attempt` (0 for the first retry; below 0 counts as 0):
 * `capped = min(maxMs, initialMs × 2^attempt)`, shortened by `jitter × (1 − random())` of itself, so a random
 * draw of 0 gives the shortest delay and one near 1 the longest.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(attempt, 30));
  const capped = Math.min(options.maxMs, options.initialMs * 2 ** exponent);
  const jitter = Math.min(Math.max(options.jitter ?? 0.5, 0), 1);
  return Math.round(capped * (1 - jitter * (1 - random())));
}

/** A backoff that counts its own attempts: `next()` after each failure, `reset()` after a success. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly options: BackoffOptions,
    private readonly random: () => number = Math.random,
  ) {}

  /** Failed attempts since the last success. */
  get attempts(): number {
    return this.attempt;
  }

  /** The delay before the next attempt; counts the attempt. */
  next(): number {
    return backoffDelay(this.attempt++, this.options, this.random);
  }

  reset(): void {
    this.attempt = 0;
  }
}
