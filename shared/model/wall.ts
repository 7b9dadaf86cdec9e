// The wall: its displays, the layout of each display, the scenarios (平急转换 presets) and the live wall state.
import { z } from 'zod';
import { idSchema, localizedTextSchema } from './common';
import { widgetConfigSchema } from './widget';

export const rectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(64).max(32_768),
  height: z.number().int().min(64).max(32_768),
});
export type Rect = z.infer<typeof rectSchema>;

export const wallDisplaySchema = z.object({
  id: idSchema,
  name: localizedTextSchema,
  /** Where the display sits in the wall's virtual desktop, in pixels. */
  bounds: rectSchema,
});
export type WallDisplay = z.infer<typeof wallDisplaySchema>;

/** The workspace's `wall.json`. */
export const wallSchema = z.object({
  id: idSchema,
  name: localizedTextSchema,
  displays: z.array(wallDisplaySchema).min(1).max(64),
});
export type Wall = z.infer<typeof wallSchema>;

/** A block of grid cells shown as one cell. Rows and columns are 0-based. */
export const mergeSchema = z.object({
  row: z.number().int().min(0),
  column: z.number().int().min(0),
  rowSpan: z.number().int().min(1),
  columnSpan: z.number().int().min(1),
});
export type Merge = z.infer<typeof mergeSchema>;

export const layoutSchema = z.object({
  rows: z.number().int().min(1).max(16),
  columns: z.number().int().min(1).max(16),
  merges: z.array(mergeSchema).max(64).default([]),
});
export type Layout = z.infer<typeof layoutSchema>;

/** What one display shows: a layout and one widget per cell, cells in reading order (see layout/grid.ts). */
export const displayContentSchema = z.object({
  layout: layoutSchema,
  cells: z.array(widgetConfigSchema).min(1).max(256),
});
export type DisplayContent = z.infer<typeof displayContentSchema>;

export const scenarioModeSchema = z.enum(['normal', 'emergency', 'special']);
export type ScenarioMode = z.infer<typeof scenarioModeSchema>;

/** A scenario preset (one file in the workspace's `scenarios/`). */
export const scenarioSchema = z.object({
  id: idSchema,
  name: localizedTextSchema,
  mode: scenarioModeSchema,
  banner: localizedTextSchema.optional(),
  /** Per wall display id. Every display of the wall must be present. */
  displays: z.record(idSchema, displayContentSchema),
});
export type Scenario = z.infer<typeof scenarioSchema>;

/** The wall as it is now: versioned, changed only by commands, broadcast to every window. */
export const wallStateSchema = z.object({
  version: z.number().int().min(0),
  scenarioId: idSchema,
  displays: z.record(idSchema, displayContentSchema),
  /** The state before the last scenario switch, restored exactly by 返回. */
  previous: z.object({ scenarioId: idSchema, displays: z.record(idSchema, displayContentSchema) }).nullable(),
  changedAt: z.number(),
});
export type WallState = z.infer<typeof wallStateSchema>;

/** Commands that change the wall. Each is validated, then applied by the wall reducer. */
export const wallCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('scenario.activate'), scenarioId: idSchema }),
  z.object({ type: z.literal('scenario.return') }),
  z.object({
    type: z.literal('cell.assign'),
    displayId: idSchema,
    cellIndex: z.number().int().min(0).max(255),
    widget: widgetConfigSchema,
  }),
  /** A camera clicked on a map goes to a tile: the given one, else the first tile of the video block. */
  z.object({
    type: z.literal('camera.show'),
    cameraId: idSchema,
    displayId: idSchema.optional(),
    cellIndex: z.number().int().min(0).max(255).optional(),
  }),
  /** 一键调阅周边视频: the N nearest online cameras within R metres of an incident fill a block of tiles. */
  z.object({
    type: z.literal('incident.showNearestCameras'),
    incidentId: idSchema,
    count: z.number().int().min(1).max(16).default(4),
    radiusMetres: z.number().min(10).max(5_000).default(500),
    /** The display whose video tiles are filled; default: the display with the most video tiles. */
    displayId: idSchema.optional(),
  }),
]);
export type WallCommand = z.infer<typeof wallCommandSchema>;
