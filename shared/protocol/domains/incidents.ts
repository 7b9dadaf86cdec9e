// Protocol messages of incidents and alarms: never coalesced away — every change reaches every window. The
// operator's steps (确认, 派单, 处置中, 办结, 合并) are `operate` and journaled with the signed-in user.
import { z } from 'zod';
import { idSchema } from '../../model/common';
import { alarmSoundSchema, departmentSchema, incidentSchema } from '../../model/incident';

const noteSchema = z.string().trim().max(500);
const stepResult = z.object({ incident: incidentSchema });

export const incidentRequests = {
  'incidents.list': {
    access: 'wall',
    params: z.object({}),
    result: z.object({
      incidents: z.array(incidentSchema),
      /** Incidents evicted from the bounded store since start (shown on screen, never silent). */
      overflow: z.number().int().min(0),
    }),
  },
  /** The workspace's alarm settings (alarms.json): departments for 派单 and which severities sound. */
  'incidents.settings': {
    access: 'wall',
    params: z.object({}),
    result: z.object({ departments: z.array(departmentSchema), sound: alarmSoundSchema }),
  },
  'incidents.acknowledge': {
    access: 'operate',
    /** `by` is ignored (kept for older consoles): the step is the signed-in user's. */
    params: z.object({ id: idSchema, by: z.string().min(1).max(80).optional() }),
    result: stepResult,
  },
  /** 派单: to one of the workspace's departments, with a note. */
  'incidents.dispatch': {
    access: 'operate',
    params: z.object({ id: idSchema, department: idSchema, note: noteSchema.optional() }),
    result: stepResult,
  },
  /** 处置中: the department has started. */
  'incidents.start': {
    access: 'operate',
    params: z.object({ id: idSchema, note: noteSchema.optional() }),
    result: stepResult,
  },
  /** 办结, with what came of it. */
  'incidents.close': {
    access: 'operate',
    params: z.object({ id: idSchema, outcome: noteSchema.min(1) }),
    result: stepResult,
  },
  /** Merges a duplicate (another source's report of the same event) into the incident kept. */
  'incidents.merge': {
    access: 'operate',
    params: z.object({ duplicateId: idSchema, keptId: idSchema }),
    result: z.object({ duplicate: incidentSchema, kept: incidentSchema }),
  },
} as const;

export const incidentEvents = {
  'incidents.changed': z.object({
    incidents: z.array(incidentSchema),
    overflow: z.number().int().min(0),
  }),
} as const;
