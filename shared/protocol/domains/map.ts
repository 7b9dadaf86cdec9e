// Protocol messages of the map: the district's geography, the base-map catalogue and the moving units.
import { z } from 'zod';
import { baseMapSourceSchema } from '../../model/base-map';
import { idSchema } from '../../model/common';
import { movingUnitSchema } from '../../model/moving-unit';
import { districtMapSchema } from '../../model/workspace';

export const mapRequests = {
  'map.district': {
    access: 'wall',
    params: z.object({}),
    result: districtMapSchema,
  },
  /** Base maps with their `{token}` filled in by the core (tokens may come from its environment). */
  'map.baseMaps': {
    access: 'wall',
    params: z.object({}),
    result: z.object({ default: idSchema, baseMaps: z.array(baseMapSourceSchema) }),
  },
  /** Drones and body cameras (单兵) as they are now, with their short tracks. */
  'units.list': {
    access: 'wall',
    params: z.object({}),
    result: z.object({ units: z.array(movingUnitSchema) }),
  },
} as const;

export const mapEvents = {
  /** Units that moved (a few times a second at most; the newest position per unit wins). */
  'units.moved': z.object({ units: z.array(movingUnitSchema) }),
} as const;
