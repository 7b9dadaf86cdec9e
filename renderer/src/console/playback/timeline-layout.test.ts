// The playback timeline's layout: bars for recordings, hour marks, the cursor, and a click's time.
import { describe, expect, it } from 'vitest';
import { isRecorded, layoutTimeline, recordedTimeText, timeAtX, xOfTime } from './timeline-layout';

const hour = 3600_000;
// A local midnight, so the marks fall on whole pixels whatever the test machine's time zone.
const midnight = new Date(2026, 11, 7, 0, 0, 0).getTime();
const day = { from: midnight, to: midnight + 24 * hour, width: 480 };

describe('layoutTimeline', () => {
  it('places each recording as a bar at its share of the day, clipped to the range', () => {
    const layout = layoutTimeline(
      [
        { start: midnight - 2 * hour, end: midnight + 6 * hour },
        { start: midnight + 7 * hour, end: midnight + 30 * hour },
      ],
      day,
      null,
    );
    expect(layout.bars).toEqual([
      { x: 0, width: 120 },
      { x: 140, width: 340 },
    ]);
    expect(layout.cursor).toBeNull();
  });

  it('draws a recording shorter than a pixel one pixel wide, so a short clip is still seen', () => {
    const layout = layoutTimeline([{ start: midnight + hour, end: midnight + hour + 1000 }], day, null);
    expect(layout.bars).toEqual([{ x: 20, width: 1 }]);
  });

  it('marks every third local hour with its label', () => {
    const { ticks } = layoutTimeline([], day, null);
    expect(ticks.map((tick) => tick.label)).toEqual([
      '00:00',
      '03:00',
      '06:00',
      '09:00',
      '12:00',
      '15:00',
      '18:00',
      '21:00',
      '00:00',
    ]);
    expect(ticks[1]!.x).toBe(60);
  });

  it('puts the cursor at the playing position, and none outside the range', () => {
    expect(layoutTimeline([], day, midnight + 12 * hour).cursor).toBe(240);
    expect(layoutTimeline([], day, midnight - 1).cursor).toBeNull();
  });

  it('turns a click back into the time under it, clamped to the range', () => {
    expect(timeAtX(240, day)).toBe(midnight + 12 * hour);
    expect(timeAtX(xOfTime(midnight + 5 * hour, day), day)).toBe(midnight + 5 * hour);
    expect(timeAtX(-10, day)).toBe(midnight);
    expect(timeAtX(999, day)).toBe(day.to);
  });
});

describe('isRecorded and recordedTimeText', () => {
  it('says whether a time is inside a recording', () => {
    const spans = [{ start: 10, end: 20 }];
    expect([9, 10, 19, 20].map((time) => isRecorded(time, spans))).toEqual([false, true, true, false]);
  });

  it('writes a recorded time as YYYY-MM-DD HH:mm:ss', () => {
    expect(recordedTimeText(new Date(2026, 0, 5, 8, 4, 9).getTime())).toBe('2026-01-05 08:04:09');
  });
});
