// Widget configurations: what one wall cell shows. Options are declared here once, so the core can validate
// scenario files and the renderer's widget kinds get their option types from the same schema.
import { z } from 'zod';
import { idSchema, lonLatSchema } from './common';
import { dimensionSchema } from './indicator';

export const videoCameraOptionsSchema = z.object({
  cameraId: idSchema,
  /** `auto` picks sub or main by tile size. */
  profile: z.enum(['auto', 'main', 'sub']).default('auto'),
});

export const vitalsTrendOptionsSchema = z.object({
  indicatorIds: z.array(idSchema).min(1).max(6),
  /** How much history the chart shows. */
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
  title: z.string().max(60).optional(),
});

export const vitalsKpiOptionsSchema = z.object({
  indicatorIds: z.array(idSchema).min(1).max(12),
  title: z.string().max(60).optional(),
});

export const vitalsGaugeOptionsSchema = z.object({
  indicatorId: idSchema,
  title: z.string().max(60).optional(),
});

/** Several indicators of one kind ranked by value, e.g. streets by 12345 hotline tickets. */
export const vitalsRankingOptionsSchema = z.object({
  indicatorIds: z.array(idSchema).min(2).max(30),
  title: z.string().max(60).optional(),
  /** Bars shown, highest first. */
  limit: z.number().int().min(1).max(30).default(10),
});

/** Indicators at a warning level, most severe first, with the time since the level was raised. */
export const warningsBoardOptionsSchema = z.object({
  title: z.string().max(60).optional(),
  /** Only these dimensions (default: all). */
  dimensions: z.array(dimensionSchema).max(8).optional(),
  limit: z.number().int().min(1).max(50).default(12),
});

export const mapIncidentsOptionsSchema = z.object({
  center: lonLatSchema.optional(),
  zoom: z.number().min(0).max(22).optional(),
  layers: z
    .array(z.enum(['district', 'grids', 'cameras', 'incidents']))
    .default(['district', 'grids', 'cameras']),
});

export const clockOptionsSchema = z.object({ showDate: z.boolean().default(true) });

export const emptyOptionsSchema = z.object({});

/** Every widget kind with its options schema; the renderer's registry must provide a view for each. */
export const widgetOptionSchemas = {
  'video.camera': videoCameraOptionsSchema,
  'vitals.trend': vitalsTrendOptionsSchema,
  'vitals.kpi': vitalsKpiOptionsSchema,
  'vitals.gauge': vitalsGaugeOptionsSchema,
  'vitals.ranking': vitalsRankingOptionsSchema,
  'warnings.board': warningsBoardOptionsSchema,
  'map.incidents': mapIncidentsOptionsSchema,
  clock: clockOptionsSchema,
  empty: emptyOptionsSchema,
} as const;
export type WidgetKindId = keyof typeof widgetOptionSchemas;
export type WidgetOptions<K extends WidgetKindId> = z.infer<(typeof widgetOptionSchemas)[K]>;

function widgetVariant<K extends WidgetKindId>(kind: K) {
  return z.object({ kind: z.literal(kind), options: widgetOptionSchemas[kind] });
}

export const widgetConfigSchema = z.discriminatedUnion('kind', [
  widgetVariant('video.camera'),
  widgetVariant('vitals.trend'),
  widgetVariant('vitals.kpi'),
  widgetVariant('vitals.gauge'),
  widgetVariant('vitals.ranking'),
  widgetVariant('warnings.board'),
  widgetVariant('map.incidents'),
  widgetVariant('clock'),
  widgetVariant('empty'),
]);
export type WidgetConfig = z.infer<typeof widgetConfigSchema>;
/** A widget config of one kind. */
export type WidgetConfigOf<K extends WidgetKindId> = Extract<WidgetConfig, { kind: K }>;

export const emptyWidget: WidgetConfig = { kind: 'empty', options: {} };
