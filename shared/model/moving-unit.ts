// Moving video sources (无人机 drones, 单兵 body cameras): a stream plus a position that moves on the map.
import { z } from 'zod';
import { idSchema, lonLatSchema } from './common';

export const movingUnitKindSchema = z.enum(['drone', 'body']);
export type MovingUnitKind = z.infer<typeof movingUnitKindSchema>;

export const movingUnitSchema = z.object({
  id: idSchema,
  kind: movingUnitKindSchema,
  name: z.string().min(1).max(80),
  /** WGS-84, like incidents: sources in other systems are converted at the edge. */
  position: lonLatSchema,
  /** The last positions, oldest first (a short trail, not a history). */
  track: z.array(lonLatSchema).max(120),
  /** The camera whose stream the unit carries, when it has one in the catalogue. */
  cameraId: idSchema.optional(),
  updatedAt: z.number(),
});
export type MovingUnit = z.infer<typeof movingUnitSchema>;
