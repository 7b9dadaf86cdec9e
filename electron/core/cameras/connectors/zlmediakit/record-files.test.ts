// Record file names read back into spans in both of ZLMediaKit's layouts, in the server's time zone.
import { describe, expect, it } from 'vitest';
import { localDays, recordFileStart, recordSegments } from './record-files';

const beijing = 480;

describe('ZLMediaKit record files', () => {
  it('reads the start of a file in both layouts as Beijing time, and nothing from other names', () => {
    const expected = Date.parse('2026-12-07T01:02:03Z');
    expect(recordFileStart('2026-12-07', '2026-12-07-09-02-03-0.mp4', beijing)).toBe(expected);
    expect(recordFileStart('2026-12-07', '09-02-03-12.mp4', beijing)).toBe(expected);
    for (const name of ['.09-02-03-0.mp4', '09-02-03-0.flv', '25-00-00-0.mp4', 'notes.txt']) {
      expect(recordFileStart('2026-12-07', name, beijing), name).toBeUndefined();
    }
  });

  it('ends a file at the next start, at the segment length after a gap, and at the present', () => {
    const nine = Date.parse('2026-12-07T01:00:00Z');
    const segments = recordSegments(
      '2026-12-07',
      '/www/record/live/cam-01/2026-12-07',
      ['09-30-00-1.mp4', '09-00-00-0.mp4', '12-00-00-2.mp4'],
      { utcOffsetMinutes: beijing, maxSegmentMs: 3_600_000, now: nine + 3 * 3_600_000 + 600_000 },
    );
    expect(segments).toEqual([
      { start: nine, end: nine + 1_800_000, filePath: '/www/record/live/cam-01/2026-12-07/09-00-00-0.mp4' },
      {
        start: nine + 1_800_000,
        end: nine + 5_400_000,
        filePath: '/www/record/live/cam-01/2026-12-07/09-30-00-1.mp4',
      },
      {
        start: nine + 3 * 3_600_000,
        end: nine + 3 * 3_600_000 + 600_000,
        filePath: '/www/record/live/cam-01/2026-12-07/12-00-00-2.mp4',
      },
    ]);
  });

  it('lists the local days a range touches: 23:30 to 00:30 Beijing time is two days', () => {
    const from = Date.parse('2026-12-07T15:30:00Z');
    expect(localDays(from, from + 3_600_000, beijing)).toEqual(['2026-12-07', '2026-12-08']);
  });
});
