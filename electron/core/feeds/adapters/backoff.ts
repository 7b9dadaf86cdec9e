// Reconnect delays for every adapter: exponential, capped, with full jitter, so a room full of walls does not
// hammer a recovering backend in lock-step (MQTT.js alone would retry every second, forever).
import type { BackoffOptions } from '@shared/model/source';

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

  /** The delay before the next attempt: uniform in [cap/2, cap] where cap = min(max, initial·2^attempt). */
  next(): number {
    const cap = Math.min(this.options.maxMs, this.options.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    // Half fixed, half random: never zero (no tight loop) yet spread enough to break synchrony.
    return Math.round(cap / 2 + (cap / 2) * this.random());
  }

  reset(): void {
    this.attempt = 0;
  }
}
