import { afterEach, describe, expect, it, vi } from 'vitest';
import { pendingReleases, releaseLater, releasePending } from './release-queue';

afterEach(() => {
  releasePending();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('release queue', () => {
  it('runs releases in idle periods, as many as each period has room for, and within a second at most', () => {
    const idle: Array<{ callback: IdleRequestCallback; timeout?: number }> = [];
    vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback, options?: IdleRequestOptions) => {
      idle.push({ callback, timeout: options?.timeout });
      return idle.length;
    });
    vi.stubGlobal('cancelIdleCallback', () => undefined);
    const released: number[] = [];
    for (let index = 0; index < 3; index++) releaseLater(() => released.push(index));
    expect(released).toEqual([]);
    expect(idle).toHaveLength(1);
    expect(idle[0]!.timeout).toBe(1_000);

    // A short idle period: one release, and the rest wait for the next period.
    idle.shift()!.callback({ didTimeout: false, timeRemaining: () => 1 });
    expect(released).toEqual([0]);
    expect(pendingReleases()).toBe(2);
    // The deadline passed without an idle period: everything goes.
    idle.shift()!.callback({ didTimeout: true, timeRemaining: () => 0 });
    expect(released).toEqual([0, 1, 2]);
    expect(idle).toHaveLength(0);
  });

  it('a drain forced by the deadline yields after 10 ms and leaves the rest for the next call', () => {
    const idle: IdleRequestCallback[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback) => idle.push(callback));
    vi.stubGlobal('cancelIdleCallback', () => undefined);
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const released: number[] = [];
    // Each release blocks the page 6 ms, as destroying a media pipeline does.
    for (let index = 0; index < 5; index++) releaseLater(() => ((now += 6), released.push(index)));
    idle.shift()!({ didTimeout: true, timeRemaining: () => 0 });
    expect(released).toEqual([0, 1]);
    expect(idle).toHaveLength(1);
    idle.shift()!({ didTimeout: true, timeRemaining: () => 0 });
    expect(released).toEqual([0, 1, 2, 3]);
    idle.shift()!({ didTimeout: false, timeRemaining: () => 40 });
    expect(released).toEqual([0, 1, 2, 3, 4]);
    expect(pendingReleases()).toBe(0);
    vi.restoreAllMocks();
  });

  it('goes on after a release that throws, and releasePending runs everything at once', () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const released: string[] = [];
    releaseLater(() => {
      throw new Error('detach failed');
    });
    releaseLater(() => released.push('video'));
    releasePending();
    expect(released).toEqual(['video']);
    expect(warn).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(10);
    expect(released).toEqual(['video']);
    warn.mockRestore();
  });
});
