// Time schedules (`schedules.json`): weekly and dated rules that switch or suggest a scenario at their times, and
// the holiday calendars (节假日) dated rules may name. What applies when is decided in electron/core/schedules/.
import { z } from 'zod';
import { idSchema, localizedTextSchema } from './common';

/** The time zone a workspace's schedule is read in when `schedules.json` names none (China has no DST). */
export const defaultScheduleTimeZone = 'Asia/Shanghai';

const localDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date in the schedule's time zone, `YYYY-MM-DD`, checked to exist (no 2026-02-30). */
export const localDateSchema = z
  .string()
  .regex(localDatePattern, 'a date is YYYY-MM-DD')
  .refine((text) => {
    const [, year, month, day] = localDatePattern.exec(text)!.map(Number);
    const date = new Date(Date.UTC(year!, month! - 1, day!));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
  }, 'no such date');

/** A local time of day, `HH:mm` (24-hour); `24:00` is the end of the day. */
export const localTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time is HH:mm, 00:00 to 24:00');

/** Minutes since local midnight of an `HH:mm`. */
export function minutesOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** `from` to `to`, both days included. */
export const dateRangeSchema = z
  .strictObject({ from: localDateSchema, to: localDateSchema })
  .refine(({ from, to }) => from <= to, { message: 'the range ends before it starts', path: ['to'] });
export type DateRange = z.infer<typeof dateRangeSchema>;

/** A named holiday calendar: 2026 法定节假日 with its periods (国庆节 10-01 to 10-08, …). */
export const holidayCalendarSchema = z.strictObject({
  id: idSchema,
  name: localizedTextSchema,
  periods: z
    .array(z.strictObject({ name: localizedTextSchema, from: localDateSchema, to: localDateSchema }))
    .min(1)
    .max(100),
});
export type HolidayCalendar = z.infer<typeof holidayCalendarSchema>;

/**
 * What a rule does at its start: `switch` the wall to the scenario (as actor `schedule`), or `suggest` it on the
 * console. A holiday patrol plan (节假日视频巡逻点位预案) is a scenario whose patrol cells carry the holiday's
 * camera groups: a rule switches to it.
 */
export const scheduleActionSchema = z.enum(['switch', 'suggest']);
export type ScheduleAction = z.infer<typeof scheduleActionSchema>;

const ruleBase = {
  id: idSchema,
  name: localizedTextSchema,
  action: scheduleActionSchema,
  scenarioId: idSchema,
  /** Local start time (default: the day's start). */
  from: localTimeSchema.default('00:00'),
  /** Local end time (excluded); earlier than `from` means the next day (22:00 → 06:00 crosses midnight). */
  to: localTimeSchema.default('24:00'),
  /** Among rules of the same kind the higher wins; two that overlap at the same priority are refused. */
  priority: z.number().int().min(0).max(100).default(0),
};

/** Every week on the given ISO weekdays (1 = Monday … 7 = Sunday; the day the rule starts). */
export const weeklyRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('weekly'),
  days: z
    .array(
      z
        .number()
        .int()
        .min(1, 'a weekday is 1 (Monday) to 7 (Sunday)')
        .max(7, 'a weekday is 1 (Monday) to 7 (Sunday)'),
    )
    .min(1)
    .max(7),
});

/**
 * On given dates (重大活动 days) or on every day of a holiday calendar; each day from `from` to `to`. A dated rule
 * outranks every weekly rule.
 */
export const datedRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('dated'),
  dates: dateRangeSchema.optional(),
  /** The id of one of `holidays`: the rule applies on each of its days. */
  calendar: idSchema.optional(),
});

export const scheduleRuleSchema = z
  .discriminatedUnion('kind', [weeklyRuleSchema, datedRuleSchema])
  .superRefine((rule, context) => {
    if (rule.from === rule.to)
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'a rule ends when it starts: it would last no time',
      });
    if (rule.from === '24:00')
      context.addIssue({ code: 'custom', path: ['from'], message: 'a rule starts at 23:59 at the latest' });
    if (rule.kind === 'dated' && (rule.dates === undefined) === (rule.calendar === undefined))
      context.addIssue({
        code: 'custom',
        path: ['dates'],
        message: 'a dated rule names either dates or a calendar',
      });
  });
export type ScheduleRule = z.output<typeof scheduleRuleSchema>;

/** The workspace's optional `schedules.json`. */
export const scheduleFileSchema = z.strictObject({
  format: z.literal('tianmu-schedules/1'),
  /** IANA time zone the rules' times are read in (default Asia/Shanghai). */
  timeZone: z.string().min(1).max(64).default(defaultScheduleTimeZone),
  holidays: z.array(holidayCalendarSchema).max(32).default([]),
  rules: z.array(scheduleRuleSchema).max(200),
});
export type ScheduleFile = z.output<typeof scheduleFileSchema>;

/** One coming or current change of the schedule, as the console shows it (下一次：18:00 切换到 夜间模式). */
export const scheduleEventSchema = z.object({
  ruleId: idSchema,
  ruleName: localizedTextSchema,
  action: scheduleActionSchema,
  scenarioId: idSchema,
  scenarioName: localizedTextSchema,
  /** When the rule takes effect (ms since epoch). */
  at: z.number(),
  /** Local `HH:mm` and `YYYY-MM-DD` in the schedule's time zone (the console shows the room's time, not its own). */
  localTime: z.string(),
  localDate: z.string(),
});
export type ScheduleEvent = z.infer<typeof scheduleEventSchema>;

/** A switch the schedule would have made but an operator's choice or a warning outranked: the console asks. */
export const scheduleSuggestionSchema = scheduleEventSchema.extend({
  /** Why it suggests instead of switching. */
  reason: z.enum(['rule-suggests', 'operator-choice', 'warning-active', 'started-late']),
});
export type ScheduleSuggestion = z.infer<typeof scheduleSuggestionSchema>;

/** What the schedule is doing: the rule in effect, the next change, an open suggestion. */
export const scheduleStatusSchema = z.object({
  hasSchedule: z.boolean(),
  timeZone: z.string(),
  /** Today's date in the schedule's time zone: the console names the date of a change that is not today. */
  today: z.string(),
  current: scheduleEventSchema.nullable(),
  next: scheduleEventSchema.nullable(),
  suggestion: scheduleSuggestionSchema.nullable(),
});
export type ScheduleStatus = z.infer<typeof scheduleStatusSchema>;
