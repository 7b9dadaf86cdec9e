// Tests of LiveStream: real-time pacing, loop timestamps, the GOP cache for new viewers, fault injection.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { decodeAmf0 } from './amf0';
import { FlvTagType, parseFlv, type FlvTag } from './flv-parser';
import { FakeClock } from '../../../../tests/support/media/fake-clock';
import { LiveStream, LiveStreamStoppedError } from './live-stream';
import { makeSyntheticClip } from '../../../../tests/support/media/synthetic-clip';

/** A viewer that records every chunk and can parse what it received so far. */
function recorder() {
  const chunks: Buffer[] = [];
  let ended = false;
  return {
    chunks,
    write: (chunk: Buffer) => void chunks.push(chunk),
    end: () => void (ended = true),
    get ended() {
      return ended;
    },
    tags(): FlvTag[] {
      return [...parseFlv(Buffer.concat(chunks)).tags];
    },
    /** Tags received after the first `skip` chunks (header and initial burst excluded). */
    tagsAfter(skip: number): FlvTag[] {
      return [...parseFlv(Buffer.concat([chunks[0]!, ...chunks.slice(skip)])).tags];
    },
  };
}

const frameIndex = (tag: FlvTag) => tag.data[5];
const realClip = fileURLToPath(new URL('../../../../resources/media/clips/cam-01.flv', import.meta.url));

