import { describe, expect, it } from 'vitest';
import { LoginThrottle, retryDelayMs } from './login-throttle';

describe('login throttle', () => {
  it('waits 0, 0, 1, 2, 4, 8, 16, 30, 30 s after the 1st … 9th wrong password', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((failures) => retryDelayMs(failures) / 1_000)).toEqual([
      0, 0, 1, 2, 4, 8, 16, 30, 30,
    ]);
  });

  it('keeps a second attempt waiting while the first is being checked', () => {
    const throttle = new LoginThrottle(10, 15 * 60_000);
    throttle.begin('operator');
    expect(throttle.state('operator', 0)).toEqual({ kind: 'wait', retryAt: 0 });
    throttle.failed('operator', 0);
    expect(throttle.state('operator', 0)).toEqual({ kind: 'open' });
  });

  it('forgets failures after a quiet lock period', () => {
    const throttle = new LoginThrottle(10, 60_000);
    for (let index = 0; index < 5; index += 1) throttle.failed('operator', 0);
    expect(throttle.state('operator', 1_000).kind).toBe('wait');
    expect(throttle.state('operator', 60_000)).toEqual({ kind: 'open' });
    expect(throttle.failed('operator', 60_000).failures).toBe(1);
  });
});
