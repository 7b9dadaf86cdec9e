// Where a day's recordings, hour marks and the playing position fall on the playback timeline: pure, so the
// drawing (PlaybackTimeline.vue) only draws and a click's time is computed the same way the bars were placed.
import type { RecordingSpan } from '@shared/model/camera-platform';

export interface TimelineRange {
  /** The times at the left and right edges (epoch ms). */
  readonly from: number;
  readonly to: number;
  /** Width in pixels. */
  readonly width: number;
}

export interface TimelineLayout {
  /** One bar per recording, clipped to the range; bars narrower than a pixel are drawn one pixel wide. */
  readonly bars: readonly { readonly x: number; readonly width: number }[];
  /** Marks on whole local hours, every `tickHours`, labelled `HH:00`. */
  readonly ticks: readonly { readonly x: number; readonly label: string }[];
  /** The playing position, when it lies in the range. */
  readonly cursor: number | null;
}

/** The x of a time (may lie outside 0…width). */
export function xOfTime(time: number, range: TimelineRange): number {
  return ((time - range.from) / (range.to - range.from)) * range.width;
}

/** The time under an x (clamped to the range): where a click asks playback to go. */
export function timeAtX(x: number, range: TimelineRange): number {
  const fraction = Math.min(1, Math.max(0, x / range.width));
  return Math.round(range.from + fraction * (range.to - range.from));
}

/** Whether a time is recorded (inside one of the spans). */
export function isRecorded(time: number, spans: readonly RecordingSpan[]): boolean {
  return spans.some((span) => time >= span.start && time < span.end);
}

export function layoutTimeline(
  spans: readonly RecordingSpan[],
  range: TimelineRange,
  position: number | null,
  tickHours = 3,
): TimelineLayout {
  const bars = [];
  for (const span of spans) {
    const start = Math.max(span.start, range.from);
    const end = Math.min(span.end, range.to);
    if (end <= start) continue;
    const x = xOfTime(start, range);
    bars.push({ x, width: Math.max(1, xOfTime(end, range) - x) });
  }
  const ticks = [];
  const hour = new Date(range.from);
  hour.setMinutes(0, 0, 0);
  if (hour.getTime() < range.from) hour.setHours(hour.getHours() + 1);
  for (; hour.getTime() <= range.to; hour.setHours(hour.getHours() + 1)) {
    if (hour.getHours() % tickHours !== 0) continue;
    ticks.push({
      x: xOfTime(hour.getTime(), range),
      label: `${String(hour.getHours()).padStart(2, '0')}:00`,
    });
  }
  const cursor =
    position !== null && position >= range.from && position <= range.to ? xOfTime(position, range) : null;
  return { bars, ticks, cursor };
}

/** A recorded time as the 回放 badge shows it: `YYYY-MM-DD HH:mm:ss`, local time. */
export function recordedTimeText(time: number): string {
  const date = new Date(time);
  const two = (value: number) => String(value).padStart(2, '0');
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ` +
    `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
  );
}