describe('LiveStream', () => {
  it('offsets each loop by the clip duration plus one frame interval, so timestamps never go back', () => {
    const clock = new FakeClock();
    const stream = new LiveStream('test', parseFlv(makeSyntheticClip({ frames: 10, gop: 5 })), { clock });
    expect(stream.loopDurationMs).toBe(400);
    const viewer = recorder();
    stream.subscribe(viewer.write);
    clock.advance(1000);
    const frames = viewer.tags().filter((tag) => tag.type === FlvTagType.video && !tag.isSequenceHeader);
    const timestamps = frames.map((tag) => tag.timestamp);
    expect(timestamps).toEqual(Array.from({ length: 26 }, (_, index) => index * 40)); // 0 … 1000 inclusive
    expect(frames.map(frameIndex).slice(8, 13)).toEqual([8, 9, 0, 1, 2]); // across the loop boundary
    expect(frames.filter((tag) => tag.isKeyframe).map((tag) => tag.timestamp)).toEqual([
      0, 200, 400, 600, 800, 1000,
    ]);
    // The clip's end-of-sequence marker and sequence header are never repeated inside the stream.
    expect(viewer.tags().filter((tag) => tag.isEndOfSequence)).toHaveLength(0);
    expect(viewer.tags().filter((tag) => tag.isSequenceHeader)).toHaveLength(1);
  });

  it('gives a new viewer header, live metadata, sequence header, then the GOP from its key frame', () => {
    const clock = new FakeClock();
    const stream = new LiveStream('test', parseFlv(makeSyntheticClip({ frames: 10, gop: 5 })), { clock });
    stream.subscribe(() => {});
    clock.advance(290); // frames 0-7 sent; the current GOP started with frame 5 at 200 ms
    const viewer = recorder();
    stream.subscribe(viewer.write);
    const { header } = parseFlv(Buffer.concat(viewer.chunks));
    expect(header).toMatchObject({ hasVideo: true, hasAudio: false });
    expect(viewer.chunks[0]).toHaveLength(13); // the FLV header alone, first
    const tags = viewer.tags();
    expect(tags[0]!.type).toBe(FlvTagType.script);
    expect(decodeAmf0(tags[0]!.data)).toEqual(['onMetaData', expect.objectContaining({ duration: 0 })]);
    expect(decodeAmf0(tags[0]!.data)[1]).not.toHaveProperty('filesize');
    expect(tags[1]).toMatchObject({ type: FlvTagType.video, isSequenceHeader: true, timestamp: 200 });
    expect(tags[2]).toMatchObject({ isKeyframe: true, timestamp: 200 });
    expect(tags.slice(2).map(frameIndex)).toEqual([5, 6, 7]);
    const burst = viewer.chunks.length;
    clock.advance(40);
    expect(viewer.tagsAfter(burst).map((tag) => [frameIndex(tag), tag.timestamp])).toEqual([[8, 320]]);
  });

  it('with clock tags, sends the wall-clock send time before every key frame and to each new viewer', () => {
    const clock = new FakeClock();
    let wallTime = 1_700_000_000_000;
    const stream = new LiveStream('test', parseFlv(makeSyntheticClip({ frames: 10, gop: 5 })), {
      clock,
      sendsClockTags: true,
      wallClock: () => wallTime,
    });
    const first = recorder();
    stream.subscribe(first.write);
    wallTime += 250;
    clock.advance(250); // key frames at 0 and 200 ms
    const clockTags = (tags: FlvTag[]) =>
      tags
        .filter((tag) => tag.type === FlvTagType.script)
        .map((tag) => decodeAmf0(tag.data))
        .filter(([name]) => name === 'onTianmuClock');
    const sent = clockTags(first.tags());
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(['onTianmuClock', { sentAt: 1_700_000_000_250 }]);
    const tags = first.tags();
    const keyframeIndex = tags.findIndex((tag) => tag.isKeyframe && tag.timestamp === 200);
    expect(decodeAmf0(tags[keyframeIndex - 1]!.data)[0]).toBe('onTianmuClock');

    const late = recorder();
    stream.subscribe(late.write);
    const lateTags = late.tags();
    // Header, metadata and the key frame come first; a fresh send time follows the cached GOP.
    expect(lateTags[2]).toMatchObject({ isKeyframe: true });
    expect(clockTags(lateTags)).toEqual([['onTianmuClock', { sentAt: 1_700_000_000_250 }]]);
  });

  it('paces in real time: no bursts, and catches up after a late timer', () => {
    const clock = new FakeClock();
    const stream = new LiveStream('test', parseFlv(makeSyntheticClip({ frames: 50, gop: 25 })), { clock });
    const viewer = recorder();
    stream.subscribe(viewer.write);
    const afterStart = viewer.chunks.length;
    clock.advance(39);
    expect(viewer.chunks.length).toBe(afterStart); // the next frame is due at 40 ms, not before
    clock.advance(1);
    expect(viewer.chunks.length).toBe(afterStart + 1);
    clock.block(200); // a timer fired 200 ms late: the 5 overdue frames go out at once
    expect(viewer.chunks.length).toBe(afterStart + 6);
    expect(stream.nextTimestamp).toBe(280);
    expect(clock.pendingTimers).toBe(1);
  });

  it('does not burst after a very long block; it resumes without a timestamp gap', () => {
    const clock = new FakeClock();
    const stream = new LiveStream('test', parseFlv(makeSyntheticClip({ frames: 50, gop: 25 })), { clock });
    const viewer = recorder();
    stream.subscribe(viewer.write);
    const afterStart = viewer.chunks.length;
    clock.block(60_000); // e.g. the machine slept
    expect(viewer.chunks.length).toBeLessThanOrEqual(afterStart + 26); // at most ~1 s worth, not 60 s
    const before = viewer.chunks.length;
    clock.advance(400);
    expect(viewer.chunks.length - before).toBe(10);
    const timestamps = viewer.tags().map((tag) => tag.timestamp);
    expect(timestamps.slice(2)).toEqual([...timestamps.slice(2)].sort((a, b) => a - b));
  });

  it('stall keeps viewers but sends nothing; resume continues where it stopped', () => {
    const clock = new FakeClock();
    const stream = new LiveStream('test', parseFlv(makeSyntheticClip({ frames: 50, gop: 25 })), { clock });
    const viewer = recorder();
    stream.subscribe(viewer.write);
    clock.advance(100);
    stream.stall();
    expect(stream.state).toBe('stalled');
    const count = viewer.chunks.length;
    clock.advance(5000);
    expect(viewer.chunks.length).toBe(count);
    expect(stream.viewers).toBe(1);
    const late = recorder();
    stream.subscribe(late.write); // accepted during a stall: headers and cached GOP, then nothing
    expect(late.tags().some((tag) => tag.isKeyframe && !tag.isSequenceHeader)).toBe(true);
    stream.resume();
    clock.advance(80);
    const resumed = viewer.tagsAfter(count).map((tag) => tag.timestamp);
    expect(resumed).toEqual([120, 160, 200]);
  });

  it('stop ends every viewer and refuses new ones; restart starts a new session from timestamp 0', () => {
    const clock = new FakeClock();
    const stream = new LiveStream('test', parseFlv(makeSyntheticClip({ frames: 10, gop: 5 })), { clock });
    const first = recorder();
    stream.subscribe(first.write, first.end);
    clock.advance(500);
    stream.stop();
    expect(first.ended).toBe(true);
    expect(stream.viewers).toBe(0);
    expect(stream.state).toBe('stopped');
    expect(clock.pendingTimers).toBe(0);
    expect(() => stream.subscribe(() => {})).toThrow(LiveStreamStoppedError);
    stream.restart();
    expect(stream.state).toBe('running');
    const second = recorder();
    stream.subscribe(second.write, second.end);
    expect(
      second
        .tags()
        .slice(2)
        .map((tag) => tag.timestamp),
    ).toEqual([0]);
    stream.restart(); // restarting a running stream is a new session too: its viewers are disconnected
    expect(second.ended).toBe(true);
  });

  it('a viewer that joins before any key frame waits for one', () => {
    const clock = new FakeClock();
    const stream = new LiveStream('test', parseFlv(makeSyntheticClip({ frames: 10, gop: 5 })), { clock });
    stream.stall(); // stalled before it ever started: no GOP cached yet
    const viewer = recorder();
    stream.subscribe(viewer.write);
    expect(
      viewer.tags().filter((tag) => !tag.isSequenceHeader && tag.type === FlvTagType.video),
    ).toHaveLength(0);
    stream.resume();
    const media = viewer.tags().filter((tag) => tag.type === FlvTagType.video && !tag.isSequenceHeader);
    expect(media[0]!.isKeyframe).toBe(true);
  });

  it('drops a viewer whose write throws without disturbing the others', () => {
    const clock = new FakeClock();
    const stream = new LiveStream('test', parseFlv(makeSyntheticClip()), { clock });
    let ended = false;
    let calls = 0;
    stream.subscribe(
      () => {
        if (++calls > 5) throw new Error('broken pipe');
      },
      () => (ended = true),
    );
    const healthy = recorder();
    stream.subscribe(healthy.write);
    clock.advance(400);
    expect(ended).toBe(true);
    expect(stream.viewers).toBe(1);
    expect(healthy.chunks.length).toBeGreaterThan(5);
  });

  it('runs on real timers at real-time pace, monotonic across a loop boundary', async () => {
    const stream = new LiveStream('test', parseFlv(makeSyntheticClip({ frames: 10, gop: 5 })));
    const viewer = recorder();
    const started = performance.now();
    stream.subscribe(viewer.write);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const elapsed = performance.now() - started;
    stream.stop();
    const frames = viewer.tags().filter((tag) => tag.type === FlvTagType.video && !tag.isSequenceHeader);
    const expected = Math.floor(elapsed / 40) + 1;
    expect(frames.length).toBeGreaterThanOrEqual(expected - 5); // slack for a loaded CI machine
    expect(frames.length).toBeLessThanOrEqual(expected + 1);
    const timestamps = frames.map((tag) => tag.timestamp);
    expect(timestamps).toEqual(timestamps.map((_, index) => index * 40));
    expect(frames.map(frameIndex)).toContain(9);
  });
});

