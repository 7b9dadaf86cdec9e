// The window's live data: a batch applies in one pass, older values never overwrite newer ones, and only
// what reads a changed topic is woken (the cost of a batch follows what changed, not what is on screen).
import { describe, expect, it } from 'vitest';
import { effect } from 'vue';
import type { SamplePoint, TopicValue } from '@shared/model/feed';
import type { CoreClient } from '../transport/core-client';
import { LiveData } from './live-data';

function fakeClient(history: Record<string, SamplePoint[]> = {}) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const requests: Array<{ name: string; topics: string[]; history?: string }> = [];
  const client = {
    status: 'open',
    request: async (name: string, params: { topics: string[]; history?: string }) => {
      requests.push({ name, ...params });
      if (name !== 'topic.subscribe') return {};
      return {
        snapshots: params.topics.map((topic) => ({
          topic,
          latest: null,
          // As the core answers: a latest-only subscription gets no history.
          history: params.history === 'none' ? [] : (history[topic] ?? []),
        })),
      };
    },
    on(name: string, listener: (payload: unknown) => void) {
      listeners.set(name, listener);
      return () => listeners.delete(name);
    },
    onStatusChanged: () => () => undefined,
  } as unknown as CoreClient;
  const push = (values: TopicValue[]) => listeners.get('topic.updated')?.({ values });
  return { client, push, requests };
}

describe('LiveData', () => {
  it('wakes only the readers of the topics a batch changed', () => {
    const { client, push } = fakeClient();
    const live = new LiveData(client);
    const runs = { a: 0, b: 0 };
    effect(() => {
      live.latest.get('a');
      runs.a++;
    });
    effect(() => {
      live.latest.get('b');
      runs.b++;
    });
    push([{ topic: 'a', value: 1, ts: 10 }]);
    push([
      { topic: 'a', value: 2, ts: 20 },
      { topic: 'c', value: 3, ts: 20 },
    ]);
    expect(runs).toEqual({ a: 3, b: 1 });
    expect(live.latest.get('a')?.value).toBe(2);
    expect(live.latest.get('b')).toBeUndefined();
    live.dispose();
  });

  it('ignores values older than the one it holds, and keeps their history in order', () => {
    const { client, push } = fakeClient();
    const live = new LiveData(client);
    const history = live.history('a');
    push([{ topic: 'a', value: 2, ts: 20 }]);
    push([{ topic: 'a', value: 1, ts: 10 }]);
    expect(live.latest.get('a')?.value).toBe(2);
    expect(history.value).toEqual([[20, 2]]);
    live.dispose();
  });

  it('keeps no history of a topic no widget shows any more, so switching scenarios leaves nothing behind', async () => {
    const { client, push } = fakeClient({ rain: [[1, 5]] });
    const live = new LiveData(client);
    const release = live.acquire(['rain']);
    const history = live.history('rain');
    await Promise.resolve();
    push([{ topic: 'rain', value: 6, ts: 2 }]);
    expect(history.value).toEqual([
      [1, 5],
      [2, 6],
    ]);
    release();
    expect(live.keptHistoryPoints()).toBe(0);
    live.dispose();
  });

  it('keeps no history of a topic whose widgets read only its latest value (a risk grid, a KPI)', async () => {
    const { client, push } = fakeClient({ 'risk/grid/1': [[1, 40]] });
    const live = new LiveData(client);
    live.acquire(['risk/grid/1']);
    await Promise.resolve();
    for (let ts = 2; ts < 50; ts++) push([{ topic: 'risk/grid/1', value: ts, ts }]);
    expect(live.latest.get('risk/grid/1')?.value).toBe(49);
    expect(live.keptHistoryPoints()).toBe(0);
    live.dispose();
  });

  it('gives a trend mounted beside a KPI already showing its topic the whole history', async () => {
    const { client, push, requests } = fakeClient({ rain: [[1, 5]] });
    const live = new LiveData(client);
    live.acquire(['rain']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    push([{ topic: 'rain', value: 6, ts: 2 }]);
    live.acquire(['rain']);
    const history = live.history('rain');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(history.value.map(([ts]) => ts)).toEqual([1]);
    expect(requests.filter((request) => request.name === 'topic.subscribe')).toHaveLength(2);
    live.dispose();
  });

  it('asks the core for no history of a topic only latest-value widgets hold', async () => {
    const { client, requests } = fakeClient({ 'risk/grid/1': [[1, 40]] });
    const live = new LiveData(client);
    live.acquire(['risk/grid/1', 'risk/grid/2']);
    await Promise.resolve();
    expect(requests).toEqual([
      { name: 'topic.subscribe', topics: ['risk/grid/1', 'risk/grid/2'], history: 'none' },
    ]);
    live.dispose();
  });

  it('asks once for the history when a trend and a KPI of one topic mount together: the larger need wins', async () => {
    const { client, requests } = fakeClient({ rain: [[1, 5]], wind: [[1, 3]] });
    const live = new LiveData(client);
    live.acquire(['rain', 'wind']);
    live.acquire(['rain'], 'all');
    const history = live.history('rain');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(history.value).toEqual([[1, 5]]);
    expect(requests).toEqual([
      { name: 'topic.subscribe', topics: ['rain', 'wind'], history: 'none' },
      { name: 'topic.subscribe', topics: ['rain'], history: 'all' },
    ]);
    // A latest-only answer arriving after the history must not empty it.
    live.acquire(['rain']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(history.value).toEqual([[1, 5]]);
    live.dispose();
  });

  it('re-subscribes after a reconnect with the history only for the topics a trend reads', async () => {
    let reconnect = () => undefined as void;
    const { client, requests } = fakeClient({ rain: [[1, 5]] });
    (client as unknown as { onStatusChanged: unknown }).onStatusChanged = (
      listener: (status: string) => void,
    ) => {
      reconnect = () => listener('open');
      return () => undefined;
    };
    const live = new LiveData(client);
    live.acquire(['rain'], 'all');
    live.acquire(['wind']);
    await Promise.resolve();
    requests.length = 0;
    reconnect();
    await Promise.resolve();
    expect(requests).toEqual([
      { name: 'topic.subscribe', topics: ['rain'], history: 'all' },
      { name: 'topic.subscribe', topics: ['wind'], history: 'none' },
    ]);
    expect(live.history('rain').value).toEqual([[1, 5]]);
    live.dispose();
  });
});
