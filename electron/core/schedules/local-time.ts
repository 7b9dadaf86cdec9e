// Instants ⇄ local minutes in a named time zone, through Intl (Node's full ICU), so the schedule reads the room's
// clock whatever zone the machine is set to. Local minutes count from 1970-01-01 00:00 local time.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether the runtime knows the IANA zone (`Asia/Shanghai`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Minutes since 1970-01-01 00:00 local time at instant `ms` (seconds dropped). */
export function localMinuteAt(timeZone: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(ms))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!) / 60_000;
}

/**
 * The first instant (ms) whose local minute is `minute`. In a zone without DST (Asia/Shanghai) this is exact;
 * in a zone with DST a minute skipped in spring maps to the instant after the gap.
 */
export function instantOfLocalMinute(timeZone: string, minute: number): number {
  let guess = minute * 60_000;
  for (let step = 0; step < 3; step++) {
    const offset = localMinuteAt(timeZone, guess) - Math.floor(guess / 60_000);
    const next = (minute - offset) * 60_000;
    if (next === guess) break;
    guess = next;
  }
  return guess;
}

/** The local day number (days since 1970-01-01) of a `YYYY-MM-DD`. */
export function dayOfDate(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000
  );
}

/** `YYYY-MM-DD` of a local day number. */
export function dateOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local day number (day 0, 1970-01-01, was a Thursday). */
export function weekdayOfDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** `HH:mm` of a local minute. */
export function timeOfMinute(minute: number): string {
  const ofDay = ((minute % 1440) + 1440) % 1440;
  return `${String(Math.floor(ofDay / 60)).padStart(2, '0')}:${String(ofDay % 60).padStart(2, '0')}`;
}
