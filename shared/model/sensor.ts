// IoT sensors placed on the map (物联感知): underpass water level, e-bike charging smoke, elevators, smart water
// meters of elderly people living alone, river water quality — each with its state, normal or alarm.
import { z } from 'zod';
import { idSchema, lonLatSchema } from './common';

export const sensorKindSchema = z.enum([
  'water-level',
  'charging-smoke',
  'elevator',
  'water-meter',
  'water-quality',
]);
export type SensorKind = z.infer<typeof sensorKindSchema>;

export const sensorStateSchema = z.enum(['normal', 'alarm']);
export type SensorState = z.infer<typeof sensorStateSchema>;

export const sensorSchema = z.object({
  id: idSchema,
  kind: sensorKindSchema,
  name: z.string().min(1).max(80),
  /** WGS-84, like incidents: sources in other systems are converted at the edge. */
  position: lonLatSchema,
  street: idSchema,
  grid: idSchema,
  state: sensorStateSchema,
  /** The latest reading as the platform words it (e.g. "水位 32 cm"); plain text, never HTML. */
  reading: z.string().max(80),
  updatedAt: z.number(),
});
export type Sensor = z.infer<typeof sensorSchema>;
