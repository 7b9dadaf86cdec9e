// Spreads chart redraws over separate tasks: twelve panels updated by one data batch would otherwise draw in
// one 60–75 ms block and stall the wall. Each task draws charts until ~8 ms are used, then yields.

/** Budget of one task, well under a 16 ms frame. */
const taskBudgetMs = 8;

const queue = new Map<object, () => void>();
let isScheduled = false;
const channel = typeof MessageChannel === 'undefined' ? undefined : new MessageChannel();
if (channel) channel.port1.onmessage = () => runQueue();

function post(): void {
  if (channel) channel.port2.postMessage(null);
  else setTimeout(runQueue, 0);
}

function runQueue(): void {
  const start = performance.now();
  while (queue.size > 0) {
    const [owner, update] = queue.entries().next().value!;
    queue.delete(owner);
    try {
      update();
    } catch (error) {
      console.error('[charts] update failed', error);
    }
    if (performance.now() - start >= taskBudgetMs) break;
  }
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
