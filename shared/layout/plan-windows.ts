// Window planning: which window goes on which physical display, for a wall and the machine's screens.
import type { Rect, Wall, WallDisplay } from '../model/wall';

/**
 * A screen of this machine as the host reports it (Electron's `screen`, or `--displays` in the browser host).
 * Bounds are in the desktop's coordinate space (DIPs in Electron), so `scaleFactor` never changes the plan;
 * it is carried for diagnostics.
 */
export interface PhysicalDisplay {
  id: string;
  bounds: Rect;
  /** The part of `bounds` not covered by task bars and docks; defaults to `bounds`. */
  workArea?: Rect;
  isPrimary: boolean;
  scaleFactor: number;
}

/** One window the host should open: a wall display's window, or the operator console. */
export type PlannedWindow =
  | { role: 'wall'; wallDisplayId: string; physicalDisplayId: string; bounds: Rect; fullscreen: boolean }
  | { role: 'console'; physicalDisplayId: string; bounds: Rect; fullscreen: false };

export interface WindowPlanOptions {
  /** Plan an operator console window too (default true). */
  console?: boolean;
  /** Pins wall displays to physical displays: wall display id → physical display id. */
  assignments?: Record<string, string>;
}

/** Share of the primary work area a console gets when it has to share a display with the wall. */
const consoleShare = 0.8;

/**
 * Plans the windows of `wall` on `displays`. Deterministic: the same inputs give the same plan, whatever
 * the order of `displays`.
 *
 * Rules, in order:
 * 1. Displays with no area are ignored. Displays with identical bounds (mirroring) are one place on the
 *    desktop, so they count once: the primary among them, else the lowest id, stands for all of them (an
 *    assignment to any of them means that one). No displays at all → `[]`.
 *    The primary is the display flagged `isPrimary` (the first in position order if several or none are).
 * 2. Explicit `assignments` first, in `wall.displays` order: a wall display gets the physical display it
 *    names if that display exists and no earlier wall display took it; otherwise it is placed automatically.
 * 3. Automatic placement uses the displays nobody was assigned to. The primary is left out of it when the
 *    counts differ: with more physical displays than wall displays it is kept for the console (even with
 *    `console: false`, so the operator's desktop stays usable); with fewer (a developer laptop) it holds the
 *    tiled windows of rule 5. Then a physical display whose bounds equal the wall display's bounds wins, and
 *    the rest are paired in position order (both sides sorted by x, then y, then id) — unless those matches
 *    would show the wall out of order (e.g. a wall file starting at 0,0 on a machine whose console screen is
 *    at 0,0, left of the wall): then position order alone decides.
 * 4. Every placed wall display gets a frameless full-screen window covering its physical display's bounds.
 * 5. Wall displays left over (fewer physical displays than wall displays) become non-full-screen windows
 *    tiled in a grid inside the primary's work area, in reading order (y, then x) so a 2×2 wall tiles as
 *    2×2, each keeping its aspect ratio, centred in its cell, never larger than its native size, never
 *    off-screen and never smaller than 1×1.
 * 6. The console (unless `console: false`) goes on a display that has no wall window, the primary if it is
 *    one of them, and covers its work area. When every display shows the wall, it is a normal window of
 *    80 % of the primary's work area, centred.
 *
 * Every window lies within a physical display; no two full-screen wall windows share a physical display.
 * Wall windows come first, in `wall.displays` order, then the console.
 */
