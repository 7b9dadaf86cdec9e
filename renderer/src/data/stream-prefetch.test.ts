// The prefetch schedule: at once, then every turn after the answer; failures wait for the next turn; stop ends it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startStreamPrefetch } from './stream-prefetch';
import type { StreamSource } from './stream-resolver';

const source = (cameraId: string): StreamSource => ({
  cameraId,
  profile: 'sub',
  kind: 'ws-flv',
  url: `ws://media/${cameraId}.flv`,
});

describe('startStreamPrefetch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('primes at once and again every turn, counted from each answer', async () => {
    let calls = 0;
    const primed: string[][] = [];
    const stop = startStreamPrefetch(
      async () => [source(`cam-${++calls}`)],
      (sources) => primed.push(sources.map((entry) => entry.cameraId)),
      45_000,
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(primed).toEqual([['cam-1']]);
    await vi.advanceTimersByTimeAsync(44_999);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(primed).toEqual([['cam-1'], ['cam-2']]);
    stop();
    await vi.advanceTimersByTimeAsync(200_000);
    expect(calls).toBe(2);
  });

  it('logs a failed ask, keeps what was primed and asks again at the next turn', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const answers = [Promise.reject(new Error('core away')), Promise.resolve([source('cam-9')])];
    const prime = vi.fn();
    const stop = startStreamPrefetch(() => answers.shift()!, prime, 1_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(prime).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('could not resolve'), expect.any(Error));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(prime).toHaveBeenCalledWith([source('cam-9')]);
    stop();
    warn.mockRestore();
  });

  it('drops an answer that arrives after stop', async () => {
    let answer: (sources: StreamSource[]) => void = () => undefined;
    const prime = vi.fn();
    const stop = startStreamPrefetch(() => new Promise((resolve) => (answer = resolve)), prime, 1_000);
    stop();
    answer([source('cam-1')]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(prime).not.toHaveBeenCalled();
  });
});
