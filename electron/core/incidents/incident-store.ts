// The incident store: every incident the core knows, bounded in size with an overflow count that is shown,
// and a change feed that delivers every change (incidents are never coalesced away).
import type { Incident } from '@shared/model/incident';
import { Emitter } from '@shared/base/emitter';
import type { Disposable } from '@shared/base/disposable';

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
    const stored = incidents.map((incident) => {
      const merged = keepOperatorChanges(this.incidents.get(incident.id), incident);
      this.incidents.delete(incident.id);
      this.incidents.set(incident.id, merged);
      return merged;
    });
    this.evictBeyondCapacity();
    this.changed.fire({ changed: stored, overflow: this.evicted });
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

const statusOrder: Readonly<Record<Incident['status'], number>> = { new: 0, acknowledged: 1, closed: 2 };

/**
 * An incident as delivered, with the operators' changes to the known one kept: its status only moves forward
 * (new → acknowledged → closed), and who acknowledged it, and when, stays. Sources re-deliver whole records
 * that know nothing of the room, typically still `status: 'new'`.
 */
export function keepOperatorChanges(known: Incident | undefined, delivered: Incident): Incident {
  if (!known) return delivered;
  const status = statusOrder[known.status] > statusOrder[delivered.status] ? known.status : delivered.status;
  return {
    ...delivered,
    status,
    ...(known.acknowledgedAt !== undefined ? { acknowledgedAt: known.acknowledgedAt } : {}),
    ...(known.acknowledgedBy !== undefined ? { acknowledgedBy: known.acknowledgedBy } : {}),
  };
}
