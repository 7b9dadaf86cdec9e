// The wall: its displays, the layout of each display, the scenarios (平急转换 presets) and the live wall state.
import { z } from 'zod';
import { idSchema, localizedTextSchema } from './common';
import { widgetConfigSchema } from './widget';
import { patrolStateSchema } from './patrol';

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

/** Video tuning of a wall (optional in `wall.json`; see `videoSettingsOf` for the defaults). */
export const wallVideoSettingsSchema = z.object({
  /** Live latency each tile holds itself under (ms); default 1000. */
  latencyTargetMs: z.number().int().min(200).max(10_000).optional(),
  /** No new decoded frame for this long means 画面停滞 (ms); default 10 000. */
  stallTimeoutMs: z.number().int().min(2_000).max(120_000).optional(),
});
export type WallVideoSettings = z.infer<typeof wallVideoSettingsSchema>;

/** The workspace's `wall.json`. */
export const wallSchema = z.object({
  id: idSchema,
  name: localizedTextSchema,
  displays: z.array(wallDisplaySchema).min(1).max(64),
  video: wallVideoSettingsSchema.optional(),
});

/** A wall's video settings with defaults filled in. */
export function videoSettingsOf(wall: {
  video?: WallVideoSettings | undefined;
}): Required<WallVideoSettings> {
  return {
    latencyTargetMs: wall.video?.latencyTargetMs ?? 1_000,
    stallTimeoutMs: wall.video?.stallTimeoutMs ?? 10_000,
  };
}
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
  /** Patrol cells paused, resumed or advanced by an operator, by `patrolKey(displayId, cellIndex)`. */
  patrols: z.record(z.string().max(80), patrolStateSchema).optional(),
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
  // Patrol control from the console (轮巡暂停 / 继续 / 下一路) for the `video.patrol` cell at that place.
  ...(['patrol.pause', 'patrol.resume', 'patrol.advance'] as const).map((type) =>
    z.object({
      type: z.literal(type),
      displayId: idSchema,
      cellIndex: z.number().int().min(0).max(255),
    }),
  ),
]);
export type WallCommand = z.infer<typeof wallCommandSchema>;
