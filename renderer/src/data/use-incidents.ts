// Composable: the window's live list of incidents (newest first), kept complete from the core's change feed
// and reloaded after a reconnect; the operator's steps (确认, 派单, 处置中, 办结, 合并) go back to the core, and the
// workspace's alarm settings (departments, sound per severity) come with the list. The core's store is bounded; each change
// says how many it has evicted in all, and the window evicts as many by the core's rule, so a wall that runs for
// days holds what the core holds and no more.
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import type { AlarmSound, Department, Incident } from '@shared/model/incident';
import { useWindowContext, type WindowContext } from './context';

export interface IncidentFeed {
  readonly incidents: ShallowRef<readonly Incident[]>;
  /** Incidents the core had to evict from its bounded store: shown on screen, never silent. */
  readonly overflow: Ref<number>;
  /** Departments for 派单 and which severities sound, from the workspace's alarms.json. */
  readonly departments: ShallowRef<readonly Department[]>;
  readonly sound: ShallowRef<AlarmSound>;
  /** Ids first seen from the change feed, after this window loaded the list: the alarms that arrived now. */
  readonly arrived: ShallowRef<ReadonlySet<string>>;
  acknowledge(id: string): Promise<void>;
  dispatch(id: string, department: string, note?: string): Promise<void>;
  start(id: string, note?: string): Promise<void>;
  close(id: string, outcome: string): Promise<void>;
  merge(duplicateId: string, keptId: string): Promise<void>;
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
  const departments = shallowRef<readonly Department[]>([]);
  const sound = shallowRef<AlarmSound>({ blue: false, yellow: false, orange: true, red: true });
  const arrived = shallowRef<ReadonlySet<string>>(new Set());
  let isLoaded = false;
  const publish = () => (incidents.value = [...byId.values()].sort((a, b) => b.raisedAt - a.raisedAt));

  const load = async () => {
    try {
      const result = await context.client.request('incidents.list', {});
      byId.clear();
      for (const incident of result.incidents) byId.set(incident.id, incident);
      overflow.value = result.overflow;
      isLoaded = true;
      publish();
      const settings = await context.client.request('incidents.settings', {});
      departments.value = settings.departments;
      sound.value = settings.sound;
    } catch (error) {
      console.warn('[incidents] list failed', error);
    }
  };
  context.client.on('incidents.changed', (change) => {
    const fresh = isLoaded ? change.incidents.filter((incident) => !byId.has(incident.id)) : [];
    if (fresh.length > 0)
      arrived.value = new Set([...arrived.value, ...fresh.map((incident) => incident.id)]);
    for (const incident of change.incidents) byId.set(incident.id, incident);
    evictLikeTheCore(byId, change.overflow - overflow.value);
    overflow.value = change.overflow;
    publish();
  });
  context.client.onStatusChanged((status) => {
    if (status === 'open') void load();
  });
  void load();

  const keep = (...changed: Incident[]) => {
    for (const incident of changed) byId.set(incident.id, incident);
    publish();
  };
  return {
    incidents,
    overflow,
    departments,
    sound,
    arrived,
    async acknowledge(id) {
      keep((await context.client.request('incidents.acknowledge', { id })).incident);
    },
    async dispatch(id, department, note) {
      keep(
        (await context.client.request('incidents.dispatch', { id, department, ...(note ? { note } : {}) }))
          .incident,
      );
    },
    async start(id, note) {
      keep((await context.client.request('incidents.start', { id, ...(note ? { note } : {}) })).incident);
    },
    async close(id, outcome) {
      keep((await context.client.request('incidents.close', { id, outcome })).incident);
    },
    async merge(duplicateId, keptId) {
      const { duplicate, kept } = await context.client.request('incidents.merge', { duplicateId, keptId });
      keep(duplicate, kept);
    },
  };
}

export function useIncidents(): IncidentFeed {
  const context = useWindowContext();
  let feed = feeds.get(context);
  if (!feed) feeds.set(context, (feed = createFeed(context)));
  return feed;
}
