// Cross-checks a parsed `schedules.json` against its workspace: a known time zone, known scenarios and calendars,
// and no two rules that would both apply at once at the same priority (reported at load, not found at 3 a.m.).
import type { ScheduleFile } from '@shared/model/schedule';
import { isKnownTimeZone, dateOfDay, dayOfDate, weekdayOfDay } from './local-time';
import { findOverlap } from './schedule-evaluator';

/** The first problem of a schedule: the field it concerns and what is wrong. */
export interface ScheduleProblem {
  readonly field: string;
  readonly problem: string;
}

/** The longest date range a rule or a holiday period may span: a year is a calendar; longer is a typo (2027 → 2072). */
export const maxRangeDays = 366;
const spansTooLong = (from: string, to: string) => dayOfDate(to) - dayOfDate(from) + 1 > maxRangeDays;
const tooLong = `a range spans at most ${maxRangeDays} days`;

const weekdayNames = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export function checkSchedule(
  schedule: ScheduleFile,
  hasScenario: (id: string) => boolean,
): ScheduleProblem | null {
  if (!isKnownTimeZone(schedule.timeZone))
    return { field: 'timeZone', problem: `unknown time zone '${schedule.timeZone}'` };
  const calendarIds = new Set<string>();
  for (const [index, calendar] of schedule.holidays.entries()) {
    if (calendarIds.has(calendar.id))
      return { field: `holidays.${index}.id`, problem: `duplicate calendar id '${calendar.id}'` };
    calendarIds.add(calendar.id);
    for (const [position, period] of calendar.periods.entries()) {
      const field = `holidays.${index}.periods.${position}.to`;
      if (period.from > period.to) return { field, problem: 'the period ends before it starts' };
      if (spansTooLong(period.from, period.to)) return { field, problem: tooLong };
    }
  }
  const ruleIds = new Set<string>();
  for (const [index, rule] of schedule.rules.entries()) {
    if (ruleIds.has(rule.id))
      return { field: `rules.${index}.id`, problem: `duplicate rule id '${rule.id}'` };
    ruleIds.add(rule.id);
    if (!hasScenario(rule.scenarioId))
      return { field: `rules.${index}.scenarioId`, problem: `no scenario has id '${rule.scenarioId}'` };
    if (rule.kind === 'dated' && rule.dates && spansTooLong(rule.dates.from, rule.dates.to))
      return { field: `rules.${index}.dates.to`, problem: tooLong };
    if (rule.kind === 'dated' && rule.calendar !== undefined && !calendarIds.has(rule.calendar))
      return { field: `rules.${index}.calendar`, problem: `no holiday calendar has id '${rule.calendar}'` };
  }
  const overlap = findOverlap(schedule);
  if (overlap) {
    const first = schedule.rules[overlap.first]!;
    const second = schedule.rules[overlap.second]!;
    const when = first.kind === 'weekly' ? weekdayNames[weekdayOfDay(overlap.day)] : dateOfDay(overlap.day);
    return {
      field: `rules.${overlap.second}`,
      problem:
        `rule '${second.id}' overlaps rule '${first.id}' (rules.${overlap.first}) on ${when} at the same priority ` +
        `${first.priority}: give one a higher priority or change their times`,
    };
  }
  return null;
}