describe('LiveStream with a generated clip', () => {
  it('loops cam-01 with a 10 s period and key frames every second across the loop', () => {
    const clock = new FakeClock();
    const stream = new LiveStream('cam-01', parseFlv(readFileSync(realClip)), { clock });
    expect(stream.loopDurationMs).toBe(10_000);
    const viewer = recorder();
    stream.subscribe(viewer.write);
    clock.advance(12_000);
    const frames = viewer.tags().filter((tag) => tag.type === FlvTagType.video && !tag.isSequenceHeader);
    expect(frames).toHaveLength(301);
    expect(frames.every((tag, index) => tag.timestamp === index * 40)).toBe(true);
    const keyframes = frames.filter((tag) => tag.isKeyframe).map((tag) => tag.timestamp);
    expect(keyframes).toEqual(Array.from({ length: 13 }, (_, index) => index * 1000));
  });

  it('switches to another view of a PTZ camera at its next key frame, the viewer connected and time running on', () => {
    const view = (name: string) =>
      parseFlv(
        readFileSync(
          fileURLToPath(new URL(`../../../../resources/media/clips/ptz/${name}.flv`, import.meta.url)),
        ),
      );
    const [wide, left] = [view('ptz-01-c1r1z0'), view('ptz-01-c0r1z0')];
    const clock = new FakeClock();
    const stream = new LiveStream('ptz-01', wide, { clock });
    const viewer = recorder();
    stream.subscribe(viewer.write, viewer.end);
    clock.advance(300);
    stream.replaceClip(left);
    clock.advance(1000);
    const frames = viewer.tags().filter((tag) => tag.type === FlvTagType.video && !tag.isSequenceHeader);
    const isFrom = (clip: typeof wide) => (tag: FlvTag) =>
      clip.tags.some((source) => !source.isSequenceHeader && source.data.equals(tag.data));
    const firstLeft = frames.findIndex(isFrom(left));
    expect(firstLeft).toBeGreaterThan(0);
    expect(frames[firstLeft]!.isKeyframe).toBe(true);
    expect(frames.slice(firstLeft).every(isFrom(left))).toBe(true);
    expect(frames.slice(0, firstLeft).every(isFrom(wide))).toBe(true);
    // Within one GOP (10 frames, 400 ms) of the request, timestamps still one frame apart.
    expect(frames[firstLeft]!.timestamp).toBeLessThanOrEqual(300 + 400);
    const steps = frames.slice(1).map((tag, index) => tag.timestamp - frames[index]!.timestamp);
    expect(new Set(steps)).toEqual(new Set([40]));
    // The views share one SPS/PPS (make-clips.sh encodes them alike): no second sequence header was needed.
    expect(viewer.tags().filter((tag) => tag.isSequenceHeader)).toHaveLength(1);
    expect(viewer.ended).toBe(false);
  });

  it('refuses a clip of another shape (frames or timing) for a running stream', () => {
    const stream = new LiveStream('test', parseFlv(makeSyntheticClip({ frames: 10, gop: 5 })), {
      clock: new FakeClock(),
    });
    expect(() => stream.replaceClip(parseFlv(makeSyntheticClip({ frames: 12, gop: 5 })))).toThrow(
      'differs in frames or timing',
    );
  });
});
