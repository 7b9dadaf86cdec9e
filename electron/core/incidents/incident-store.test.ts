import { describe, expect, it, vi } from 'vitest';
import type { Incident } from '@shared/model/incident';
import { IncidentStore } from './incident-store';
import { LifecycleError } from './incident-lifecycle';

const incident = (id: string, raisedAt: number, status: Incident['status'] = 'new'): Incident => ({
  id,
  title: `事件 ${id}`,
  category: 'flood',
  severity: 'yellow',
  position: [121.5, 31.23],
  source: 'test',
  status,
  raisedAt,
  updatedAt: raisedAt,
  isDrill: false,
});
const limin = { userId: 'limin', name: '李敏' };

describe('IncidentStore', () => {
  it('delivers every change to every listener, one call per upsert (never coalesced)', () => {
    const store = new IncidentStore();
    const listener = vi.fn();
    store.onChanged(listener);
    store.upsert([incident('a', 1)]);
    store.upsert([incident('a', 1), incident('b', 2)]);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(store.list().map((item) => item.id)).toEqual(['b', 'a']);
  });

  it('evicts closed incidents first beyond capacity and counts every eviction', () => {
    const store = new IncidentStore({ capacity: 2 });
    store.upsert([incident('open-old', 1), incident('closed', 2, 'closed')]);
    store.upsert([incident('new', 3)]);
    expect(store.list().map((item) => item.id)).toEqual(['new', 'open-old']);
    store.upsert([incident('newer', 4)]);
    expect(store.list().map((item) => item.id)).toEqual(['newer', 'new']);
    expect(store.overflow).toBe(2);
  });

  it('acknowledges once, recording who and when; a second 确认 is refused with the reason', () => {
    const store = new IncidentStore({ now: () => 99 });
    store.upsert([incident('a', 1)]);
    expect(store.act('a', { type: 'acknowledge' }, limin)).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: '李敏',
      acknowledgedAt: 99,
      history: [{ action: 'acknowledged', by: 'limin', byName: '李敏', at: 99 }],
    });
    expect(() => store.act('a', { type: 'acknowledge' }, { userId: 'chen' })).toThrow(LifecycleError);
    expect(store.get('a')).toMatchObject({ acknowledgedBy: '李敏' });
    expect(store.act('missing', { type: 'acknowledge' }, limin)).toBeUndefined();
  });

  it('keeps an acknowledged incident acknowledged, with who and when, when its source sends it again as new', () => {
    const store = new IncidentStore({ now: () => 99 });
    const told = vi.fn();
    store.upsert([incident('a', 1)]);
    store.act('a', { type: 'acknowledge' }, limin);
    store.onChanged(told);
    store.upsert([{ ...incident('a', 1), title: '事件 a（更新）', updatedAt: 120 }]);
    const expected = {
      status: 'acknowledged',
      acknowledgedBy: '李敏',
      acknowledgedAt: 99,
      title: '事件 a（更新）',
    };
    expect(store.get('a')).toMatchObject(expected);
    expect(told).toHaveBeenCalledWith([expect.objectContaining(expected)], 0);
  });

  it('lets a source close an acknowledged incident but never reopen a closed one', () => {
    const store = new IncidentStore({ now: () => 99 });
    store.upsert([incident('a', 1)]);
    store.act('a', { type: 'acknowledge' }, limin);
    store.upsert([incident('a', 1, 'closed')]);
    expect(store.get('a')).toMatchObject({ status: 'closed', acknowledgedBy: '李敏' });
    expect(store.get('a')?.history?.at(-1)).toMatchObject({ action: 'closed', by: 'test' });
    store.upsert([incident('a', 1, 'new')]);
    expect(store.get('a')?.status).toBe('closed');
  });

  it('merges a duplicate into the kept incident and tells listeners about both', () => {
    const store = new IncidentStore({ now: () => 50 });
    store.upsert([incident('hotline-1', 1), incident('iot-7', 2)]);
    const told = vi.fn();
    store.onChanged(told);
    store.merge('hotline-1', 'iot-7', limin);
    expect(store.get('hotline-1')).toMatchObject({ status: 'closed', mergedInto: 'iot-7' });
    expect(store.get('iot-7')?.history).toEqual([
      { at: 50, action: 'absorbed', by: 'limin', byName: '李敏', other: 'hotline-1' },
    ]);
    expect(told).toHaveBeenCalledTimes(1);
    expect(store.merge('hotline-1', 'missing', limin)).toBeUndefined();
  });
});
