// The per-window flush policy: latest value per topic, at once when idle, at most one batch per interval.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TopicValue } from '@shared/model/feed';
import { TopicCoalescer } from './topic-coalescer';

const value = (topic: string, number: number, ts = number): TopicValue => ({ topic, value: number, ts });

describe('TopicCoalescer', () => {
  let batches: TopicValue[][];
  let coalescer: TopicCoalescer;

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    batches = [];
    coalescer = new TopicCoalescer((values) => batches.push(values), { intervalMs: 100 });
  });
  afterEach(() => {
    coalescer.dispose();
    vi.useRealTimers();
  });

  it('sends the first value after idle in the next task, together with values of the same task', () => {
    coalescer.offer([value('a', 1)]);
    coalescer.offer([value('b', 2)]);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(batches).toEqual([[value('a', 1), value('b', 2)]]);
  });

  it('keeps only the latest value per topic within a batch', () => {
    coalescer.offer([value('a', 1), value('b', 2)]);
    coalescer.offer([value('a', 3)]);
    vi.advanceTimersByTime(0);
    expect(batches).toEqual([[value('a', 3), value('b', 2)]]);
  });

  it('under a steady stream sends at most one batch per interval, each no later than an interval', () => {
    const sentAt: number[] = [];
    coalescer = new TopicCoalescer(() => sentAt.push(Date.now()), { intervalMs: 100 });
    const start = Date.now();
    let offeredAt = 0;
    let longestWait = 0;
    // One value every 10 ms for a second; track how long the oldest pending value waits.
    for (let tick = 0; tick < 100; tick++) {
      const before = sentAt.length;
      coalescer.offer([value('a', tick)]);
      if (before === sentAt.length && offeredAt === 0) offeredAt = Date.now();
      vi.advanceTimersByTime(10);
      if (sentAt.length > before) {
        longestWait = Math.max(longestWait, sentAt.at(-1)! - offeredAt);
        offeredAt = 0;
      }
    }
    expect(sentAt[0]).toBe(start);
    for (let index = 1; index < sentAt.length; index++)
      expect(sentAt[index]! - sentAt[index - 1]!).toBeGreaterThanOrEqual(100);
    expect(sentAt.length).toBeLessThanOrEqual(11);
    expect(longestWait).toBeLessThanOrEqual(100);
  });

  it('goes back to the leading edge once a full interval passed without values', () => {
    coalescer.offer([value('a', 1)]);
    vi.advanceTimersByTime(0);
    vi.advanceTimersByTime(40);
    coalescer.offer([value('a', 2)]);
    vi.advanceTimersByTime(59);
    expect(batches).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(batches).toHaveLength(2);
    vi.advanceTimersByTime(500);
    coalescer.offer([value('a', 3)]);
    vi.advanceTimersByTime(0);
    expect(batches).toHaveLength(3);
  });

  it('never waits longer than an interval when the clock steps backwards', () => {
    let clock = 5_000;
    coalescer = new TopicCoalescer((values) => batches.push(values), { intervalMs: 100, now: () => clock });
    coalescer.offer([value('a', 1)]);
    vi.advanceTimersByTime(0);
    clock -= 3_600_000;
    coalescer.offer([value('a', 2)]);
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(2);
  });

  it('sends nothing after dispose', () => {
    coalescer.offer([value('a', 1)]);
    coalescer.dispose();
    vi.advanceTimersByTime(1_000);
    expect(batches).toEqual([]);
  });
});
