// Chart redraws are spread over tasks: an update queued twice draws once, and a long queue yields.
import { describe, expect, it, vi } from 'vitest';
import { flushChartUpdates, scheduleChartUpdate } from './chart-scheduler';

describe('chart scheduler', () => {
  it('keeps only the latest update per chart', () => {
    const owner = {};
    const first = vi.fn();
    const second = vi.fn();
    scheduleChartUpdate(owner, first);
    scheduleChartUpdate(owner, second);
    flushChartUpdates();
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('yields after its time budget, drawing the rest in later tasks', async () => {
    // A microtask queued by a draw runs when its task ends: seeing one before the last draw proves a yield.
    const log: string[] = [];
    const busy = (index: number) => () => {
      const start = performance.now();
      while (performance.now() - start < 5);
      log.push(`draw ${index}`);
      queueMicrotask(() => log.push(`task end after ${index}`));
    };
    for (let index = 0; index < 6; index++) scheduleChartUpdate({}, busy(index));
    await vi.waitFor(() => expect(log.filter((entry) => entry.startsWith('draw'))).toHaveLength(6));
    expect(log.indexOf('task end after 0')).toBeLessThan(log.indexOf('draw 5'));
    expect(log.indexOf('draw 1')).toBeLessThan(log.indexOf('task end after 0'));
  });
});
