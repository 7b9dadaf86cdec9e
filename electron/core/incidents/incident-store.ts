// The incident store: every incident the core knows, bounded in size with an overflow count that is shown,
// and a change feed that delivers every change (incidents are never coalesced away). Operators' steps go through
// the lifecycle (incident-lifecycle.ts); sources' deliveries never undo them.
import type { Incident } from '@shared/model/incident';
import { Emitter } from '@shared/base/emitter';
import type { Disposable } from '@shared/base/disposable';
import {
  applyAct,
  keepOperatorChanges,
  mergeIncidents,
  type IncidentAct,
  type IncidentActor,
} from './incident-lifecycle';

export type IncidentListener = (changed: readonly Incident[], overflow: number) => void;

export interface IncidentStoreOptions {
  /** Most incidents kept; beyond it the oldest closed (else oldest) are evicted and counted (default 5,000). */
  capacity?: number;
  now?: () => number;
}

export class IncidentStore {
  private readonly incidents = new Map<string, Incident>();
  private readonly changed = new Emitter<{ changed: readonly Incident[]; overflow: number }>();
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

  /**
   * Adds or replaces incidents (by id) and tells every listener what is now stored. A source that sends an
   * incident again (every poll of `http-poll` does) updates what it reports, but never undoes what the room did:
   * see {@link keepOperatorChanges}.
   */
  upsert(incidents: readonly Incident[]): void {
    if (incidents.length === 0) return;
    const now = this.now();
    this.store(
      incidents.map((incident) => keepOperatorChanges(this.incidents.get(incident.id), incident, now)),
    );
  }

  /** Puts back incidents as they were saved (at start, from the state folder): the room's steps included. */
  restore(incidents: readonly Incident[]): void {
    if (incidents.length > 0) this.store(incidents);
  }

  /**
   * An operator's step (确认, 派单, 处置中, 办结). Returns the incident after it, undefined for an unknown id; throws
   * LifecycleError when the step is not allowed from the incident's status.
   */
  act(id: string, act: IncidentAct, actor: IncidentActor): Incident | undefined {
    const incident = this.incidents.get(id);
    if (!incident) return undefined;
    const changed = applyAct(incident, act, actor, this.now());
    this.store([changed]);
    return changed;
  }

  /** Merges a duplicate into the incident kept; undefined when either is unknown. Throws LifecycleError. */
  merge(duplicateId: string, keptId: string, actor: IncidentActor): [Incident, Incident] | undefined {
    const duplicate = this.incidents.get(duplicateId);
    const kept = this.incidents.get(keptId);
    if (!duplicate || !kept) return undefined;
    const merged = mergeIncidents(duplicate, kept, actor, this.now());
    this.store(merged);
    return merged;
  }

  private store(incidents: readonly Incident[]): void {
    for (const incident of incidents) {
      this.incidents.delete(incident.id);
      this.incidents.set(incident.id, incident);
    }
    this.evictBeyondCapacity();
    this.changed.fire({ changed: incidents, overflow: this.evicted });
  }

  /** Every change, as it happens (never coalesced), with the eviction count so far. */
  onChanged(listener: IncidentListener): Disposable {
    return this.changed.on(({ changed, overflow }) => listener(changed, overflow));
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
