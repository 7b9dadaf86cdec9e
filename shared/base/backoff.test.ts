// The one backoff: exponential, capped, jittered downwards only, for the core's adapters and the renderer alike.
import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay } from './backoff';

describe('Backoff', () => {
  it('doubles up to the cap, jitters within [cap/2, cap], and starts over after a success', () => {
    const low = new Backoff({ initialMs: 100, maxMs: 1_000 }, () => 0);
    expect([1, 2, 3, 4, 5, 6].map(() => low.next())).toEqual([50, 100, 200, 400, 500, 500]);
    const high = new Backoff({ initialMs: 100, maxMs: 1_000 }, () => 1);
    expect([1, 2, 3, 4, 5].map(() => high.next())).toEqual([100, 200, 400, 800, 1_000]);
    high.reset();
    expect(high.next()).toBe(100);
  });

  it('spreads delays of many clients instead of retrying in lock-step', () => {
    const delays = Array.from({ length: 200 }, () => {
      const backoff = new Backoff({ initialMs: 1_000, maxMs: 30_000 });
      for (let index = 0; index < 5; index++) backoff.next();
      return backoff.next();
    });
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(15_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(30_000);
    expect(new Set(delays).size).toBeGreaterThan(150);
  });

  it('never waits longer than the cap, whatever the jitter or the attempt', () => {
    const options = { initialMs: 500, maxMs: 10_000, jitter: 0.3 };
    expect([0, 1, 2, 5, 6, 1_000].map((attempt) => backoffDelay(attempt, options, () => 1))).toEqual([
      500, 1_000, 2_000, 10_000, 10_000, 10_000,
    ]);
    expect(backoffDelay(6, options, () => 0)).toBe(7_000);
    expect(backoffDelay(-2, options, () => 1)).toBe(500);
    expect(backoffDelay(3, { ...options, jitter: 7 }, () => 0)).toBe(0);
  });
});