export function planWindows(
  wall: Wall,
  displays: readonly PhysicalDisplay[],
  options: WindowPlanOptions = {},
): PlannedWindow[] {
  const { distinct, representativeOf } = distinctDisplays(displays);
  if (distinct.length === 0) return [];
  const primary = distinct.find((display) => display.isPrimary) ?? distinct[0]!;
  const placement = new Map<string, PhysicalDisplay>();
  const taken = new Set<string>();

  // Rule 2: explicit assignments.
  for (const wallDisplay of wall.displays) {
    const wanted = options.assignments?.[wallDisplay.id];
    const physical = wanted === undefined ? undefined : representativeOf.get(wanted);
    if (physical && !taken.has(physical.id)) {
      placement.set(wallDisplay.id, physical);
      taken.add(physical.id);
    }
  }

  // Rule 3: automatic placement on what is left.
  const unplaced = wall.displays.filter((wallDisplay) => !placement.has(wallDisplay.id));
  let free = distinct.filter((display) => !taken.has(display.id));
  if (free.length !== unplaced.length) free = free.filter((display) => display !== primary);
  const automatic = placeByBounds(unplaced, free) ?? placeByPosition(unplaced, free);
  for (const [id, physical] of automatic) placement.set(id, physical);

  // Rules 4 and 5.
  const leftOver = sortByReadingOrder(wall.displays.filter((wallDisplay) => !placement.has(wallDisplay.id)));
  const primaryArea = workAreaOf(primary);
  const tiles = tileRects(
    primaryArea,
    leftOver.map((wallDisplay) => wallDisplay.bounds),
  );
  const tileOf = new Map(leftOver.map((wallDisplay, index) => [wallDisplay.id, tiles[index]!]));
  const windows: PlannedWindow[] = wall.displays.map((wallDisplay) => {
    const physical = placement.get(wallDisplay.id);
    if (physical) {
      return {
        role: 'wall',
        wallDisplayId: wallDisplay.id,
        physicalDisplayId: physical.id,
        bounds: { ...physical.bounds },
        fullscreen: true,
      };
    }
    return {
      role: 'wall',
      wallDisplayId: wallDisplay.id,
      physicalDisplayId: primary.id,
      bounds: tileOf.get(wallDisplay.id)!,
      fullscreen: false,
    };
  });

  // Rule 6.
  if (options.console ?? true) {
    const used = new Set(windows.map((window) => window.physicalDisplayId));
    const unused = distinct.filter((display) => !used.has(display.id));
    const home = unused.includes(primary) ? primary : sortByPosition(unused)[0];
    windows.push(
      home
        ? { role: 'console', physicalDisplayId: home.id, bounds: { ...workAreaOf(home) }, fullscreen: false }
        : {
            role: 'console',
            physicalDisplayId: primary.id,
            bounds: centredShare(primaryArea),
            fullscreen: false,
          },
    );
  }
  return windows;
}

/**
 * Exact-bounds matches first, the rest in position order — unless that would show the wall out of order
 * (a coincidental match: wall file at 0,0 and a console screen left of the wall), then undefined.
 */
function placeByBounds(
  wallDisplays: readonly WallDisplay[],
  free: readonly PhysicalDisplay[],
): Map<string, PhysicalDisplay> | undefined {
  const placement = new Map<string, PhysicalDisplay>();
  const left = [...free];
  for (const wallDisplay of sortByPosition(wallDisplays)) {
    const index = left.findIndex((display) => sameRect(display.bounds, wallDisplay.bounds));
    if (index < 0) continue;
    placement.set(wallDisplay.id, left[index]!);
    left.splice(index, 1);
  }
  if (placement.size === 0) return undefined;
  const rest = wallDisplays.filter((wallDisplay) => !placement.has(wallDisplay.id));
  for (const [id, physical] of placeByPosition(rest, left)) placement.set(id, physical);
  const rank = new Map(sortByPosition(free).map((display, index) => [display.id, index]));
  const ranks = sortByPosition(wallDisplays).flatMap((wallDisplay) => {
    const physical = placement.get(wallDisplay.id);
    return physical ? [rank.get(physical.id)!] : [];
  });
  return ranks.every((value, index) => index === 0 || value > ranks[index - 1]!) ? placement : undefined;
}

/** Pairs wall displays and physical displays, both sorted by x, then y, then id. */
function placeByPosition(
  wallDisplays: readonly WallDisplay[],
  free: readonly PhysicalDisplay[],
): Map<string, PhysicalDisplay> {
  const physicalInOrder = sortByPosition(free);
  const placement = new Map<string, PhysicalDisplay>();
  for (const [index, wallDisplay] of sortByPosition(wallDisplays).entries()) {
    const physical = physicalInOrder[index];
    if (physical) placement.set(wallDisplay.id, physical);
  }
  return placement;
}

/**
 * Drops displays without area (and repeated ids), marks exactly one primary, and folds mirrored displays
 * (equal bounds) into one representative.
 */
