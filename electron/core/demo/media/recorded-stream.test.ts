// Tests of RecordedStream: a demo recording played from a time, re-timed for speed, with seek and pause.
import { describe, expect, it } from 'vitest';
import { FlvTagType, parseFlv, type FlvTag } from './flv-parser';
import { FakeClock } from '../../../../tests/support/media/fake-clock';
import { LiveStreamStoppedError } from './live-stream';
import { RecordedStream } from './recorded-stream';
import { makeSyntheticClip } from '../../../../tests/support/media/synthetic-clip';

/** 20 frames of 40 ms, a key frame every 5: a loop of 800 ms. */
const clip = () => parseFlv(makeSyntheticClip({ frames: 20, gop: 5 }));

function viewer() {
  const chunks: Buffer[] = [];
  let ended = false;
  return {
    write: (chunk: Buffer) => void chunks.push(chunk),
    end: () => void (ended = true),
    get ended() {
      return ended;
    },
    /** The video frames received (not the sequence header). */
    frames(): FlvTag[] {
      return parseFlv(Buffer.concat(chunks)).tags.filter(
        (tag) => tag.type === FlvTagType.video && !tag.isSequenceHeader,
      );
    },
  };
}

const frameIndex = (tag: FlvTag) => tag.data[5];

describe('RecordedStream', () => {
  it('starts at the key frame at or before the recorded time mapped onto the clip loop', () => {
    const clock = new FakeClock();
    // 800 ms loop: 10 × 800 + 300 ms is 300 ms into the clip, frame 7; its key frame is frame 5.
    const stream = new RecordedStream('cam-01-1', clip(), 8_300, { clock });
    const seen = viewer();
    stream.subscribe(seen.write, seen.end);
    clock.advance(1);
    expect(seen.frames().map(frameIndex)[0]).toBe(5);
  });

  it('sends frames twice as fast with timestamps half as far apart at speed 2', () => {
    const clock = new FakeClock();
    const stream = new RecordedStream('cam-01-1', clip(), 0, { clock });
    const seen = viewer();
    stream.subscribe(seen.write, seen.end);
    clock.advance(200);
    const atOne = seen.frames().length;
    stream.setSpeed(2);
    clock.advance(200);
    const frames = seen.frames();
    expect(atOne).toBe(6); // 0, 40 … 200 ms
    // The next frame was due at 240 ms already; from there one every 20 ms up to 400 ms.
    expect(frames.length - atOne).toBe(9);
    const timestamps = frames.slice(atOne).map((tag) => tag.timestamp);
    expect(timestamps[2]! - timestamps[1]!).toBe(20);
  });

  it('continues from the seek target at once, with timestamps that never go back', () => {
    const clock = new FakeClock();
    const stream = new RecordedStream('cam-01-1', clip(), 0, { clock });
    const seen = viewer();
    stream.subscribe(seen.write, seen.end);
    clock.advance(100);
    const before = seen.frames().length;
    stream.seek(800 * 5 + 620); // frame 15: a key frame
    const after = seen.frames();
    expect(frameIndex(after[before]!)).toBe(15);
    expect(after[before]!.timestamp).toBeGreaterThan(after[before - 1]!.timestamp);
  });

  it('repeats the paused picture (a key frame) while paused, and goes on from it on resume', () => {
    const clock = new FakeClock();
    const stream = new RecordedStream('cam-01-1', clip(), 0, { clock });
    const seen = viewer();
    stream.subscribe(seen.write, seen.end);
    clock.advance(260); // frames 0 … 6 sent
    const pausedAt = seen.frames().length;
    stream.pause();
    clock.advance(1_600);
    const paused = seen.frames().slice(pausedAt);
    expect(paused.map(frameIndex)).toEqual([5, 5, 5, 5]);
    expect(paused.every((tag) => tag.isKeyframe)).toBe(true);
    stream.resume();
    clock.advance(80);
    expect(
      seen
        .frames()
        .slice(pausedAt + paused.length)
        .map(frameIndex),
    ).toEqual([5, 6, 7]);
  });

  it('ends its viewers when stopped and refuses new ones', () => {
    const clock = new FakeClock();
    const stream = new RecordedStream('cam-01-1', clip(), 0, { clock });
    const seen = viewer();
    stream.subscribe(seen.write, seen.end);
    stream.stop();
    expect(seen.ended).toBe(true);
    expect(clock.pendingTimers).toBe(0);
    expect(() => stream.subscribe(() => undefined)).toThrow(LiveStreamStoppedError);
  });
});
