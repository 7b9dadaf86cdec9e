// How many WebSocket handshakes a page has in flight at once.
//
// Chromium lets one handshake per server endpoint (IP and port) proceed at a time (RFC 6455 §4.1, with a short
// pause after each), and its network service delays every *new* WebSocket of a renderer by
// 1–5 s × 2^(pending handshakes) / 65536 — so the 16th of 16 tiles opened at once waits 1–5 s before it even
// starts. Letting only a few handshakes be pending keeps that delay under a millisecond and costs nothing,
// since the handshakes to one media server are serialised anyway.

/** A place in the gate: `release()` frees it (idempotent); `cancel()` gives up a place not yet granted. */
export interface GatePass {
  /** Resolves when the caller may connect; never rejects. Does not resolve after `cancel()`. */
  readonly granted: Promise<void>;
  /** Frees the place (after the handshake ended, however it ended) or gives up waiting. Idempotent. */
  release(): void;
}

/**
 * Handshakes allowed in flight per page: the 8th waits at most 5 s × 2^7 / 65536 = 10 ms, while it queues
 * behind 7 others (about 12 ms each) anyway; enough in flight that a busy page, slow to start the next
 * connection, does not leave the browser's handshake queue empty.
 */
export const defaultMaxPendingHandshakes = 8;

/** A handshake that has not finished by then no longer holds its place (a half-open server must not block the wall). */
export const handshakeHoldLimitMs = 3_000;

/** First come, first served places for WebSocket handshakes. */
export class ConnectionGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly maxPending = defaultMaxPendingHandshakes,
    private readonly holdLimitMs = handshakeHoldLimitMs,
  ) {}

  /** Handshakes in flight now. */
  get pending(): number {
    return this.active;
  }

  /** Callers waiting for a place. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Asks for a place; the pass's `granted` resolves when it is this caller's turn. */
  enter(): GatePass {
    let state: 'waiting' | 'granted' | 'done' = 'waiting';
    let grant!: () => void;
    let holdTimer: ReturnType<typeof setTimeout> | undefined;
    const granted = new Promise<void>((resolve) => (grant = resolve));
    const admit = () => {
      state = 'granted';
      this.active++;
      holdTimer = setTimeout(release, this.holdLimitMs);
      grant();
    };
    const release = () => {
      if (state === 'done') return;
      if (state === 'waiting') {
        const index = this.waiting.indexOf(admit);
        if (index >= 0) this.waiting.splice(index, 1);
      } else {
        clearTimeout(holdTimer);
        this.active--;
        this.admitNext();
      }
      state = 'done';
    };
    if (this.active < this.maxPending) admit();
    else this.waiting.push(admit);
    return { granted, release };
  }

  private admitNext(): void {
    while (this.active < this.maxPending && this.waiting.length > 0) this.waiting.shift()!();
  }
}

/** The page's gate, shared by every tile. */
export const pageConnectionGate = new ConnectionGate();
