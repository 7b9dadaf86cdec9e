// The demo platform's recordings (录像): every demo camera recorded for the last 24 hours, with a gap or two, as a
// real NVR's list has (a camera rebooted, a disk was swapped). Pure: the same camera and time give the same spans.
import type { RecordingSpan } from '@shared/model/camera-platform';

/** How far back the demo keeps recordings. */
export const demoRetentionMs = 24 * 3600_000;

/** One gap in every 12-hour block of absolute time: a last 24 hours holds two (one when it cuts a block's gap). */
const blockMs = 12 * 3600_000;
const minimumGapMs = 8 * 60_000;
const maximumGapMs = 40 * 60_000;

/** A small stable hash of a camera and a block (FNV-1a): where that block's gap falls and how long it is. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

/** The gap of one 12-hour block of a camera: its start and end (epoch ms), whole minutes. */
export function demoGap(cameraId: string, block: number): RecordingSpan {
  const value = hash(`${cameraId}:${block}`);
  const length = minimumGapMs + (value % ((maximumGapMs - minimumGapMs) / 60_000)) * 60_000;
  const offset = (Math.floor(value / 97) % ((blockMs - length) / 60_000)) * 60_000;
  const start = block * blockMs + offset;
  return { start, end: start + length };
}

/**
 * What the demo recorded of `cameraId` between `from` and `to`: the last 24 hours before `now`, without that
 * time's gaps, in time order.
 */
export function demoRecordings(cameraId: string, from: number, to: number, now: number): RecordingSpan[] {
  const start = Math.max(from, now - demoRetentionMs);
  const end = Math.min(to, now);
  if (end <= start) return [];
  const spans: RecordingSpan[] = [];
  let cursor = start;
  for (let block = Math.floor(start / blockMs); block * blockMs < end; block++) {
    const gap = demoGap(cameraId, block);
    if (gap.end <= cursor || gap.start >= end) continue;
    if (gap.start > cursor) spans.push({ start: cursor, end: gap.start });
    cursor = gap.end;
  }
  if (cursor < end) spans.push({ start: cursor, end });
  return spans;
}

/** Where a playback asked for at `time` starts: `time` itself when recorded, else the next recording (or none). */
export function demoPlaybackStart(cameraId: string, time: number, now: number): number | undefined {
  const spans = demoRecordings(cameraId, time, now, now);
  const first = spans[0];
  return first === undefined ? undefined : Math.max(first.start, time);
}
