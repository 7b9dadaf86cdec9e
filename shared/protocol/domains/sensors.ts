// Protocol messages of IoT sensors (物联感知) on the map: the list as it is now, and the sensors that changed.
import { z } from 'zod';
import { sensorSchema } from '../../model/sensor';

export const sensorRequests = {
  'sensors.list': {
    access: 'wall',
    params: z.object({}),
    result: z.object({ sensors: z.array(sensorSchema) }),
  },
} as const;

export const sensorEvents = {
  /** Sensors whose state or reading changed (the newest version of each wins). */
  'sensors.changed': z.object({ sensors: z.array(sensorSchema) }),
} as const;
