import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff';

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
});
