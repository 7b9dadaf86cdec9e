// Widget configurations: what one wall cell shows. Options are declared here once, so the core can validate
// scenario files and the renderer's widget kinds get their option types from the same schema.
import { z } from 'zod';
import { idSchema, lonLatSchema } from './common';

export const videoCameraOptionsSchema = z.object({
  cameraId: idSchema,
  /** `auto` picks sub or main by tile size. */
  profile: z.enum(['auto', 'main', 'sub']).default('auto'),
});

/** A patrol (轮巡): one cell cycling through a camera group, `dwellSeconds` per camera (at least 5 s). */
export const videoPatrolOptionsSchema = z.object({
  cameraIds: z.array(idSchema).min(1).max(256),
  dwellSeconds: z.number().int().min(5).max(3600).default(15),
  profile: z.enum(['auto', 'main', 'sub']).default('auto'),
  title: z.string().max(60).optional(),
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
  'video.patrol': videoPatrolOptionsSchema,
  'vitals.trend': vitalsTrendOptionsSchema,
  'vitals.kpi': vitalsKpiOptionsSchema,
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
  widgetVariant('video.patrol'),
  widgetVariant('vitals.trend'),
  widgetVariant('vitals.kpi'),
  widgetVariant('map.incidents'),
  widgetVariant('clock'),
  widgetVariant('empty'),
]);
export type WidgetConfig = z.infer<typeof widgetConfigSchema>;
/** A widget config of one kind. */
export type WidgetConfigOf<K extends WidgetKindId> = Extract<WidgetConfig, { kind: K }>;

export const emptyWidget: WidgetConfig = { kind: 'empty', options: {} };
