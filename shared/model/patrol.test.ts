// Patrol position: every window derives the same camera from the wall clock, pause holds, advance skips; a
// block's pages wrap around to fill the last page and leave tiles empty only when the group is smaller than it.
import { describe, expect, it } from 'vitest';
import {
  nextPatrolChangeAt,
  patrolBlockOf,
  patrolIndex,
  patrolPage,
  patrolPageCameras,
  patrolPageCount,
  patrolStep,
  runningPatrol,
  type PatrolState,
} from './patrol';

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

describe('patrol block pages (分组轮巡)', () => {
  const group = (count: number) => Array.from({ length: count }, (_, index) => `cam-${index + 1}`);

  it('pages a 2×2 block through 16 cameras four at a time, back to the first page after the last', () => {
    const cameras = group(16);
    expect(patrolPageCount(16, 4)).toBe(4);
    expect(patrolPageCameras(cameras, 4, 0)).toEqual(['cam-1', 'cam-2', 'cam-3', 'cam-4']);
    expect(patrolPageCameras(cameras, 4, 1)).toEqual(['cam-5', 'cam-6', 'cam-7', 'cam-8']);
    expect(patrolPageCameras(cameras, 4, 3)).toEqual(['cam-13', 'cam-14', 'cam-15', 'cam-16']);
    expect(patrolPageCameras(cameras, 4, 4)).toEqual(patrolPageCameras(cameras, 4, 0));
    expect(patrolPage(6, 16, 4)).toBe(2);
  });

  it('fills the last page by wrapping around to the first cameras, and never repeats a camera on a page', () => {
    const cameras = group(10);
    expect(patrolPageCount(10, 4)).toBe(3);
    expect(patrolPageCameras(cameras, 4, 2)).toEqual(['cam-9', 'cam-10', 'cam-1', 'cam-2']);
    expect(patrolPageCameras(cameras, 4, 3)).toEqual(['cam-1', 'cam-2', 'cam-3', 'cam-4']);
    for (let count = 4; count <= 40; count++) {
      for (let step = 0; step < 12; step++) {
        const page = patrolPageCameras(group(count), 4, step);
        expect(new Set(page).size, `${count} cameras, step ${step}`).toBe(4);
      }
    }
  });

  it('shows every camera of the group within one cycle of pages', () => {
    for (const [count, tiles] of [
      [10, 4],
      [7, 3],
      [256, 16],
      [17, 16],
    ] as const) {
      const seen = new Set<string | null>();
      for (let step = 0; step < patrolPageCount(count, tiles); step++)
        for (const id of patrolPageCameras(group(count), tiles, step)) seen.add(id);
      expect(seen.size, `${count} cameras in ${tiles} tiles`).toBe(count);
    }
  });

  it('shows a group smaller than the block once, on one page, with the remaining tiles empty', () => {
    const cameras = group(3);
    expect(patrolPageCount(3, 4)).toBe(1);
    expect(patrolPageCameras(cameras, 4, 0)).toEqual(['cam-1', 'cam-2', 'cam-3', null]);
    // 下一路 changes nothing: there is no other page.
    expect(patrolPageCameras(cameras, 4, 1)).toEqual(['cam-1', 'cam-2', 'cam-3', null]);
    expect(patrolPageCameras(group(4), 4, 5)).toEqual(['cam-1', 'cam-2', 'cam-3', 'cam-4']);
  });

  it('maps negative and huge steps to a page', () => {
    const cameras = group(10);
    expect(patrolPage(-1, 10, 4)).toBe(2);
    expect(patrolPageCameras(cameras, 4, -1)).toEqual(['cam-9', 'cam-10', 'cam-1', 'cam-2']);
    expect(patrolPage(Number.MAX_SAFE_INTEGER, 10, 4)).toBe(Number.MAX_SAFE_INTEGER % 3);
    expect(patrolPageCameras(cameras, 4, 3_000_000_002)).toEqual(patrolPageCameras(cameras, 4, 2));
  });

  it('is the single-tile patrol for a 1×1 block (a patrol without a block)', () => {
    const cameras = group(7);
    expect(patrolBlockOf({})).toEqual({ rows: 1, columns: 1 });
    expect(patrolPageCount(7, 1)).toBe(7);
    for (let step = -8; step < 20; step++)
      expect(patrolPageCameras(cameras, 1, step)).toEqual([cameras[patrolIndex(step, 7)]]);
  });

  it('holds the page while paused, and pages on from the resume time', () => {
    const cameras = group(12);
    const paused = { step: 5, since: 1_000, isPaused: true };
    const page = (state: PatrolState, now: number) =>
      patrolPageCameras(cameras, 4, patrolStep(state, 10, now));
    expect(page(paused, 1_000)).toEqual(['cam-9', 'cam-10', 'cam-11', 'cam-12']);
    expect(page(paused, 1_000_000)).toEqual(['cam-9', 'cam-10', 'cam-11', 'cam-12']);
    const resumed = { ...paused, since: 1_000_000, isPaused: false };
    expect(page(resumed, 1_009_999)).toEqual(['cam-9', 'cam-10', 'cam-11', 'cam-12']);
    expect(page(resumed, 1_010_000)).toEqual(['cam-1', 'cam-2', 'cam-3', 'cam-4']);
  });
});
