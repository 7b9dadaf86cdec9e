import { describe, expect, it } from 'vitest';
import { ActivityReporter, activityIntervalMs, type ActivityTimers } from './activity-reporter';

/** Timers on a hand-moved clock: `advance` runs what falls due. */
function manualTimers() {
  let now = 0;
  let due: { at: number; run: () => void } | null = null;
  const timers: ActivityTimers = {
    now: () => now,
    setTimeout: (run, ms) => (due = { at: now + ms, run }),
    clearTimeout: () => (due = null),
  };
  const advance = (ms: number) => {
    now += ms;
    if (due && due.at <= now) {
      const { run } = due;
      due = null;
      run();
    }
  };
  return { timers, advance };
}

describe('ActivityReporter', () => {
  it('reports the first input at once and a burst of input once more at the end of the interval', () => {
    const { timers, advance } = manualTimers();
    let reports = 0;
    const reporter = new ActivityReporter(() => reports++, 60_000, timers);
    reporter.input();
    expect(reports).toBe(1);
    for (let second = 0; second < 50; second++) {
      advance(1_000);
      reporter.input();
    }
    expect(reports).toBe(1);
    advance(10_000);
    expect(reports).toBe(2);
    // Quiet: no more reports.
    advance(600_000);
    expect(reports).toBe(2);
  });

  it('sends nothing after it is disposed', () => {
    const { timers, advance } = manualTimers();
    let reports = 0;
    const reporter = new ActivityReporter(() => reports++, 60_000, timers);
    reporter.input();
    advance(1_000);
    reporter.input();
    reporter.dispose();
    advance(120_000);
    expect(reports).toBe(1);
  });

  it('reports at most once a minute, and four times per lock time for short ones', () => {
    expect(activityIntervalMs(10 * 60_000)).toBe(60_000);
    expect(activityIntervalMs(20_000)).toBe(5_000);
  });
});