function distinctDisplays(displays: readonly PhysicalDisplay[]): {
  distinct: PhysicalDisplay[];
  representativeOf: Map<string, PhysicalDisplay>;
} {
  const usable: PhysicalDisplay[] = [];
  for (const display of sortByPosition(displays)) {
    if (display.bounds.width <= 0 || display.bounds.height <= 0) continue;
    if (usable.some((other) => other.id === display.id)) continue;
    usable.push(display);
  }
  const primaryId = (usable.find((display) => display.isPrimary) ?? usable[0])?.id;
  const normalised = usable.map((display) => ({ ...display, isPrimary: display.id === primaryId }));
  // The primary first (the sort is stable), so it represents its mirror group.
  const ordered = [...normalised].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  const distinct: PhysicalDisplay[] = [];
  const representativeOf = new Map<string, PhysicalDisplay>();
  for (const display of ordered) {
    const same = distinct.find((other) => sameRect(other.bounds, display.bounds));
    if (!same) distinct.push(display);
    representativeOf.set(display.id, same ?? display);
  }
  return { distinct: sortByPosition(distinct), representativeOf };
}

function sortByPosition<T extends { id: string; bounds: Rect }>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || compareIds(a.id, b.id),
  );
}

function sortByReadingOrder(items: readonly WallDisplay[]): WallDisplay[] {
  return [...items].sort(
    (a, b) => a.bounds.y - b.bounds.y || a.bounds.x - b.bounds.x || compareIds(a.id, b.id),
  );
}

/** Plain code-unit order: unlike localeCompare it is the same on every machine. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/** The work area clipped to the bounds (a work area outside its display would put windows off-screen). */
function workAreaOf(display: PhysicalDisplay): Rect {
  const area = display.workArea;
  if (!area) return { ...display.bounds };
  const x = Math.max(area.x, display.bounds.x);
  const y = Math.max(area.y, display.bounds.y);
  const right = Math.min(area.x + area.width, display.bounds.x + display.bounds.width);
  const bottom = Math.min(area.y + area.height, display.bounds.y + display.bounds.height);
  if (right <= x || bottom <= y) return { ...display.bounds };
  return { x, y, width: right - x, height: bottom - y };
}

function centredShare(area: Rect): Rect {
  const width = Math.max(1, Math.round(area.width * consoleShare));
  const height = Math.max(1, Math.round(area.height * consoleShare));
  return {
    x: area.x + Math.floor((area.width - width) / 2),
    y: area.y + Math.floor((area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Tiles `sizes` (in order, row by row) into `area`: picks the column count that shows the most pixels,
 * then fits each size into its cell keeping its aspect ratio (never scaled up past its native size).
 */
function tileRects(area: Rect, sizes: readonly Rect[]): Rect[] {
  if (sizes.length === 0) return [];
  let best: { columns: number; shown: number } | undefined;
  for (let columns = 1; columns <= sizes.length; columns++) {
    const rows = Math.ceil(sizes.length / columns);
    const cell = { width: Math.floor(area.width / columns), height: Math.floor(area.height / rows) };
    const shown = sizes.reduce((sum, size) => {
      const fitted = fit(size, cell);
      return sum + fitted.width * fitted.height;
    }, 0);
    if (!best || shown > best.shown) best = { columns, shown };
  }
  const columns = best!.columns;
  const rows = Math.ceil(sizes.length / columns);
  return sizes.map((size, index) => {
    const column = index % columns;
    const row = Math.floor(index / columns);
    const left = area.x + Math.floor((column * area.width) / columns);
    const top = area.y + Math.floor((row * area.height) / rows);
    const cell = {
      width: Math.max(1, area.x + Math.floor(((column + 1) * area.width) / columns) - left),
      height: Math.max(1, area.y + Math.floor(((row + 1) * area.height) / rows) - top),
    };
    const fitted = fit(size, cell);
    return {
      x: left + Math.floor((cell.width - fitted.width) / 2),
      y: top + Math.floor((cell.height - fitted.height) / 2),
      width: fitted.width,
      height: fitted.height,
    };
  });
}

function fit(size: { width: number; height: number }, cell: { width: number; height: number }) {
  const scale = Math.min(cell.width / size.width, cell.height / size.height, 1);
  return {
    width: Math.min(cell.width, Math.max(1, Math.floor(size.width * scale))),
    height: Math.min(cell.height, Math.max(1, Math.floor(size.height * scale))),
  };
}
