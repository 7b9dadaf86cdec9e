// Player teardowns of tiles that are gone, run together in the next task.
//
// A scenario switch unmounts 16 or 36 tiles and mounts as many in one Vue update. Tearing the old players down
// right there (mpegts.js detach, MediaSource release: several ms each) would hold back the new tiles' stream
// requests; in the next task, the new tiles have asked for their streams first. All of them in that one task,
// not one per task: spread out, the old players went on receiving and decoding behind the new ones' traffic
// (the switch bench's tiles mounted 3× later).

const queue: Array<() => void> = [];
let isScheduled = false;

/** Runs `teardown` in the next task, with every other teardown queued until then. */
export function deferTeardown(teardown: () => void): void {
  queue.push(teardown);
  if (isScheduled) return;
  isScheduled = true;
  setTimeout(runAll, 0);
}

/** Teardowns queued and not yet run. */
export function pendingTeardowns(): number {
  return queue.length;
}

function runAll(): void {
  isScheduled = false;
  for (const teardown of queue.splice(0)) {
    try {
      teardown();
    } catch (error) {
      console.warn('[video] teardown failed', error);
    }
  }
}
