import { describe, expect, it, vi } from 'vitest';
import { FeedHub } from './feed-hub';
import { TopicCatalogue } from './topic-catalogue';

describe('FeedHub', () => {
  it('keeps the latest value and a bounded history per topic', () => {
    const hub = new FeedHub({ historyLength: 3 });
    for (let ts = 1; ts <= 5; ts++) hub.publish([{ topic: 'vitals/aqi', ts, value: ts * 10 }]);
    expect(hub.snapshot('vitals/aqi')).toEqual({
      topic: 'vitals/aqi',
      latest: { topic: 'vitals/aqi', ts: 5, value: 50 },
      history: [
        [3, 30],
        [4, 40],
        [5, 50],
      ],
    });
  });

  it('does not let an older value replace a newer latest value', () => {
    const hub = new FeedHub();
    hub.publish([{ topic: 'a', ts: 10, value: 1 }]);
    hub.publish([{ topic: 'a', ts: 5, value: 2 }]);
    expect(hub.snapshot('a').latest?.value).toBe(1);
  });

  it('delivers only subscribed topics, counts subscribers and forgets them on dispose', () => {
    const hub = new FeedHub();
    const first = vi.fn();
    const second = vi.fn();
    const one = hub.subscribe(first);
    const two = hub.subscribe(second);
    one.add(['a', 'b']);
    two.add(['a']);
    expect(hub.subscriberCount('a')).toBe(2);
    hub.publish([
      { topic: 'a', ts: 1, value: 1 },
      { topic: 'b', ts: 1, value: 2 },
      { topic: 'c', ts: 1, value: 3 },
    ]);
    expect(first).toHaveBeenCalledWith([
      { topic: 'a', ts: 1, value: 1 },
      { topic: 'b', ts: 1, value: 2 },
    ]);
    expect(second).toHaveBeenCalledWith([{ topic: 'a', ts: 1, value: 1 }]);
    one.dispose();
    two.remove(['a']);
    expect(hub.subscriberCount('a')).toBe(0);
  });

  it('keeps an hour of a topic published every 5 s, not 4,000 points (5.5 hours) that fill for half a day', () => {
    const hub = new FeedHub();
    const minute = 60_000;
    for (let ts = 0; ts <= 6 * 60 * minute; ts += 5_000)
      hub.publish([{ topic: 'risk/grid/1', ts, value: 1 }]);
    const { history } = hub.snapshot('risk/grid/1');
    expect(history.at(-1)![0]).toBe(6 * 60 * minute);
    expect(history[0]![0]).toBe(5 * 60 * minute);
    expect(history).toHaveLength(721);
  });

  it('keeps the newest points in order after its cap is passed many times over', () => {
    const hub = new FeedHub({ historyLength: 3 });
    for (let ts = 1; ts <= 1_000; ts++) hub.publish([{ topic: 'a', ts, value: ts }]);
    expect(hub.snapshot('a').history).toEqual([
      [998, 998],
      [999, 999],
      [1_000, 1_000],
    ]);
  });
});

describe('FeedHub refusals', () => {
  const now = Date.UTC(2026, 11, 7, 9, 0);
  const catalogue = new TopicCatalogue({
    indicators: [
      { sourceKey: 'vitals/rain-1h', plausible: { min: 0, max: 300 } },
      { sourceKey: 'vitals/aqi' },
    ],
    gridIds: ['grid-01'],
    gridPrefixes: ['risk/grid'],
  });

  it('refuses a value stamped far in the future (8.64e15), so the real later value still shows as latest', () => {
    const hub = new FeedHub({ catalogue, now: () => now });
    const refused = hub.publish([{ topic: 'vitals/aqi', ts: 8.64e15, value: 999 }]);
    expect(refused).toEqual({ refused: 1, problem: expect.stringContaining('ahead of this clock') });
    hub.publish([{ topic: 'vitals/aqi', ts: now - 1_000, value: 42 }]);
    expect(hub.snapshot('vitals/aqi').latest).toEqual({ topic: 'vitals/aqi', ts: now - 1_000, value: 42 });
    expect(hub.snapshot('vitals/aqi').history).toEqual([[now - 1_000, 42]]);
  });

  it('accepts a value within the allowed clock skew ahead of this clock', () => {
    const hub = new FeedHub({ catalogue, now: () => now });
    expect(hub.publish([{ topic: 'vitals/aqi', ts: now + 60_000, value: 42 }]).refused).toBe(0);
    expect(hub.snapshot('vitals/aqi').latest?.value).toBe(42);
  });

  it('refuses ±1.7e308, non-finite values and negative rainfall, keeping the last real reading', () => {
    const hub = new FeedHub({ catalogue, now: () => now });
    hub.publish([{ topic: 'vitals/rain-1h', ts: now - 5_000, value: 12.5 }]);
    const result = hub.publish([
      { topic: 'vitals/rain-1h', ts: now - 4_000, value: 1.7e308 },
      { topic: 'vitals/aqi', ts: now - 4_000, value: -1.7e308 },
      { topic: 'vitals/aqi', ts: now - 4_000, value: Number.NaN },
      { topic: 'vitals/rain-1h', ts: now - 3_000, value: -4 },
    ]);
    expect(result.refused).toBe(4);
    expect(result.problem).toMatch(/vitals\/rain-1h.*-4.*plausible range 0 … 300/);
    expect(hub.snapshot('vitals/rain-1h').latest?.value).toBe(12.5);
    expect(hub.snapshot('vitals/aqi').latest).toBeNull();
  });

  it('keeps no entry for 400,000 distinct keys that match no indicator, and counts every one as refused', () => {
    const hub = new FeedHub({ catalogue, now: () => now });
    let refused = 0;
    for (let batch = 0; batch < 400; batch++) {
      const values = Array.from({ length: 1_000 }, (_, index) => ({
        topic: `vitals/unknown-${batch * 1_000 + index}`,
        ts: now,
        value: 1,
      }));
      refused += hub.publish(values).refused;
    }
    hub.publish([
      { topic: 'vitals/aqi', ts: now, value: 40 },
      { topic: 'risk/grid/grid-01', ts: now, value: 12 },
    ]);
    expect(refused).toBe(400_000);
    expect(hub.topicCount).toBe(2);
    expect(hub.snapshot('vitals/unknown-7').latest).toBeNull();
  });

  it('refuses a backfill of a topic outside the catalogue', () => {
    const hub = new FeedHub({ catalogue, now: () => now });
    expect(hub.backfill('vitals/nobody', [[now, 1]]).refused).toBe(1);
    expect(hub.topicCount).toBe(0);
  });
});
