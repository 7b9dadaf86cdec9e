import { describe, expect, it, vi } from 'vitest';
import { FeedHub } from './feed-hub';

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
