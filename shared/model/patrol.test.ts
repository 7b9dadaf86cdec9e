// Patrol position: every window derives the same camera from the wall clock, pause holds, advance skips.
import { describe, expect, it } from 'vitest';
import { nextPatrolChangeAt, patrolIndex, patrolStep, runningPatrol } from './patrol';

describe('patrol position', () => {
  it('advances one camera per dwell from the epoch while running, and wraps around the group', () => {
    expect(patrolStep(runningPatrol, 10, 0)).toBe(0);
    expect(patrolStep(runningPatrol, 10, 9_999)).toBe(0);
    expect(patrolStep(runningPatrol, 10, 10_000)).toBe(1);
    expect(patrolIndex(patrolStep(runningPatrol, 10, 35_000), 3)).toBe(0);
    expect(nextPatrolChangeAt(runningPatrol, 10, 12_000)).toBe(20_000);
  });

  it('never cycles faster than the 5 s minimum dwell', () => {
    expect(patrolStep(runningPatrol, 1, 4_999)).toBe(0);
    expect(patrolStep(runningPatrol, 1, 5_000)).toBe(1);
  });

  it('holds its step while paused and counts from the resume time afterwards', () => {
    const paused = { step: 7, since: 50_000, isPaused: true };
    expect(patrolStep(paused, 10, 500_000)).toBe(7);
    expect(nextPatrolChangeAt(paused, 10, 500_000)).toBeNull();
    const resumed = { step: 7, since: 500_000, isPaused: false };
    expect(patrolStep(resumed, 10, 509_000)).toBe(7);
    expect(patrolStep(resumed, 10, 510_000)).toBe(8);
  });

  it('maps negative or huge steps into the group', () => {
    expect(patrolIndex(-1, 4)).toBe(3);
    expect(patrolIndex(1_000_003, 4)).toBe(3);
    expect(patrolIndex(5, 0)).toBe(0);
  });
});
