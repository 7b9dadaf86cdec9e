// Tests of attachViewer: slow viewers are dropped at the buffer limit, ended viewers are closed gracefully.

import { describe, expect, it } from 'vitest';

import { parseFlv } from './flv-parser';
import { LiveStream, type LiveStreamClock } from './live-stream';
import { makeSyntheticClip } from '../../../../tests/support/media/synthetic-clip';
import { attachViewer, type ViewerSink } from './viewer';

/** A clock whose timers never fire: only the synchronous initial burst is sent. */
const frozenClock: LiveStreamClock = { now: () => 0, schedule: () => () => {} };

/** A sink that never drains, like a client that stopped reading. */
interface StuckSink extends ViewerSink {
  buffered: number;
  writes: number;
  ended: boolean;
  destroyed: boolean;
}

function stuckSink(): StuckSink {
  const sink: StuckSink = {
    buffered: 0,
    writes: 0,
    ended: false,
    destroyed: false,
    write(chunk) {
      sink.writes += 1;
      sink.buffered += chunk.length;
    },
    bufferedBytes: () => sink.buffered,
    end: () => void (sink.ended = true),
    destroy: () => void (sink.destroyed = true),
  };
  return sink;
}

describe('attachViewer', () => {
  it('drops a viewer whose queue exceeds the limit and unsubscribes it', () => {
    const clock = { time: 0, callbacks: [] as (() => void)[] };
    const stream = new LiveStream('test', parseFlv(makeSyntheticClip({ frames: 50 })), {
      clock: {
        now: () => clock.time,
        schedule: (callback) => {
          clock.callbacks.push(callback);
          return () => {};
        },
      },
    });
    const sink = stuckSink();
    attachViewer(stream, sink, 300);
    expect(stream.viewers).toBe(1); // the initial burst is small
    for (let step = 0; step < 40 && !sink.destroyed; step++) {
      clock.time += 40;
      clock.callbacks.shift()?.();
    }
    expect(sink.destroyed).toBe(true);
    expect(stream.viewers).toBe(0);
    const writes = sink.writes;
    clock.time += 400;
    clock.callbacks.shift()?.();
    expect(sink.writes).toBe(writes);
  });

  it('drops a viewer already during the initial burst when the limit is tiny', () => {
    const stream = new LiveStream('test', parseFlv(makeSyntheticClip()), { clock: frozenClock });
    const sink = stuckSink();
    attachViewer(stream, sink, 10);
    expect(sink.destroyed).toBe(true);
    expect(sink.writes).toBe(1); // the FLV header, then dropped
    expect(stream.viewers).toBe(0);
  });

  it('ends the viewer gracefully when the stream stops, and detach is idempotent', () => {
    const stream = new LiveStream('test', parseFlv(makeSyntheticClip()), { clock: frozenClock });
    const sink = stuckSink();
    const detach = attachViewer(stream, sink, 1 << 20);
    stream.stop();
    expect(sink.ended).toBe(true);
    expect(sink.destroyed).toBe(false);
    detach();
    detach();
    expect(stream.viewers).toBe(0);
  });
});
