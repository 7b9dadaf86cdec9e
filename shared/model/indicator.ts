// The digital vital-sign catalogue (城市运行数字体征): indicators, their dimensions and warning thresholds.
import { z } from 'zod';
import { idSchema, localizedTextSchema } from './common';

/** The eight dimensions of the vital-sign catalogue. */
export const dimensions = [
  'weather',
  'environment',
  'population',
  'supply',
  'traffic',
  'safety',
  'livelihood',
  'opinion',
] as const;
export const dimensionSchema = z.enum(dimensions);
export type Dimension = z.infer<typeof dimensionSchema>;

/** Warning thresholds: `above` means higher values are worse. Levels must be ordered in that direction. */
export const thresholdsSchema = z.object({
  direction: z.enum(['above', 'below']),
  blue: z.number().optional(),
  yellow: z.number().optional(),
  orange: z.number().optional(),
  red: z.number().optional(),
  /** How far a value must come back past a threshold before its level drops (in the indicator's unit). */
  hysteresis: z.number().min(0).default(0),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** How the demo simulator moves an indicator (only used by the embedded demo source). */
export const simulationSchema = z.object({
  base: z.number(),
  amplitude: z.number().min(0),
  periodSeconds: z.number().positive(),
  noise: z.number().min(0),
  min: z.number().optional(),
  max: z.number().optional(),
  decimals: z.number().int().min(0).max(4).default(1),
});

/**
 * The values a real reading can take (rainfall is never negative, a percentage stays within 0–100). A value
 * outside it is a backend fault: the hub refuses it and counts it on its source instead of showing it as a reading.
 */
export const plausibleRangeSchema = z
  .object({ min: z.number().optional(), max: z.number().optional() })
  .refine(
    (range) => range.min === undefined || range.max === undefined || range.min <= range.max,
    'plausible.min must not be above plausible.max',
  );
export type PlausibleRange = z.infer<typeof plausibleRangeSchema>;

export const indicatorSchema = z.object({
  id: idSchema,
  name: localizedTextSchema,
  dimension: dimensionSchema,
  unit: z.string().max(20),
  /** Key of the value in the feed hub (a topic of the form `vitals/<id>` by default). */
  sourceKey: z.string().min(1).max(200),
  thresholds: thresholdsSchema.optional(),
  /** Optional: values outside this range are refused as implausible (see `plausibleRangeSchema`). */
  plausible: plausibleRangeSchema.optional(),
  /** Seconds after which a value is shown as stale (数据过期). */
  staleAfterSeconds: z.number().positive().default(30),
  simulation: simulationSchema.optional(),
});
export type Indicator = z.infer<typeof indicatorSchema>;
export const indicatorCatalogueSchema = z.object({ indicators: z.array(indicatorSchema).min(1).max(5000) });
