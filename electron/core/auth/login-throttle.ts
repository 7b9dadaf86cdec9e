// Repeated wrong passwords slow down, then lock the account for a while. Pure bookkeeping on an injected time:
// no timers, the caller honours the delays by being refused until then.

/** Wrong passwords that cost nothing (typos), before the delay starts growing. */
const freeFailures = 2;
/** The delay doubles from one second up to this. */
const maxDelayMs = 30_000;

/**
 * How long after the `failures`-th wrong password in a row the next attempt is accepted:
 * 0, 0, 1, 2, 4, 8, 16, 30, 30 … seconds (1-based). With the default lock after 10, guessing costs about
 * 91 s per 10 tries, then the lock.
 */
export function retryDelayMs(failures: number): number {
  if (failures <= freeFailures) return 0;
  return Math.min(1_000 * 2 ** (failures - freeFailures - 1), maxDelayMs);
}

/** Where one account (or one unknown id: they must behave alike) stands. */
export type ThrottleState =
  | { readonly kind: 'open' }
  | { readonly kind: 'wait'; readonly retryAt: number }
  | { readonly kind: 'locked'; readonly until: number };

interface Attempts {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
  /** A password check is running: a second attempt now would slip past the delay the first may set. */
  isChecking: boolean;
}

/**
 * Unknown ids are tracked like real ones, so that locking cannot tell which accounts exist; the table is bounded
 * (oldest forgotten first) so a flood of made-up ids cannot fill memory.
 */
const maxTrackedIds = 10_000;

export class LoginThrottle {
  private readonly attempts = new Map<string, Attempts>();

  constructor(
    private readonly lockAfterFailures: number,
    private readonly lockMs: number,
  ) {}

  /** May an attempt for `id` be checked now? Failures older than the lock period are forgotten. */
  state(id: string, now: number): ThrottleState {
    const attempts = this.attempts.get(id);
    if (!attempts) return { kind: 'open' };
    if (attempts.lockedUntil > now) return { kind: 'locked', until: attempts.lockedUntil };
    if (attempts.isChecking) return { kind: 'wait', retryAt: now };
    // A lock served, or failures long enough ago: a fresh start.
    if (attempts.lockedUntil > 0 || now - attempts.lastFailureAt >= this.lockMs) {
      this.attempts.delete(id);
      return { kind: 'open' };
    }
    const retryAt = attempts.lastFailureAt + retryDelayMs(attempts.failures);
    return retryAt > now ? { kind: 'wait', retryAt } : { kind: 'open' };
  }

  /** A password check for `id` starts: until it ends, other attempts for `id` wait. */
  begin(id: string): void {
    const attempts = this.attempts.get(id);
    if (attempts) attempts.isChecking = true;
    else this.remember(id, { failures: 0, lastFailureAt: 0, lockedUntil: 0, isChecking: true });
  }

  /** The password was right: the account starts afresh. */
  succeeded(id: string): void {
    this.attempts.delete(id);
  }

  /** The check ended without counting (a disabled account with the right password). */
  ended(id: string): void {
    const attempts = this.attempts.get(id);
    if (!attempts) return;
    attempts.isChecking = false;
    if (attempts.failures === 0 && attempts.lockedUntil === 0) this.attempts.delete(id);
  }

  /** The password was wrong: the next state (a wait, or the lock that this failure started). */
  failed(id: string, now: number): ThrottleState & { readonly failures: number } {
    const attempts = this.attempts.get(id) ?? {
      failures: 0,
      lastFailureAt: 0,
      lockedUntil: 0,
      isChecking: false,
    };
    attempts.isChecking = false;
    attempts.failures += 1;
    attempts.lastFailureAt = now;
    this.remember(id, attempts);
    const failures = attempts.failures;
    if (failures >= this.lockAfterFailures) {
      attempts.failures = 0;
      attempts.lockedUntil = now + this.lockMs;
      return { kind: 'locked', until: attempts.lockedUntil, failures };
    }
    const retryAt = now + retryDelayMs(failures);
    return retryAt > now ? { kind: 'wait', retryAt, failures } : { kind: 'open', failures };
  }

  /** Moves `id` to the newest end of the table and forgets the oldest id beyond the bound. */
  private remember(id: string, attempts: Attempts): void {
    this.attempts.delete(id);
    this.attempts.set(id, attempts);
    if (this.attempts.size > maxTrackedIds) {
      const oldest = this.attempts.keys().next().value;
      if (oldest !== undefined) this.attempts.delete(oldest);
    }
  }
}
