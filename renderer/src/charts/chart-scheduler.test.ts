// Chart redraws are spread over tasks: an update queued twice draws once, and each task draws one chart.
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

  it('draws one chart per task, yielding between charts', async () => {
    // A microtask queued by a draw runs when its task ends: seeing it before the next draw proves a yield.
    const log: string[] = [];
    const draw = (index: number) => () => {
      log.push(`draw ${index}`);
      queueMicrotask(() => log.push(`task end after ${index}`));
    };
    for (let index = 0; index < 4; index++) scheduleChartUpdate({}, draw(index));
    await vi.waitFor(() => expect(log.filter((entry) => entry.startsWith('draw'))).toHaveLength(4));
    expect(log).toEqual([0, 1, 2, 3].flatMap((index) => [`draw ${index}`, `task end after ${index}`]));
  });
});
