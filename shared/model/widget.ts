// Widget configurations: what one wall cell shows. Options are declared here once, so the core can validate
// scenario files and the renderer's widget kinds get their option types from the same schema.
import { z } from 'zod';
import { idSchema, lonLatSchema } from './common';
import { dimensionSchema } from './indicator';
import { incidentCategorySchema, incidentSeveritySchema } from './incident';
import { patrolBlockSchema } from './patrol';

export const videoCameraOptionsSchema = z.object({
  cameraId: idSchema,
  /** `auto` picks sub or main by tile size. */
  profile: z.enum(['auto', 'main', 'sub']).default('auto'),
});

/**
 * A patrol (轮巡): one cell cycling through a camera group, `dwellSeconds` per camera (at least 5 s); with a
 * `block` (分组轮巡) the cell shows rows × columns tiles that page through the group together, one page per dwell
 * (see `patrolPageCameras` in patrol.ts for the paging rule). No block is 1×1, so older files mean what they did.
 */
export const videoPatrolOptionsSchema = z.object({
  cameraIds: z.array(idSchema).min(1).max(256),
  dwellSeconds: z.number().int().min(5).max(3600).default(15),
  /** `auto` picks sub or main by the size of each tile (a block's tile, not the whole cell). */
  profile: z.enum(['auto', 'main', 'sub']).default('auto'),
  title: z.string().max(60).optional(),
  block: patrolBlockSchema.optional(),
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

/** The layers a map widget may list (renderer/src/map/layers/ has one file per id). */
export const mapLayerIdSchema = z.enum([
  'district',
  'grids',
  'risk',
  'cameras',
  'incidents',
  'units',
  'sensors',
]);
export type MapLayerId = z.infer<typeof mapLayerIdSchema>;

export const mapIncidentsOptionsSchema = z.object({
  center: lonLatSchema.optional(),
  zoom: z.number().min(0).max(22).optional(),
  /** [west, south, east, north] in WGS-84, fitted when no centre is given (default: the whole district). */
  extent: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  /** Layers bottom to top. */
  layers: z.array(mapLayerIdSchema).default(['district', 'grids', 'cameras']),
  /** A base map id of the workspace's basemaps.json (default: the catalogue's default). */
  baseMap: idSchema.optional(),
  /** Which cameras are drawn: any of the tags, in the streets / grids, online only. */
  cameraFilter: z
    .object({
      tags: z.array(z.string().min(1).max(40)).max(32).optional(),
      streets: z.array(idSchema).max(64).optional(),
      grids: z.array(idSchema).max(256).optional(),
      isOnlineOnly: z.boolean().optional(),
    })
    .optional(),
  /** Which incidents are drawn (closed ones never are). */
  incidentFilter: z
    .object({
      minimumSeverity: incidentSeveritySchema.optional(),
      categories: z.array(incidentCategorySchema).max(16).optional(),
    })
    .optional(),
  /** 调阅周边视频: how many cameras within how many metres, onto which display (default: the video display). */
  nearestCameras: z
    .object({
      count: z.number().int().min(1).max(16).default(4),
      radiusMetres: z.number().min(10).max(5_000).default(500),
      displayId: idSchema.optional(),
    })
    .optional(),
  /** The tile a clicked camera goes to (default: the first video tile of the video display). */
  cameraTarget: z.object({ displayId: idSchema, cellIndex: z.number().int().min(0).max(255) }).optional(),
  /** Follow-incident mode: the view moves to each new incident of at least this severity. */
  followIncidents: incidentSeveritySchema.optional(),
  /** The indicator whose per-grid topics (`<sourceKey>/<gridId>`) shade the risk layer. */
  riskIndicatorId: idSchema.optional(),
  /** Pan and zoom by mouse (consoles); wall maps only take clicks. */
  isInteractive: z.boolean().optional(),
});

/** 在线率: per street (or grid) the share of cameras online now and the average since midnight. */
export const camerasOnlineRateOptionsSchema = z.object({
  title: z.string().max(60).optional(),
  areaKind: z.enum(['street', 'grid']).default('street'),
  /** Rows shown, lowest rate first (the areas to look at). */
  limit: z.number().int().min(1).max(50).default(12),
});

export const clockOptionsSchema = z.object({ showDate: z.boolean().default(true) });

export const emptyOptionsSchema = z.object({});

/** Every widget kind with its options schema; the renderer's registry must provide a view for each. */
export const widgetOptionSchemas = {
  'video.camera': videoCameraOptionsSchema,
  'video.patrol': videoPatrolOptionsSchema,
  'vitals.trend': vitalsTrendOptionsSchema,
  'vitals.kpi': vitalsKpiOptionsSchema,
  'vitals.gauge': vitalsGaugeOptionsSchema,
  'vitals.ranking': vitalsRankingOptionsSchema,
  'warnings.board': warningsBoardOptionsSchema,
  'map.incidents': mapIncidentsOptionsSchema,
  'cameras.onlineRate': camerasOnlineRateOptionsSchema,
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
  widgetVariant('vitals.gauge'),
  widgetVariant('vitals.ranking'),
  widgetVariant('warnings.board'),
  widgetVariant('map.incidents'),
  widgetVariant('cameras.onlineRate'),
  widgetVariant('clock'),
  widgetVariant('empty'),
]);
export type WidgetConfig = z.infer<typeof widgetConfigSchema>;
/** A widget config of one kind. */
export type WidgetConfigOf<K extends WidgetKindId> = Extract<WidgetConfig, { kind: K }>;

export const emptyWidget: WidgetConfig = { kind: 'empty', options: {} };

/** A stream a video cell may play: the camera and the profile its options ask for (`auto`: by tile size). */
export interface VideoCellStream {
  readonly cameraId: string;
  readonly profile: WidgetOptions<'video.camera'>['profile'];
}

/** The streams the video cells among `cells` may play, in cell order: a camera tile's, a patrol's every camera. */
export function videoCellStreams(cells: readonly WidgetConfig[]): VideoCellStream[] {
  return cells.flatMap((cell) => {
    if (cell.kind === 'video.camera')
      return [{ cameraId: cell.options.cameraId, profile: cell.options.profile }];
    if (cell.kind === 'video.patrol')
      return cell.options.cameraIds.map((cameraId) => ({ cameraId, profile: cell.options.profile }));
    return [];
  });
}
