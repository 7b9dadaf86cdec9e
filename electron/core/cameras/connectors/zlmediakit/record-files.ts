// ZLMediaKit's MP4 record files read back into time spans: a file's name carries its start in the server's local
// time (MP4Recorder::createFile: `YYYY-MM-DD-HH-MM-SS-N.mp4` since March 2025, `HH-MM-SS-N.mp4` before, in a
// `YYYY-MM-DD` folder); its end is not written anywhere getMP4RecordFile answers, so it is the next file's start,
// capped at the segment length (protocol.mp4_max_second) and at the present.

/** One closed record file of a camera, with the span it covers (epoch ms). */
export interface RecordSegment {
  readonly start: number;
  readonly end: number;
  /** rootPath + name: what loadMP4File takes. */
  readonly filePath: string;
}

const datedName = /^(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d+)\.mp4$/;
const timeOnlyName = /^(\d{2})-(\d{2})-(\d{2})-(\d+)\.mp4$/;
const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The start (epoch ms) of a record file named `name` in the folder of `day`, or undefined for a name ZLMediaKit
 * would not give a closed file (a `.`-prefixed file is still being written and cannot be loaded yet).
 */
export function recordFileStart(day: string, name: string, utcOffsetMinutes: number): number | undefined {
  const dayParts = dayPattern.exec(day);
  if (!dayParts) return undefined;
  const dated = datedName.exec(name);
  const timeOnly = dated ? undefined : timeOnlyName.exec(name);
  const [year, month, date] = dated ? dated.slice(1, 4) : dayParts.slice(1, 4);
  const clock = dated ? dated.slice(4, 7) : timeOnly?.slice(1, 4);
  if (!clock) return undefined;
  const [hours, minutes, seconds] = clock.map(Number);
  if (hours! > 23 || minutes! > 59 || seconds! > 59) return undefined;
  const local = Date.UTC(Number(year), Number(month) - 1, Number(date), hours, minutes, seconds);
  return local - utcOffsetMinutes * 60_000;
}

/**
 * The closed files of one day folder as segments in time order. `maxSegmentMs` caps a file's length (the next
 * file may start hours later after an outage); `now` caps the newest.
 */
export function recordSegments(
  day: string,
  rootPath: string,
  names: readonly string[],
  options: { utcOffsetMinutes: number; maxSegmentMs: number; now: number },
): RecordSegment[] {
  const folder = rootPath.endsWith('/') ? rootPath : `${rootPath}/`;
  const starts = names
    .map((name) => ({ name, start: recordFileStart(day, name, options.utcOffsetMinutes) }))
    .filter((file): file is { name: string; start: number } => file.start !== undefined)
    .sort((left, right) => left.start - right.start);
  // A file still being written bounds the one before it, though it cannot be played itself.
  const openStarts = names
    .filter((name) => name.startsWith('.'))
    .map((name) => recordFileStart(day, name.slice(1), options.utcOffsetMinutes))
    .filter((start): start is number => start !== undefined);
  return starts
    .map(({ name, start }, index) => {
      const following = [starts[index + 1]?.start, ...openStarts].filter(
        (candidate): candidate is number => candidate !== undefined && candidate > start,
      );
      const end = Math.min(start + options.maxSegmentMs, options.now, ...following);
      return { start, end, filePath: `${folder}${name}` };
    })
    .filter((segment) => segment.end > segment.start);
}

/** The server-local days (YYYY-MM-DD) that `from` … `to` touches, oldest first (at most 31). */
export function localDays(from: number, to: number, utcOffsetMinutes: number): string[] {
  const offset = utcOffsetMinutes * 60_000;
  const days: string[] = [];
  const dayMs = 86_400_000;
  for (
    let time = Math.floor((from + offset) / dayMs) * dayMs;
    time <= to + offset && days.length < 31;
    time += dayMs
  ) {
    days.push(new Date(time).toISOString().slice(0, 10));
  }
  return days;
}
