// Spreads chart redraws over separate tasks: twelve panels updated by one data batch would otherwise draw in
// one 60–75 ms block and stall the wall. Each task draws one chart, then yields, so input, layout and the
// wall's other updates run between panels and no task holds the main thread much longer than one redraw.

const queue = new Map<object, () => void>();

/** Durations of drawing tasks, for the bench (read as `window.__tianmuChartStats`). */
export const chartTaskStats = { tasks: 0, updates: 0, maxTaskMs: 0, tasksOver16Ms: 0, totalMs: 0 };
if (typeof window !== 'undefined') {
  (window as unknown as { __tianmuChartStats: typeof chartTaskStats }).__tianmuChartStats = chartTaskStats;
}
let isScheduled = false;
const channel = typeof MessageChannel === 'undefined' ? undefined : new MessageChannel();
if (channel) channel.port1.onmessage = () => runQueue();

function post(): void {
  if (channel) channel.port2.postMessage(null);
  else setTimeout(runQueue, 0);
}

function runQueue(): void {
  const start = performance.now();
  // One chart per task: a time budget checked after a redraw cannot stop the redraw that overruns it.
  const next = queue.entries().next();
  if (!next.done) {
    const [owner, update] = next.value;
    queue.delete(owner);
    try {
      update();
    } catch (error) {
      console.error('[charts] update failed', error);
    }
    chartTaskStats.updates++;
  }
  const duration = performance.now() - start;
  chartTaskStats.tasks++;
  chartTaskStats.totalMs += duration;
  chartTaskStats.maxTaskMs = Math.max(chartTaskStats.maxTaskMs, duration);
  if (duration > 16) chartTaskStats.tasksOver16Ms++;
  if (queue.size > 0) post();
  else isScheduled = false;
}

/** Queues `update` for `owner`, replacing an update it still has queued (only the latest option matters). */
export function scheduleChartUpdate(owner: object, update: () => void): void {
  queue.set(owner, update);
  if (!isScheduled) {
    isScheduled = true;
    post();
  }
}

export function cancelChartUpdate(owner: object): void {
  queue.delete(owner);
}

/** Runs every queued update now (tests). */
export function flushChartUpdates(): void {
  for (const [owner, update] of [...queue]) {
    queue.delete(owner);
    update();
  }
}
