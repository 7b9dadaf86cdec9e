import { describe, expect, it } from 'vitest';
import { PtzPacer, inputIdleMs, resendMs, type PacingClock } from './ptz-pacing';

/** A manual clock: `advance` runs what falls due, in time order. */
function manualClock() {
  let time = 0;
  const timers = new Set<{ at: number; callback: () => void }>();
  const clock: PacingClock = {
    now: () => time,
    schedule(callback, delayMs) {
      const timer = { at: time + delayMs, callback };
      timers.add(timer);
      return () => timers.delete(timer);
    },
  };
  const advance = (ms: number) => {
    const end = time + ms;
    for (;;) {
      const next = [...timers].filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      timers.delete(next);
      time = next.at;
      next.callback();
    }
    time = end;
  };
  return { clock, advance, pending: () => timers.size };
}

function setUp() {
  const { clock, advance, pending } = manualClock();
  const sent: Array<{ at: number; what: string }> = [];
  const pacer = new PtzPacer((command) => {
    sent.push({ at: clock.now(), what: command.type === 'move' ? command.direction : 'stop' });
  }, clock);
  const moves = () => sent.filter((entry) => entry.what !== 'stop');
  const stops = () => sent.filter((entry) => entry.what === 'stop');
  return { pacer, advance, pending, sent, moves, stops };
}

/** The most moves inside any one second (half-open: [t, t + 1000 ms)) of the record. */
function mostMovesInOneSecond(times: readonly number[]): number {
  return Math.max(0, ...times.map((start) => times.filter((at) => at >= start && at < start + 1000).length));
}

describe('PtzPacer', () => {
  it('re-sends a held direction at most four times in any second, and one stop on release', () => {
    const { pacer, advance, moves, stops } = setUp();
    pacer.press('left', 0.5, true);
    advance(2_000);
    pacer.release();
    const times = moves().map((entry) => entry.at);
    expect(times[0]).toBe(0);
    expect(mostMovesInOneSecond(times)).toBeLessThanOrEqual(4);
    expect(times.length).toBe(8); // 0, 260, … 1820: the head hears a move well within the core's 750 ms
    expect(times.slice(1).map((at, index) => at - times[index]!)).toEqual(Array(7).fill(resendMs));
    expect(stops()).toEqual([{ at: 2_000, what: 'stop' }]);
  });

  it('sends nothing more after the release (no stray timer)', () => {
    const { pacer, advance, sent, pending } = setUp();
    pacer.press('up', 1, true);
    advance(300);
    pacer.release();
    const count = sent.length;
    advance(5_000);
    expect(sent.length).toBe(count);
    expect(pending()).toBe(0);
  });

  it('keeps the pace when the direction changes quickly: the new direction waits for its slot', () => {
    const { pacer, advance, moves } = setUp();
    pacer.press('left', 1, true);
    advance(100);
    pacer.press('up-left', 1, true);
    advance(100);
    pacer.press('up', 1, true);
    advance(400);
    expect(moves()).toEqual([
      { at: 0, what: 'left' },
      { at: resendMs, what: 'up' },
      { at: resendMs * 2, what: 'up' },
    ]);
  });

  it('stops a key hold 500 ms after its last repeat (a key-up lost to another window)', () => {
    const { pacer, advance, stops } = setUp();
    pacer.press('right', 0.5, false);
    for (let repeat = 0; repeat < 10; repeat++) {
      advance(100);
      pacer.input();
    }
    expect(stops()).toEqual([]);
    advance(inputIdleMs);
    expect(stops()).toEqual([{ at: 1_000 + inputIdleMs, what: 'stop' }]);
    expect(pacer.isActive).toBe(false);
  });

  it('stops a wheel zoom 500 ms after the last notch', () => {
    const { pacer, advance, moves, stops } = setUp();
    pacer.press('zoom-in', 0.5, false);
    advance(200);
    pacer.press('zoom-in', 0.5, false);
    advance(inputIdleMs);
    // Held until 700 ms: moves at 0, 260 and 520, then the stop.
    expect(moves().map((entry) => entry.at)).toEqual([0, resendMs, resendMs * 2]);
    expect(stops()).toEqual([{ at: 200 + inputIdleMs, what: 'stop' }]);
  });

  it('holds a pointer press without further input until it is released (pointer capture reports the release)', () => {
    const { pacer, advance, stops } = setUp();
    pacer.press('down', 0.5, true);
    advance(3_000);
    expect(stops()).toEqual([]);
    pacer.release(); // pointerup, pointercancel, lostpointercapture, blur or hidden: one path
    expect(stops()).toHaveLength(1);
  });

  it('sends one stop however often the release comes (blur after pointerup)', () => {
    const { pacer, advance, stops } = setUp();
    pacer.press('down', 0.5, true);
    advance(100);
    pacer.release();
    pacer.release();
    pacer.dispose();
    expect(stops()).toHaveLength(1);
  });

  it('sends no stop for a release when nothing moved', () => {
    const { pacer, stops } = setUp();
    pacer.release();
    expect(stops()).toEqual([]);
  });
});
