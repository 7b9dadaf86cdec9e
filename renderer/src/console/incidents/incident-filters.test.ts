import { describe, expect, it } from 'vitest';
import type { Incident } from '@shared/model/incident';
import { defaultIncidentFilter, filterIncidents } from './incident-filters';

const incident = (id: string, overrides: Partial<Incident>): Incident => ({
  id,
  title: id,
  category: 'flood',
  severity: 'yellow',
  position: [121.5, 31.23],
  street: 'waitan',
  source: 'demo',
  status: 'new',
  raisedAt: 1,
  updatedAt: 1,
  isDrill: false,
  ...overrides,
});

const incidents = [
  incident('red-fire-yuyuan', { severity: 'red', category: 'fire', street: 'yuyuan' }),
  incident('orange-flood-dispatched', { severity: 'orange', status: 'dispatched' }),
  incident('yellow-flood-closed', { status: 'closed' }),
  incident('blue-traffic-progress', { severity: 'blue', category: 'traffic', status: 'in-progress' }),
];
const ids = (filter: Partial<typeof defaultIncidentFilter>) =>
  filterIncidents(incidents, { ...defaultIncidentFilter, ...filter }).map((item) => item.id);

describe('filterIncidents', () => {
  it('shows every incident not yet closed by default, in the order given', () => {
    expect(ids({})).toEqual(['red-fire-yuyuan', 'orange-flood-dispatched', 'blue-traffic-progress']);
  });

  it('shows closed incidents too under 全部, and one state alone when one is chosen', () => {
    expect(ids({ state: 'all' })).toHaveLength(4);
    expect(ids({ state: 'closed' })).toEqual(['yellow-flood-closed']);
    expect(ids({ state: 'in-progress' })).toEqual(['blue-traffic-progress']);
  });

  it('filters by the severities chosen, the category and the street together', () => {
    expect(ids({ severities: new Set(['red', 'orange']) })).toEqual([
      'red-fire-yuyuan',
      'orange-flood-dispatched',
    ]);
    expect(ids({ category: 'flood', state: 'all' })).toEqual([
      'orange-flood-dispatched',
      'yellow-flood-closed',
    ]);
    expect(ids({ street: 'yuyuan' })).toEqual(['red-fire-yuyuan']);
    expect(ids({ street: 'yuyuan', category: 'flood' })).toEqual([]);
  });
});
