// What the console's incident list shows: incidents filtered by state, severity, category and area (street), pure so
// a list of 5,000 is filtered in one pass and tested without a DOM.
import type { Incident, IncidentCategory, IncidentSeverity, IncidentStatus } from '@shared/model/incident';

/** `open` is every state but closed (the default: what still needs the room); `all` includes closed. */
export type StateFilter = 'open' | 'all' | IncidentStatus;

export interface IncidentFilter {
  readonly state: StateFilter;
  /** Empty: every severity. */
  readonly severities: ReadonlySet<IncidentSeverity>;
  readonly category: IncidentCategory | 'all';
  /** A street id, or `all`. */
  readonly street: string | 'all';
}

export const defaultIncidentFilter: IncidentFilter = {
  state: 'open',
  severities: new Set(),
  category: 'all',
  street: 'all',
};

/** Does `incident` pass `filter`? */
export function matchesFilter(incident: Incident, filter: IncidentFilter): boolean {
  if (
    filter.state === 'open'
      ? incident.status === 'closed'
      : filter.state !== 'all' && incident.status !== filter.state
  )
    return false;
  if (filter.severities.size > 0 && !filter.severities.has(incident.severity)) return false;
  if (filter.category !== 'all' && incident.category !== filter.category) return false;
  if (filter.street !== 'all' && incident.street !== filter.street) return false;
  return true;
}

/** The incidents that pass, in the order given (newest first). */
export function filterIncidents(incidents: readonly Incident[], filter: IncidentFilter): Incident[] {
  return incidents.filter((incident) => matchesFilter(incident, filter));
}
