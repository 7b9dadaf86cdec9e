// The reconnect backoff: exponential, capped, jittered downwards only.
import { describe, expect, it } from 'vitest';
import { defaultBackoff, reconnectDelay } from './reconnect-delay';

describe('reconnectDelay', () => {
  it('doubles from the base delay and stays at the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 100].map((attempt) =>
      reconnectDelay(attempt, defaultBackoff, () => 0),
    );
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('jitter only shortens the delay, by at most the jitter share', () => {
    expect(reconnectDelay(6, defaultBackoff, () => 0.999_999)).toBe(21_000);
    for (let index = 0; index < 200; index++) {
      const delay = reconnectDelay(10, defaultBackoff);
      expect(delay).toBeGreaterThanOrEqual(21_000);
      expect(delay).toBeLessThanOrEqual(30_000);
    }
  });

  it('treats attempt 0 or less like the first attempt', () => {
    expect(reconnectDelay(0, defaultBackoff, () => 0)).toBe(1_000);
    expect(reconnectDelay(-3, defaultBackoff, () => 0)).toBe(1_000);
  });
});
