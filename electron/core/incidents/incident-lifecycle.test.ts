import { describe, expect, it } from 'vitest';
import type { Incident, IncidentStatus } from '@shared/model/incident';
import {
  allowedFrom,
  applyAct,
  keepOperatorChanges,
  LifecycleError,
  mergeIncidents,
  type IncidentAct,
} from './incident-lifecycle';

const base: Incident = {
  id: 'a',
  title: '中山南路积水',
  category: 'flood',
  severity: 'orange',
  position: [121.5, 31.23],
  source: 'hotline-12345',
  status: 'new',
  raisedAt: 1,
  updatedAt: 1,
  isDrill: false,
};
const limin = { userId: 'limin', name: '李敏' };
const statuses: IncidentStatus[] = ['new', 'acknowledged', 'dispatched', 'in-progress', 'closed'];
const acts: IncidentAct[] = [
  { type: 'acknowledge' },
  { type: 'dispatch', department: 'drainage', note: '请速到场' },
  { type: 'start' },
  { type: 'close', outcome: '积水已排除' },
];

/** Walks an incident through the whole loop, one operator step at a time. */
function throughTheLoop(): Incident {
  let incident = applyAct(base, acts[0]!, limin, 10);
  incident = applyAct(incident, acts[1]!, { userId: 'chen', name: '陈晓东' }, 20);
  incident = applyAct(incident, acts[2]!, limin, 30);
  return applyAct(incident, acts[3]!, limin, 40);
}

describe('incident lifecycle', () => {
  it('goes new → acknowledged → dispatched → in progress → closed with who did what when in its history', () => {
    const closed = throughTheLoop();
    expect(closed).toMatchObject({ status: 'closed', dispatchedTo: 'drainage', outcome: '积水已排除' });
    expect(closed.history).toEqual([
      { at: 10, action: 'acknowledged', by: 'limin', byName: '李敏' },
      {
        at: 20,
        action: 'dispatched',
        by: 'chen',
        byName: '陈晓东',
        department: 'drainage',
        note: '请速到场',
      },
      { at: 30, action: 'started', by: 'limin', byName: '李敏' },
      { at: 40, action: 'closed', by: 'limin', byName: '李敏', outcome: '积水已排除' },
    ]);
  });

  it('allows each step only from the statuses the room knows, and says why otherwise', () => {
    for (const act of acts)
      for (const status of statuses) {
        const attempt = () => applyAct({ ...base, status }, act, limin, 5);
        if (allowedFrom[act.type].includes(status)) expect(attempt).not.toThrow();
        else expect(attempt).toThrow(LifecycleError);
      }
    expect(() => applyAct(base, { type: 'close', outcome: 'x' }, limin, 5)).toThrow(
      '事件 a 未确认，不能办结',
    );
  });

  it('never reopens a closed incident when a source re-sends it as new, but takes its updated data', () => {
    const closed = throughTheLoop();
    const resent = keepOperatorChanges(closed, { ...base, title: '中山南路积水（更新）', updatedAt: 50 }, 50);
    expect(resent).toMatchObject({
      status: 'closed',
      title: '中山南路积水（更新）',
      outcome: '积水已排除',
      dispatchedTo: 'drainage',
      acknowledgedBy: '李敏',
    });
    expect(resent.history).toEqual(closed.history);
  });

  it('keeps a dispatched incident dispatched when a source re-sends it as acknowledged', () => {
    const dispatched = applyAct(applyAct(base, acts[0]!, limin, 10), acts[1]!, limin, 20);
    expect(keepOperatorChanges(dispatched, { ...base, status: 'acknowledged' }, 30).status).toBe(
      'dispatched',
    );
  });

  it('merges a duplicate into the kept incident: closed, pointing to it, both histories saying so', () => {
    const [duplicate, kept] = mergeIncidents({ ...base, id: 'dup' }, base, limin, 60);
    expect(duplicate).toMatchObject({ status: 'closed', mergedInto: 'a', outcome: '重复事件，已并入 a' });
    expect(kept.status).toBe('new');
    expect(kept.history).toEqual([{ at: 60, action: 'absorbed', by: 'limin', byName: '李敏', other: 'dup' }]);
    // The source re-sending the duplicate does not bring it back.
    expect(keepOperatorChanges(duplicate, { ...base, id: 'dup' }, 70)).toMatchObject({
      status: 'closed',
      mergedInto: 'a',
    });
  });

  it('refuses to merge an incident into itself, a closed duplicate, or into an incident already merged', () => {
    expect(() => mergeIncidents(base, base, limin, 1)).toThrow('不能将事件并入其自身');
    expect(() => mergeIncidents({ ...base, id: 'b', status: 'closed' }, base, limin, 1)).toThrow('已办结');
    expect(() => mergeIncidents({ ...base, id: 'b' }, { ...base, mergedInto: 'c' }, limin, 1)).toThrow(
      '已并入 c',
    );
  });
});
