// Incidents and alarms (事件/告警): what happened, where, how severe, and what the room has done about it
// (确认 → 派单 → 处置中 → 办结, each step in its history); and the workspace's alarm settings (alarms.json).
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

/** The lifecycle the room knows: new → acknowledged → dispatched (派单) → in progress (处置中) → closed (办结). */
export const incidentStatusSchema = z.enum(['new', 'acknowledged', 'dispatched', 'in-progress', 'closed']);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;

/** Where each status stands in the lifecycle: a status only ever moves forward. */
export const incidentStatusOrder: Readonly<Record<IncidentStatus, number>> = {
  new: 0,
  acknowledged: 1,
  dispatched: 2,
  'in-progress': 3,
  closed: 4,
};

/** One step of an incident's history (who did what when). `by` is a user id, or the source's id for its own close. */
export const incidentStepSchema = z.object({
  at: z.number(),
  action: z.enum(['acknowledged', 'dispatched', 'started', 'closed', 'merged', 'absorbed']),
  by: z.string().min(1).max(80),
  /** The person's display name when known (the history shows it). */
  byName: z.string().max(80).optional(),
  department: idSchema.optional(),
  note: z.string().max(500).optional(),
  outcome: z.string().max(500).optional(),
  /** `merged`: the incident this one was merged into; `absorbed`: the duplicate merged into this one. */
  other: idSchema.optional(),
});
export type IncidentStep = z.infer<typeof incidentStepSchema>;

/** Most steps kept per incident: a long-running incident keeps its newest ones. */
export const maxIncidentSteps = 100;

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
  /** The department it was dispatched to (派单), an id of alarms.json's `departments`. */
  dispatchedTo: idSchema.optional(),
  /** What came of it, written at 办结. */
  outcome: z.string().max(500).optional(),
  /** A duplicate merged by an operator points to the incident kept. */
  mergedInto: idSchema.optional(),
  /** The room's steps, oldest first; sources never send it, the core keeps it. */
  history: z.array(incidentStepSchema).max(maxIncidentSteps).optional(),
  /** Incidents of a drill are marked in every record and on every screen. */
  isDrill: z.boolean().default(false),
});
export type Incident = z.infer<typeof incidentSchema>;

/** A department incidents are dispatched to (派单对象): 应急管理局, 城管执法, 排水公司 … */
export const departmentSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1).max(40),
});
export type Department = z.infer<typeof departmentSchema>;

/** Which severities sound an alarm on the console (WebAudio tones): orange and red by default. */
export const alarmSoundSchema = z.strictObject({
  blue: z.boolean().default(false),
  yellow: z.boolean().default(false),
  orange: z.boolean().default(true),
  red: z.boolean().default(true),
});
export type AlarmSound = z.infer<typeof alarmSoundSchema>;

/** The workspace's optional `alarms.json`: departments for 派单 and the sound per severity. */
export const alarmSettingsSchema = z
  .strictObject({
    version: z.literal(1),
    departments: z.array(departmentSchema).max(200).default([]),
    sound: alarmSoundSchema.default(alarmSoundSchema.parse({})),
  })
  .superRefine((settings, context) => {
    const seen = new Set<string>();
    settings.departments.forEach((department, index) => {
      if (seen.has(department.id))
        context.addIssue({
          code: 'custom',
          path: ['departments', index, 'id'],
          message: `duplicate department id '${department.id}'`,
        });
      seen.add(department.id);
    });
  });
export type AlarmSettings = z.infer<typeof alarmSettingsSchema>;
