// Protocol messages of the map: the district's geography.
import { z } from 'zod';
import { districtMapSchema } from '../../model/workspace';

export const mapRequests = {
  'map.district': {
    params: z.object({}),
    result: districtMapSchema,
  },
} as const;

export const mapEvents = {} as const;
