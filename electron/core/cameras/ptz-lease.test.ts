import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PtzHolder } from '@shared/protocol';
import { PtzLeaseRefused, PtzLeases, leaseIdleMs, moveIdleMs, type PtzLeaseRecord } from './ptz-lease';

const zhang: PtzHolder = { userId: 'operator', displayName: '值班员 张三', role: 'operator' };
const chen: PtzHolder = { userId: 'waitan-operator', displayName: '外滩街道 陈七', role: 'operator' };
const wang: PtzHolder = { userId: 'trainer', displayName: '演练员 王五', role: 'trainer' };
const zhao: PtzHolder = { userId: 'admin', displayName: '管理员 赵六', role: 'admin' };
const li: PtzHolder = { userId: 'viewer', displayName: '观察员 李四', role: 'viewer' };

function setUp() {
  const stops: string[] = [];
  const changes: Array<[string, string | null]> = [];
  const records: Array<PtzLeaseRecord<string>> = [];
  const leases = new PtzLeases<string>({
    stop: (cameraId) => stops.push(cameraId),
    changed: (cameraId, holder) => changes.push([cameraId, holder?.displayName ?? null]),
    journal: (record) => records.push(record),
  });
  return { leases, stops, changes, records };
}

describe('PtzLeases', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gives the camera to the first operator who steers and tells every window who holds it', () => {
    const { leases, changes, records } = setUp();
    leases.take('cam-0017', 'console-a', zhang);
    expect(leases.holderOf('cam-0017')).toEqual(zhang);
    expect(changes).toEqual([['cam-0017', '值班员 张三']]);
    expect(records.map((record) => record.act)).toEqual(['lease.taken']);
  });

  it('refuses another operator and names the holder (云台由 张三 控制)', () => {
    const { leases } = setUp();
    leases.take('cam-0017', 'console-a', zhang);
    expect(() => leases.take('cam-0017', 'console-b', chen)).toThrow(PtzLeaseRefused);
    expect(() => leases.take('cam-0017', 'console-b', chen)).toThrow('云台由 值班员 张三 控制');
    expect(leases.holderOf('cam-0017')).toEqual(zhang);
  });

  it('lets a higher role take over, journaled as a takeover, and refuses the lower role taking it back', () => {
    const { leases, records, changes } = setUp();
    leases.take('cam-0017', 'console-a', zhang);
    leases.take('cam-0017', 'console-c', wang);
    expect(leases.holderOf('cam-0017')).toEqual(wang);
    expect(records.at(-1)).toMatchObject({
      act: 'lease.taken-over',
      owner: 'console-c',
      detail: { from: 'operator' },
    });
    expect(changes.at(-1)).toEqual(['cam-0017', '演练员 王五']);
    expect(() => leases.take('cam-0017', 'console-a', zhang)).toThrow('云台由 演练员 王五 控制');
    leases.take('cam-0017', 'console-d', zhao);
    expect(leases.holderOf('cam-0017')?.role).toBe('admin');
  });

  it('never lets a viewer steer, even a free camera', () => {
    const { leases } = setUp();
    expect(() => leases.take('cam-0017', 'console-v', li)).toThrow(PtzLeaseRefused);
    expect(leases.holderOf('cam-0017')).toBeNull();
  });

  it('keeps the lease of the same person signing in from a second window', () => {
    const { leases, records } = setUp();
    leases.take('cam-0017', 'console-a', zhang);
    leases.take('cam-0017', 'console-a2', zhang);
    expect(records.map((record) => record.act)).toEqual(['lease.taken']);
    leases.releaseAll('console-a');
    expect(leases.holderOf('cam-0017')).toEqual(zhang);
  });

  it('frees the camera after 15 s idle, not before', () => {
    const { leases, changes } = setUp();
    leases.take('cam-0017', 'console-a', zhang);
    vi.advanceTimersByTime(leaseIdleMs - 1);
    expect(leases.holderOf('cam-0017')).toEqual(zhang);
    vi.advanceTimersByTime(1);
    expect(leases.holderOf('cam-0017')).toBeNull();
    expect(changes.at(-1)).toEqual(['cam-0017', null]);
    // Free again: the other operator may now steer.
    expect(leases.take('cam-0017', 'console-b', chen)).toEqual(chen);
  });

  it('counts every act as activity: a lease used every 10 s never expires', () => {
    const { leases } = setUp();
    for (let step = 0; step < 5; step++) {
      leases.take('cam-0017', 'console-a', zhang);
      vi.advanceTimersByTime(10_000);
    }
    expect(leases.holderOf('cam-0017')).toEqual(zhang);
  });

  it('stops a moving head itself 750 ms after the last move, and journals the hold once', () => {
    const { leases, stops, records } = setUp();
    leases.take('cam-0017', 'console-a', zhang);
    for (let step = 0; step < 8; step++) {
      leases.moved('cam-0017', 'left');
      vi.advanceTimersByTime(250);
    }
    expect(stops).toEqual([]);
    vi.advanceTimersByTime(moveIdleMs);
    expect(stops).toEqual(['cam-0017']);
    expect(leases.isMoving('cam-0017')).toBe(false);
    expect(records.filter((record) => record.act === 'move')).toHaveLength(1);
    expect(records.at(-1)).toMatchObject({ act: 'auto-stop' });
  });

  it('sends no stop of its own after the holder stopped the head', () => {
    const { leases, stops } = setUp();
    leases.take('cam-0017', 'console-a', zhang);
    leases.moved('cam-0017', 'up');
    leases.stopped('cam-0017');
    vi.advanceTimersByTime(leaseIdleMs * 2);
    expect(stops).toEqual([]);
  });

  it('stops the head and frees the camera when the holder’s window closes mid-move', () => {
    const { leases, stops, changes, records } = setUp();
    leases.take('cam-0017', 'console-a', zhang);
    leases.take('cam-0051', 'console-a', zhang);
    leases.take('cam-0099', 'console-b', chen);
    leases.moved('cam-0017', 'zoom-in');
    leases.releaseAll('console-a');
    expect(stops).toEqual(['cam-0017']);
    expect(leases.holderOf('cam-0017')).toBeNull();
    expect(leases.holderOf('cam-0051')).toBeNull();
    expect(leases.holderOf('cam-0099')).toEqual(chen);
    expect(changes.filter(([, holder]) => holder === null).map(([cameraId]) => cameraId)).toEqual([
      'cam-0017',
      'cam-0051',
    ]);
    expect(records.filter((record) => record.act === 'lease.released')).toHaveLength(2);
    // No stray timers: nothing else happens later.
    vi.advanceTimersByTime(leaseIdleMs * 2);
    expect(stops).toEqual(['cam-0017']);
  });
});
