// Protocol messages of the data sources: their health (console strip, wall indicator), the demo typhoon
// script, and feed counters for diagnostics and the bench.
import { z } from 'zod';
import { sourceHealthSchema } from '../../model/source';

const typhoonStatusSchema = z.object({
  isRunning: z.boolean(),
  startedAt: z.number().nullable(),
  durationMs: z.number(),
});

export const sourceRequests = {
  'sources.list': {
    access: 'wall',
    params: z.object({}),
    result: z.object({ sources: z.array(sourceHealthSchema) }),
  },
  /** Starts or stops the demo typhoon (needs a demo source; the wall sees it like real data). */
  'demo.typhoon': {
    access: 'operate',
    params: z.object({
      action: z.enum(['start', 'stop', 'status']),
      /** Length of the storm when starting (default 240 s). */
      durationSeconds: z
        .number()
        .min(5)
        .max(24 * 3_600)
        .optional(),
    }),
    result: typhoonStatusSchema,
  },
  'feeds.stats': {
    access: 'view',
    params: z.object({}),
    result: z.object({
      /** Values and incidents delivered by all sources since start. */
      values: z.number().int().min(0),
      incidents: z.number().int().min(0),
      /** Incidents evicted from the bounded store (never silent). */
      incidentOverflow: z.number().int().min(0),
      /** Per window: values offered, values sent after coalescing, batches sent. */
      sessions: z.array(
        z.object({
          role: z.string(),
          offered: z.number().int().min(0),
          sent: z.number().int().min(0),
          batches: z.number().int().min(0),
        }),
      ),
    }),
  },
} as const;

export const sourceEvents = {
  /** Sent on every state change at once, and at most once a second for counters. */
  'sources.changed': z.object({ sources: z.array(sourceHealthSchema) }),
} as const;
