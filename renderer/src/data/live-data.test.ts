// The window's live data: a batch applies in one pass, older values never overwrite newer ones, and only
// what reads a changed topic is woken (the cost of a batch follows what changed, not what is on screen).
import { describe, expect, it } from 'vitest';
import { effect } from 'vue';
import type { TopicValue } from '@shared/model/feed';
import type { CoreClient } from '../transport/core-client';
import { LiveData } from './live-data';

function fakeClient() {
  const listeners = new Map<string, (payload: unknown) => void>();
  const client = {
    status: 'open',
    request: async () => ({ snapshots: [] }),
    on(name: string, listener: (payload: unknown) => void) {
      listeners.set(name, listener);
      return () => listeners.delete(name);
    },
    onStatusChanged: () => () => undefined,
  } as unknown as CoreClient;
  const push = (values: TopicValue[]) => listeners.get('topic.updated')?.({ values });
  return { client, push };
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
    push([{ topic: 'a', value: 2, ts: 20 }]);
    push([{ topic: 'a', value: 1, ts: 10 }]);
    expect(live.latest.get('a')?.value).toBe(2);
    expect(live.history('a').value).toEqual([[20, 2]]);
    live.dispose();
  });
});
