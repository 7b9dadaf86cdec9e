// The pure schedule: which rule is in effect at an instant, when the next one takes effect, and which rules clash.
// Times are local minutes in the schedule's zone (local-time.ts); a rule's window is [start, end), so 06:00–22:00
// and 22:00–06:00 meet without overlapping. Dated rules outrank weekly ones; within a kind, higher priority wins.
import { minutesOfDay, type ScheduleFile, type ScheduleRule } from '@shared/model/schedule';
import {
  dateOfDay,
  dayOfDate,
  instantOfLocalMinute,
  localMinuteAt,
  timeOfMinute,
  weekdayOfDay,
} from './local-time';

/** One occurrence of a rule: local minutes, end excluded. */
export interface RuleWindow {
  readonly rule: ScheduleRule;
  readonly start: number;
  readonly end: number;
}

/** A rule taking effect: which, and when (ms since epoch and the local date and time). */
export interface RuleStart {
  readonly rule: ScheduleRule;
  readonly at: number;
  readonly localDate: string;
  readonly localTime: string;
}

/** How far ahead the next change is looked for: a dated rule a year away is still found. */
export const lookAheadDays = 400;

/** The days a dated rule applies on (local day numbers), from its dates or its holiday calendar. */
export function datedRuleDays(schedule: ScheduleFile, rule: ScheduleRule): Set<number> {
  const days = new Set<number>();
  if (rule.kind !== 'dated') return days;
  const ranges = rule.dates
    ? [rule.dates]
    : (schedule.holidays.find((calendar) => calendar.id === rule.calendar)?.periods ?? []);
  for (const range of ranges)
    for (let day = dayOfDate(range.from); day <= dayOfDate(range.to); day++) days.add(day);
  return days;
}

/** The rules' windows with a schedule's day sets computed once. */
export class ScheduleWindows {
  private readonly datedDays = new Map<string, Set<number>>();

  constructor(readonly schedule: ScheduleFile) {
    for (const rule of schedule.rules)
      if (rule.kind === 'dated') this.datedDays.set(rule.id, datedRuleDays(schedule, rule));
  }

  /** Whether the rule starts a window on local day `day`. */
  appliesOn(rule: ScheduleRule, day: number): boolean {
    return rule.kind === 'weekly'
      ? rule.days.includes(weekdayOfDay(day))
      : (this.datedDays.get(rule.id)?.has(day) ?? false);
  }

  /** The rule's window starting on `day` (a rule whose end is not after its start ends the next day). */
  windowOn(rule: ScheduleRule, day: number): RuleWindow {
    const from = minutesOfDay(rule.from);
    let to = minutesOfDay(rule.to);
    if (to <= from) to += 1440;
    return { rule, start: day * 1440 + from, end: day * 1440 + to };
  }

  /** Windows of every rule that start on `day`. */
  windowsStartingOn(day: number): RuleWindow[] {
    return this.schedule.rules
      .filter((rule) => this.appliesOn(rule, day))
      .map((rule) => this.windowOn(rule, day));
  }

  /** The rule in effect at local minute `minute`, or null. */
  ruleAt(minute: number): ScheduleRule | null {
    const day = Math.floor(minute / 1440);
    let best: ScheduleRule | null = null;
    // A window lasts at most 24 h, so only windows starting today or yesterday can cover the minute.
    for (const window of [...this.windowsStartingOn(day - 1), ...this.windowsStartingOn(day)]) {
      if (minute < window.start || minute >= window.end) continue;
      if (!best || outranks(window.rule, best)) best = window.rule;
    }
    return best;
  }
}

/** Whether `a` wins over `b` where both apply: dated over weekly, then the higher priority. */
export function outranks(a: ScheduleRule, b: ScheduleRule): boolean {
  const rank = (rule: ScheduleRule) => (rule.kind === 'dated' ? 1000 : 0) + rule.priority;
  return rank(a) > rank(b);
}

