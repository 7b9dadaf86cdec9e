// Composable: the window's live list of incidents (newest first), kept complete from the core's change feed
// and reloaded after a reconnect; acknowledge goes back to the core. The core's store is bounded; each change
// says how many it has evicted in all, and the window evicts as many by the core's rule, so a wall that runs for
// days holds what the core holds and no more.
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import type { Incident } from '@shared/model/incident';
import { useWindowContext, type WindowContext } from './context';

export interface IncidentFeed {
  readonly incidents: ShallowRef<readonly Incident[]>;
  /** Incidents the core had to evict from its bounded store: shown on screen, never silent. */
  readonly overflow: Ref<number>;
  acknowledge(id: string): Promise<void>;
}

const feeds = new WeakMap<WindowContext, IncidentFeed>();

/** Removes `count` incidents as the core's store does when full: the oldest closed, else the oldest. */
export function evictLikeTheCore(byId: Map<string, Incident>, count: number): void {
  for (let evicted = 0; evicted < count && byId.size > 0; evicted++) {
    let victim: Incident | undefined;
    for (const incident of byId.values()) {
      if (incident.status === 'closed' && (!victim || incident.raisedAt < victim.raisedAt)) victim = incident;
    }
    victim ??= [...byId.values()].reduce((oldest, incident) =>
      incident.raisedAt < oldest.raisedAt ? incident : oldest,
    );
    byId.delete(victim.id);
  }
}

function createFeed(context: WindowContext): IncidentFeed {
  const byId = new Map<string, Incident>();
  const incidents = shallowRef<readonly Incident[]>([]);
  const overflow = ref(0);
  const publish = () => (incidents.value = [...byId.values()].sort((a, b) => b.raisedAt - a.raisedAt));

  const load = async () => {
    try {
      const result = await context.client.request('incidents.list', {});
      byId.clear();
      for (const incident of result.incidents) byId.set(incident.id, incident);
      overflow.value = result.overflow;
      publish();
    } catch (error) {
      console.warn('[incidents] list failed', error);
    }
  };
  context.client.on('incidents.changed', (change) => {
    for (const incident of change.incidents) byId.set(incident.id, incident);
    evictLikeTheCore(byId, change.overflow - overflow.value);
    overflow.value = change.overflow;
    publish();
  });
  context.client.onStatusChanged((status) => {
    if (status === 'open') void load();
  });
  void load();

  return {
    incidents,
    overflow,
    async acknowledge(id) {
      const { incident } = await context.client.request('incidents.acknowledge', { id });
      byId.set(incident.id, incident);
      publish();
    },
  };
}

export function useIncidents(): IncidentFeed {
  const context = useWindowContext();
  let feed = feeds.get(context);
  if (!feed) feeds.set(context, (feed = createFeed(context)));
  return feed;
}
