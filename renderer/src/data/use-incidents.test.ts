// useIncidents: the window's list follows the core's bounded store, evictions included.
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { flushPromises, mount } from '@vue/test-utils';
import type { Incident } from '@shared/model/incident';
import type { CoreClient } from '../transport/core-client';
import { windowContextKey, type WindowContext } from './context';
import { useIncidents, type IncidentFeed } from './use-incidents';

const incident = (id: string, raisedAt: number, status: Incident['status']): Incident => ({
  id,
  title: id,
  category: 'fire',
  severity: 'yellow',
  position: [121.47, 31.23],
  source: 'demo',
  status,
  raisedAt,
  updatedAt: raisedAt,
  isDrill: false,
});

function fakeContext(list: Incident[]) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const client = {
    status: 'open',
    async request(name: string) {
      if (name === 'incidents.settings')
        return { departments: [], sound: { blue: false, yellow: false, orange: true, red: true } };
      return name === 'incidents.list' ? { incidents: list, overflow: 0 } : {};
    },
    on(name: string, listener: (payload: unknown) => void) {
      listeners.set(name, listener);
      return () => listeners.delete(name);
    },
    onStatusChanged: () => () => undefined,
  } as unknown as CoreClient;
  const push = (incidents: Incident[], overflow: number) =>
    listeners.get('incidents.changed')?.({ incidents, overflow });
  return { context: { client } as unknown as WindowContext, push };
}

/** The feed of one mounted component in the given window. */
function mountFeed(context: WindowContext): IncidentFeed {
  let feed: IncidentFeed | undefined;
  mount(
    defineComponent({
      setup() {
        feed = useIncidents();
        return () => h('div');
      },
    }),
    { global: { provide: { [windowContextKey as symbol]: context } } },
  );
  return feed!;
}

describe('useIncidents', () => {
  it('forgets the incidents the core evicted from its full store, as the core chose them (oldest closed first)', async () => {
    const { context, push } = fakeContext([
      incident('a', 1, 'new'),
      incident('b', 2, 'closed'),
      incident('c', 3, 'closed'),
    ]);
    const feed = mountFeed(context);
    await flushPromises();
    push([incident('d', 4, 'new')], 1);
    push([incident('e', 5, 'new')], 3);
    expect(feed.incidents.value.map((item) => item.id)).toEqual(['e', 'd']);
    expect(feed.overflow.value).toBe(3);
  });

  it('counts as arrived only the incidents first seen from the change feed, not those listed at load', async () => {
    const { context, push } = fakeContext([incident('listed', 1, 'new')]);
    const feed = mountFeed(context);
    await flushPromises();
    push([incident('listed', 1, 'acknowledged'), incident('fresh', 2, 'new')], 0);
    expect([...feed.arrived.value]).toEqual(['fresh']);
  });
});
