// Small schemas reused by every part of the domain model.
import { z } from 'zod';

/** An identifier used in files and commands: lowercase words joined by '-' or '_' (e.g. `cam-0001`). */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'an id is lowercase letters, digits, "-" or "_"');
export type Id = z.infer<typeof idSchema>;

/** A name shown to users: Chinese first, English available. */
export const localizedTextSchema = z.object({
  zh: z.string().min(1).max(200),
  en: z.string().min(1).max(200),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** Coordinate reference systems seen on Chinese city platforms. CGCS2000 is treated as WGS-84 (< 1 m apart). */
export const crsSchema = z.enum(['wgs84', 'gcj02', 'bd09', 'cgcs2000']);
export type Crs = z.infer<typeof crsSchema>;

/** A point on the earth, longitude first. */
export const lonLatSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export type LonLat = z.infer<typeof lonLatSchema>;
