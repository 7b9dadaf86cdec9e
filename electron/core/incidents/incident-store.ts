// The incident store: every incident the core knows, bounded in size with an overflow count that is shown,
// and a change feed that delivers every change (incidents are never coalesced away).
import type { Incident } from '@shared/model/incident';

export type IncidentListener = (changed: readonly Incident[], overflow: number) => void;

export interface IncidentStoreOptions {
  /** Most incidents kept; beyond it the oldest closed (else oldest) are evicted and counted (default 5,000). */
  capacity?: number;
  now?: () => number;
}

export class IncidentStore {
  private readonly incidents = new Map<string, Incident>();
  private readonly listeners = new Set<IncidentListener>();
  private evicted = 0;
  private readonly capacity: number;
  private readonly now: () => number;

  constructor(options: IncidentStoreOptions = {}) {
    this.capacity = options.capacity ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  get overflow(): number {
    return this.evicted;
  }

  /** All incidents, newest first. */
  list(): Incident[] {
    return [...this.incidents.values()].sort((a, b) => b.raisedAt - a.raisedAt);
  }

  get(id: string): Incident | undefined {
    return this.incidents.get(id);
  }

  /** Adds or replaces incidents (by id) and tells every listener. */
  upsert(incidents: readonly Incident[]): void {
    if (incidents.length === 0) return;
    for (const incident of incidents) {
      this.incidents.delete(incident.id);
      this.incidents.set(incident.id, incident);
    }
    this.evictBeyondCapacity();
    for (const listener of this.listeners) listener(incidents, this.evicted);
  }

  acknowledge(id: string, by: string): Incident | undefined {
    const incident = this.incidents.get(id);
    if (!incident) return undefined;
    if (incident.status !== 'new') return incident;
    const now = this.now();
    const acknowledged: Incident = {
      ...incident,
      status: 'acknowledged',
      acknowledgedAt: now,
      acknowledgedBy: by,
      updatedAt: now,
    };
    this.upsert([acknowledged]);
    return acknowledged;
  }

  onChanged(listener: IncidentListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private evictBeyondCapacity(): void {
    while (this.incidents.size > this.capacity) {
      let victim: Incident | undefined;
      for (const incident of this.incidents.values()) {
        if (incident.status === 'closed' && (!victim || incident.raisedAt < victim.raisedAt))
          victim = incident;
      }
      victim ??= [...this.incidents.values()].reduce((oldest, incident) =>
        incident.raisedAt < oldest.raisedAt ? incident : oldest,
      );
      this.incidents.delete(victim.id);
      this.evicted++;
    }
  }
}
