// Player teardowns of tiles that are gone, run one per task after the current one.
//
// A scenario switch unmounts 16 or 36 tiles and mounts as many in one Vue update. Tearing the old players down
// right there (mpegts.js detach, MediaSource release: several ms each) would hold back the new tiles' stream
// requests; queued, the new tiles ask for their streams first and the teardowns run between the answers.

const queue: Array<() => void> = [];
let isScheduled = false;

/** Runs `teardown` soon, after the task in progress and after teardowns queued before it. */
export function deferTeardown(teardown: () => void): void {
  queue.push(teardown);
  schedule();
}

/** Teardowns queued and not yet run. */
export function pendingTeardowns(): number {
  return queue.length;
}

function schedule(): void {
  if (isScheduled || queue.length === 0) return;
  isScheduled = true;
  setTimeout(runNext, 0);
}

function runNext(): void {
  isScheduled = false;
  const teardown = queue.shift();
  try {
    teardown?.();
  } catch (error) {
    console.warn('[video] teardown failed', error);
  }
  schedule();
}
