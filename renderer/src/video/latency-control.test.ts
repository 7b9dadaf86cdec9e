// The latency policy: what a tile does when it is on time, slightly behind, far behind, or in a gap.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bufferedRangeAt, latencyAction, maximumCatchUpRate } from './latency-control';

const reading = (ahead: number, transit = 0) => ({
  currentTime: 100,
  bufferedStart: 90,
  bufferedEnd: 100 + ahead,
  transitSeconds: transit,
  playbackRate: 1,
});

describe('latencyAction with a 1 s target', () => {
  it('plays at normal speed when close to the live edge', () => {
    expect(latencyAction(reading(0.25), 1)).toEqual({ seekTo: null, playbackRate: 1 });
  });

  it('speeds up gently when slightly behind, more the further behind, never above 1.05×', () => {
    const slight = latencyAction(reading(0.35), 1);
    const more = latencyAction(reading(1.2), 1);
    expect(slight.seekTo).toBeNull();
    expect(slight.playbackRate).toBeGreaterThan(1);
    expect(more.playbackRate).toBeGreaterThan(slight.playbackRate);
    expect(more.playbackRate).toBeLessThanOrEqual(maximumCatchUpRate);
  });

  it('counts network transit towards the latency', () => {
    expect(latencyAction(reading(0.25, 0.4), 1).playbackRate).toBeGreaterThan(1);
  });

  it('jumps to just before the buffered end when far behind, staying inside the buffer', () => {
    expect(latencyAction(reading(3), 1)).toEqual({ seekTo: 102.7, playbackRate: 1 });
  });

  it('jumps over a key-frame cache at the start instead of catching up for seconds, later only catches up', () => {
    const start = latencyAction({ ...reading(0.9), isStarting: true }, 1);
    expect(start.seekTo).toBeCloseTo(100.6, 6);
    expect(start.playbackRate).toBe(1);
    expect(latencyAction({ ...reading(0.45), isStarting: true }, 1)).toMatchObject({ seekTo: null });
    expect(latencyAction({ ...reading(0.9), isStarting: false }, 1)).toMatchObject({ seekTo: null });
  });

  it('holds the first picture, paused, while other tiles wait for theirs; jumps when they have it', () => {
    const waiting = { ...reading(0.9), isStarting: true, waitsForOtherTiles: true };
    expect(latencyAction(waiting, 1)).toEqual({ seekTo: null, playbackRate: 1, holds: true });
    // However far the held tile has fallen behind meanwhile: the others come first.
    expect(latencyAction({ ...waiting, ...reading(3) }, 1)).toMatchObject({ holds: true });
    const released = { ...reading(1.9), isStarting: true, waitsForOtherTiles: false };
    expect(latencyAction(released, 1)).toEqual({ seekTo: 101.9 - 0.3, playbackRate: 1 });
  });

  it('never speeds up with almost nothing buffered, even with a large transit delay', () => {
    expect(latencyAction(reading(0.1, 2), 1)).toEqual({ seekTo: null, playbackRate: 1 });
  });

  it('seeks into the buffer when playback sits before it (a gap)', () => {
    expect(latencyAction({ ...reading(1), currentTime: 80 }, 1).seekTo).toBeCloseTo(90.01);
  });

  it('for any reading: a seek lands inside the buffer and the rate stays between 1 and 1.05', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0.01, max: 30, noNaN: true }),
        fc.double({ min: -5, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0.2, max: 10, noNaN: true }),
        (start, length, offset, transit, target) => {
          const action = latencyAction(
            {
              currentTime: start + offset,
              bufferedStart: start,
              bufferedEnd: start + length,
              transitSeconds: transit,
              playbackRate: 1,
            },
            target,
          );
          expect(action.playbackRate).toBeGreaterThanOrEqual(1);
          expect(action.playbackRate).toBeLessThanOrEqual(maximumCatchUpRate);
          if (action.seekTo !== null) {
            expect(action.seekTo).toBeGreaterThanOrEqual(start);
            expect(action.seekTo).toBeLessThanOrEqual(start + length);
          }
        },
      ),
    );
  });
});

describe('bufferedRangeAt', () => {
  const ranges = (...pairs: [number, number][]) => ({
    length: pairs.length,
    start: (index: number) => pairs[index]![0],
    end: (index: number) => pairs[index]![1],
  });
  it('finds the range holding the time, else the last one', () => {
    expect(bufferedRangeAt(ranges([0, 5], [10, 20]), 12)).toEqual({ start: 10, end: 20 });
    expect(bufferedRangeAt(ranges([0, 5], [10, 20]), 7)).toEqual({ start: 10, end: 20 });
    expect(bufferedRangeAt(ranges(), 7)).toBeNull();
  });
});
