// Protocol messages of incidents and alarms: never coalesced away — every change reaches every window.
import { z } from 'zod';
import { idSchema } from '../../model/common';
import { incidentSchema } from '../../model/incident';

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
  'incidents.acknowledge': {
    access: 'operate',
    params: z.object({ id: idSchema, by: z.string().min(1).max(80).optional() }),
    result: z.object({ incident: incidentSchema }),
  },
} as const;

export const incidentEvents = {
  'incidents.changed': z.object({
    incidents: z.array(incidentSchema),
    overflow: z.number().int().min(0),
  }),
} as const;