function ruleStart(schedule: ScheduleFile, rule: ScheduleRule, minute: number): RuleStart {
  return {
    rule,
    at: instantOfLocalMinute(schedule.timeZone, minute),
    localDate: dateOfDay(Math.floor(minute / 1440)),
    localTime: timeOfMinute(minute),
  };
}

/**
 * The rule in effect at `now` (ms) and since when, or null. `since` is the start of the stretch in which this rule
 * has been the one in effect (looked back at most two days).
 */
export function currentRule(windows: ScheduleWindows, now: number): RuleStart | null {
  const { timeZone } = windows.schedule;
  const minute = localMinuteAt(timeZone, now);
  const rule = windows.ruleAt(minute);
  if (!rule) return null;
  let since = minute;
  // Walk back over boundaries (not minute by minute) while the same rule was in effect.
  const boundaries = boundariesBetween(windows, minute - 2880, minute).reverse();
  for (const boundary of boundaries) {
    if (windows.ruleAt(boundary - 1)?.id !== rule.id) {
      since = boundary;
      break;
    }
    since = boundary;
  }
  return ruleStart(windows.schedule, rule, since);
}

/** Window starts and ends in (from, to], ascending, each once. */
function boundariesBetween(windows: ScheduleWindows, from: number, to: number): number[] {
  const found = new Set<number>();
  for (let day = Math.floor(from / 1440) - 1; day <= Math.floor(to / 1440); day++)
    for (const window of windows.windowsStartingOn(day))
      for (const boundary of [window.start, window.end])
        if (boundary > from && boundary <= to) found.add(boundary);
  return [...found].sort((a, b) => a - b);
}

/**
 * The next time a rule takes effect after `now` (a rule starting, or one uncovered when a higher one ends), or
 * null when none does within `lookAheadDays`. A rule ending with nothing after it is not a change the schedule
 * acts on: the wall stays as it is.
 */
export function nextRuleStart(windows: ScheduleWindows, now: number): RuleStart | null {
  const { timeZone } = windows.schedule;
  const minute = localMinuteAt(timeZone, now);
  let previous = windows.ruleAt(minute);
  const firstDay = Math.floor(minute / 1440);
  for (let day = firstDay; day <= firstDay + lookAheadDays; day++) {
    for (const boundary of boundariesBetween(windows, Math.max(minute, day * 1440 - 1), day * 1440 + 1439)) {
      const rule = windows.ruleAt(boundary);
      if (rule && rule.id !== previous?.id) return ruleStart(windows.schedule, rule, boundary);
      previous = rule;
    }
  }
  return null;
}

/**
 * Two rules of the same kind and priority whose windows overlap: the first such pair, in file order, and the local
 * day the overlap begins on.
 */
export function findOverlap(schedule: ScheduleFile): { first: number; second: number; day: number } | null {
  const windows = new ScheduleWindows(schedule);
  const days = (rule: ScheduleRule): number[] =>
    // Weekly rules repeat every 7 days and last at most 2 days: 16 days from a Monday (day 4) hold every alignment.
    rule.kind === 'weekly'
      ? Array.from({ length: 16 }, (_, offset) => 4 + offset).filter((day) => windows.appliesOn(rule, day))
      : [...datedRuleDays(schedule, rule)];
  const rules = schedule.rules;
  for (let first = 0; first < rules.length; first++) {
    const a = rules[first]!;
    const aDays = days(a);
    for (let second = first + 1; second < rules.length; second++) {
      const b = rules[second]!;
      if (a.kind !== b.kind || a.priority !== b.priority) continue;
      const bDays = new Set(days(b));
      for (const day of aDays) {
        const window = windows.windowOn(a, day);
        for (const other of [day - 1, day, day + 1]) {
          if (!bDays.has(other)) continue;
          const clash = windows.windowOn(b, other);
          if (window.start < clash.end && clash.start < window.end)
            return { first, second, day: Math.floor(Math.max(window.start, clash.start) / 1440) };
        }
      }
    }
  }
  return null;
}
