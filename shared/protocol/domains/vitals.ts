// Protocol messages of indicator warning levels: the current levels (warnings board, KPI colours) and each
// level change as it happens (later used to suggest scenarios). Never coalesced.
import { z } from 'zod';
import { idSchema } from '../../model/common';
import { warningLevels } from '../../vitals/warning-level';

export const warningLevelSchema = z.enum(warningLevels);

export const indicatorLevelSchema = z.object({
  indicatorId: idSchema,
  level: warningLevelSchema,
  /** When the level was entered (source time of the value that changed it). */
  since: z.number(),
  value: z.number(),
  /** Source time of the latest value. */
  ts: z.number(),
});
export type IndicatorLevel = z.infer<typeof indicatorLevelSchema>;

export const vitalsRequests = {
  'vitals.levels': {
    access: 'wall',
    params: z.object({}),
    result: z.object({ levels: z.array(indicatorLevelSchema) }),
  },
} as const;

export const vitalsEvents = {
  'vitals.levelChanged': indicatorLevelSchema.extend({ previous: warningLevelSchema }),
} as const;
