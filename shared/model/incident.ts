// Incidents and alarms (事件/告警): what happened, where, how severe, and who has acknowledged it.
import { z } from 'zod';
import { idSchema, lonLatSchema } from './common';

/** Where an incident came from: the alarm sources seen in district plans. */
export const incidentCategorySchema = z.enum([
  'flood',
  'fire',
  'crowd',
  'traffic',
  'elevator',
  'hotline',
  'iot',
  'environment',
  'security',
  'other',
]);
export type IncidentCategory = z.infer<typeof incidentCategorySchema>;

/** Severity uses the national warning grades (blue IV < yellow III < orange II < red I). */
export const incidentSeveritySchema = z.enum(['blue', 'yellow', 'orange', 'red']);
export type IncidentSeverity = z.infer<typeof incidentSeveritySchema>;

export const incidentStatusSchema = z.enum(['new', 'acknowledged', 'closed']);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;

export const incidentSchema = z.object({
  id: idSchema,
  title: z.string().min(1).max(200),
  category: incidentCategorySchema,
  severity: incidentSeveritySchema,
  /** WGS-84 longitude/latitude: sources in other systems are converted at the edge. */
  position: lonLatSchema,
  street: idSchema.optional(),
  grid: idSchema.optional(),
  /** The system that reported it, e.g. `demo`, `hotline-12345`, `iot-elevator`. */
  source: z.string().min(1).max(80),
  status: incidentStatusSchema,
  raisedAt: z.number(),
  updatedAt: z.number(),
  acknowledgedAt: z.number().optional(),
  acknowledgedBy: z.string().max(80).optional(),
  /** Incidents of a drill are marked in every record and on every screen. */
  isDrill: z.boolean().default(false),
});
export type Incident = z.infer<typeof incidentSchema>;
