// The demo's recordings: the last 24 hours, a gap or two, stable from call to call.
import { describe, expect, it } from 'vitest';
import { demoGap, demoPlaybackStart, demoRecordings, demoRetentionMs } from './demo-recordings';

const now = Date.UTC(2026, 11, 7, 9, 30, 0);
const day = demoRetentionMs;

describe('demoRecordings', () => {
  it('lists the last 24 hours in time order with one or two gaps of 8 to 40 minutes', () => {
    for (const cameraId of ['cam-0001', 'cam-0002', 'cam-0009']) {
      const spans = demoRecordings(cameraId, now - 2 * day, now + 3600_000, now);
      expect(spans[0]!.start).toBeGreaterThanOrEqual(now - day);
      expect(spans.at(-1)!.end).toBe(now);
      expect(spans.length - 1).toBeGreaterThanOrEqual(1);
      expect(spans.length - 1).toBeLessThanOrEqual(3);
      for (let index = 1; index < spans.length; index++) {
        const gap = spans[index]!.start - spans[index - 1]!.end;
        expect(gap).toBeGreaterThanOrEqual(8 * 60_000);
        expect(gap).toBeLessThanOrEqual(40 * 60_000);
      }
    }
  });

  it('gives the same spans for the same camera and time, and other gaps to another camera', () => {
    const first = demoRecordings('cam-0001', now - day, now, now);
    expect(demoRecordings('cam-0001', now - day, now, now)).toEqual(first);
    expect(demoRecordings('cam-0002', now - day, now, now)).not.toEqual(first);
  });

  it('keeps a gap where it is as time goes on (a list made an hour later agrees on the common part)', () => {
    const gap = demoGap('cam-0001', Math.floor((now - 6 * 3600_000) / (12 * 3600_000)));
    const inside = gap.start + 60_000;
    for (const at of [now, now + 3600_000])
      expect(demoRecordings('cam-0001', inside, inside + 1000, at)).toEqual([]);
  });

  it('has nothing before its 24 hours or after now', () => {
    expect(demoRecordings('cam-0001', now - 3 * day, now - 2 * day, now)).toEqual([]);
    expect(demoRecordings('cam-0001', now + 1000, now + 2000, now)).toEqual([]);
  });

  it('starts a playback asked for inside a gap at the end of the gap, and none after now', () => {
    const spans = demoRecordings('cam-0001', now - day, now, now);
    const gapStart = spans[0]!.end;
    expect(demoPlaybackStart('cam-0001', gapStart + 1000, now)).toBe(spans[1]!.start);
    expect(demoPlaybackStart('cam-0001', now - 120_000, now)).toBe(now - 120_000);
    expect(demoPlaybackStart('cam-0001', now + 1000, now)).toBeUndefined();
  });
});
