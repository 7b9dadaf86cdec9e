// The wall: its displays, the layout of each display, the scenarios (平急转换 presets) and the live wall state.
import { z } from 'zod';
import { idSchema, localizedTextSchema } from './common';
import { widgetConfigSchema } from './widget';
import { patrolStateSchema } from './patrol';
import { boundedJsonSchema } from './bounded-json';

export const rectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(64).max(32_768),
  height: z.number().int().min(64).max(32_768),
});
export type Rect = z.infer<typeof rectSchema>;

/**
 * The physical LCD panels of one display that is really a single output spanning rows × columns of panels
 * (a video controller's output). Cells snap to panel boundaries (see layout/cell-rects.ts).
 */
export const panelGridSchema = z.object({
  rows: z.number().int().min(1).max(16),
  columns: z.number().int().min(1).max(16),
  /**
   * Pixels of the output hidden behind each bezel (the controller's bezel compensation): `horizontal` between
   * two panels side by side, `vertical` between two panels one above the other. 0 when nothing is hidden.
   */
  bezel: z.object({
    horizontal: z.number().int().min(0).max(512),
    vertical: z.number().int().min(0).max(512),
  }),
});
export type PanelGrid = z.infer<typeof panelGridSchema>;

export const wallDisplaySchema = z.object({
  id: idSchema,
  name: localizedTextSchema,
  /** Where the display sits in the wall's virtual desktop, in pixels. */
  bounds: rectSchema,
  /** Physical panels inside this display, when it is one output over several LCD panels. */
  panels: panelGridSchema.optional(),
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

/** Graded warning levels a trigger can name (normal never triggers anything). */
export const triggerLevelSchema = z.enum(['blue', 'yellow', 'orange', 'red']);

/**
 * When a scenario is suggested: an indicator reaching `level` (or worse). `warning` names the warning the
 * way the room says it, e.g. 暴雨 → "红色暴雨预警 → 切换到 防汛防台?".
 */
export const scenarioTriggerSchema = z.object({
  indicatorId: idSchema,
  level: triggerLevelSchema,
  warning: localizedTextSchema,
});
export type ScenarioTrigger = z.infer<typeof scenarioTriggerSchema>;

/** The scenario file format this build writes; older files are upgraded by scenario-migrations.ts. */
export const scenarioFormatVersion = 2;

/** Names Windows reserves for devices, with or without an extension: `nul.json` opens the null device there. */
const windowsDeviceName = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/**
 * A scenario's id: an id that can also name its file, `scenarios/<id>.json`, on every system the wall runs on
 * (a pack import writes a new scenario there).
 */
export const scenarioIdSchema = idSchema.refine(
  (id) => !windowsDeviceName.test(id),
  'a scenario id cannot be a Windows device name (con, prn, aux, nul, com1–com9, lpt1–lpt9)',
);

/** A scenario preset (one file in the workspace's `scenarios/`). */
export const scenarioSchema = z.object({
  version: z.literal(scenarioFormatVersion),
  id: scenarioIdSchema,
  name: localizedTextSchema,
  mode: scenarioModeSchema,
  banner: localizedTextSchema.optional(),
  /** Warning levels that suggest this scenario on the console. */
  triggers: z.array(scenarioTriggerSchema).max(32),
  /** Per wall display id. Every display of the wall must be present. */
  displays: z.record(idSchema, displayContentSchema),
});
export type Scenario = z.infer<typeof scenarioSchema>;

/** Key of one cell's runtime state: `<displayId>/<cellIndex>`. */
export const cellKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*\/\d{1,3}$/, 'a cell key is <displayId>/<index>');

/** Largest runtime state one cell may keep, in bytes of JSON. */
export const maxCellStateBytes = 4096;

/**
 * Deepest nesting of a cell's runtime state. A map view or a patrol position is two or three levels deep; a
 * value 1,900 levels deep fits in 4 KB and overflowed the stack of every recursive walk over the wall state.
 */
export const maxCellStateDepth = 32;

/** A cell's runtime state: JSON of bounded depth and size, in commands and in the saved state alike. */
export const cellStateValueSchema = boundedJsonSchema({
  maxDepth: maxCellStateDepth,
  // 4 KB of JSON holds at most about 2,048 values (`[0,0,…]`): this never refuses what the byte cap allows.
  maxNodes: maxCellStateBytes,
});

/**
 * Everything the wall shows, without bookkeeping: what 返回 restores and what the state hash covers. New
 * wall-wide state belongs here, so it is kept by a switch and restored by 返回 without further code.
 */
export const wallSnapshotSchema = z.object({
  scenarioId: idSchema,
  displays: z.record(idSchema, displayContentSchema),
  /** Display id → index of the cell that fills the display (maximised). */
  maximized: z.record(idSchema, z.number().int().min(0).max(255)).default({}),
  /**
   * Runtime state of widgets, per cell (a patrol's position, a map's view): plain JSON owned by the widget
   * kind, cleared when the cell gets another widget, restored by 返回 with everything else.
   */
  cellState: z.record(cellKeySchema, cellStateValueSchema).default({}),
  /**
   * Patrol cells paused, resumed or advanced by an operator, by `patrolKey(displayId, cellIndex)`; part of the
   * snapshot so a switch keeps the patrol positions and 返回 restores them.
   */
  patrols: z.record(cellKeySchema, patrolStateSchema).optional(),
});
export type WallSnapshot = z.infer<typeof wallSnapshotSchema>;

/**
 * How many scenario switches 返回 can undo. A duty shift rarely chains more than a few (日常 → 大客流 → 火灾 …);
 * eight covers every demo scenario and back with room to spare while keeping the saved file and every state
 * broadcast small (each entry is a whole snapshot). A ninth switch drops the oldest entry.
 */
export const wallHistoryDepth = 8;

/**
 * How many live edits 撤销 can undo (a split change, a tile moved, swapped, cleared or assigned). Each entry is a
 * whole snapshot, like a 返回 entry, so the depth keeps the saved file and every broadcast small.
 */
export const wallUndoDepth = 10;

/** The wall as it is now: versioned, changed only by commands, broadcast to every window. */
export const wallStateSchema = wallSnapshotSchema.extend({
  version: z.number().int().min(0),
  /**
   * The walls before the last scenario switches, oldest first: 返回 restores the last entry exactly and removes
   * it. Only `scenario.activate` adds an entry; at most `wallHistoryDepth`.
   */
  history: z.array(wallSnapshotSchema).max(wallHistoryDepth),
  /**
   * The walls before the last live edits since the last switch or 返回, oldest first: 撤销 (`wall.undo`) restores
   * the last entry and removes it. Bookkeeping like `history`, not part of the snapshot: a switch or 返回 starts it
   * afresh, so 返回 after any number of edits is exactly the wall before the switch.
   */
  undo: z.array(wallSnapshotSchema).max(wallUndoDepth).optional(),
  changedAt: z.number(),
});
export type WallState = z.infer<typeof wallStateSchema>;

const cellIndexSchema = z.number().int().min(0).max(255);

/** Commands that change the wall. Each is validated, then applied by the wall reducer. */
export const wallCommandSchema = z.discriminatedUnion('type', [
  /**
   * A display's split changes live (see layout/presets.ts for 1 … 64, 1+5, 1+7, 2+8; any valid layout is a custom
   * one). Widgets keep their cells where the new split has them; see layout/relayout.ts for what is dropped.
   */
  z.object({ type: z.literal('display.setLayout'), displayId: idSchema, layout: layoutSchema }),
  /**
   * The tile at (displayId, cellIndex) goes to (toDisplayId, toCellIndex), on the same display or another, and
   * what was there comes back in its place: a swap, or a move when the target was empty.
   */
  z.object({
    type: z.literal('cell.move'),
    displayId: idSchema,
    cellIndex: cellIndexSchema,
    toDisplayId: idSchema,
    toCellIndex: cellIndexSchema,
  }),
  /** The cell shows nothing (an empty widget). */
  z.object({ type: z.literal('cell.clear'), displayId: idSchema, cellIndex: cellIndexSchema }),
  /** 撤销: the wall before the last live edit comes back (see `WallState.undo`). */
  z.object({ type: z.literal('wall.undo') }),
  /** Switches the whole wall to a scenario; the wall it replaces goes onto the 返回 history. */
  z.object({ type: z.literal('scenario.activate'), scenarioId: idSchema }),
  /** 返回: the wall before the last switch comes back exactly, and leaves the history. */
  z.object({ type: z.literal('scenario.return') }),
  z.object({
    type: z.literal('cell.assign'),
    displayId: idSchema,
    cellIndex: z.number().int().min(0).max(255),
    widget: widgetConfigSchema,
  }),
  /** The cell fills its display until `cell.restore`. */
  z.object({
    type: z.literal('cell.maximize'),
    displayId: idSchema,
    cellIndex: z.number().int().min(0).max(255),
  }),
  z.object({ type: z.literal('cell.restore'), displayId: idSchema }),
  /** A widget's runtime state (patrol position, map view), kept in the wall state; null forgets it. */
  z.object({
    type: z.literal('cell.setState'),
    displayId: idSchema,
    cellIndex: z.number().int().min(0).max(255),
    state: cellStateValueSchema,
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
