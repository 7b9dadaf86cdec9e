// Protocol messages of time schedules: what the schedule does now and next, and its suggestion.
import { z } from 'zod';
import { scheduleStatusSchema } from '../../model/schedule';

export const scheduleRequests = {
  /** The rule in effect, the next change (下一次：18:00 切换到 夜间模式) and an open suggestion. */
  'schedule.status': {
    access: 'view',
    params: z.object({}),
    result: z.object({ status: scheduleStatusSchema }),
  },
  /** The operator declined the schedule's suggestion (journaled); the next rule's start may raise another. */
  'schedule.dismissSuggestion': {
    access: 'operate',
    params: z.object({}),
    result: z.object({}),
  },
} as const;

export const scheduleEvents = {
  /** The status, whole, whenever the rule in effect, the next change or the suggestion changed. */
  'schedule.changed': z.object({ status: scheduleStatusSchema }),
} as const;
