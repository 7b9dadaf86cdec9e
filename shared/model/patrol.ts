// Video patrol (视频轮巡): where a patrol cell is in its camera group, from its dwell time and the wall clock, and
// which camera each tile of a patrol block (分组轮巡) shows on the current page.
import { z } from 'zod';

/** The least time a patrol shows one camera: shorter cycles make nothing recognisable and load the server. */
export const minimumDwellSeconds = 5;

/**
 * The live position of one patrol cell in the wall state (absent = running since the epoch at step 0, so
 * every window computes the same camera from the clock alone).
 * - `step`: steps taken when `since` was set;
 * - `since`: ms since epoch the patrol was last paused, resumed or advanced;
 * - `isPaused`: held at `step` until resumed.
 */
export const patrolStateSchema = z.object({
  step: z.number().int().min(0),
  since: z.number().min(0),
  isPaused: z.boolean(),
});
export type PatrolState = z.infer<typeof patrolStateSchema>;

export const runningPatrol: PatrolState = { step: 0, since: 0, isPaused: false };

/** The key of a patrol cell in `WallState.patrols`. */
export function patrolKey(displayId: string, cellIndex: number): string {
  return `${displayId}/${cellIndex}`;
}

/** Steps taken by `now` (grows by one every dwell while running). */
export function patrolStep(state: PatrolState, dwellSeconds: number, now: number): number {
  if (state.isPaused) return state.step;
  const dwellMs = Math.max(minimumDwellSeconds, dwellSeconds) * 1000;
  return state.step + Math.max(0, Math.floor((now - state.since) / dwellMs));
}

/** When (ms since epoch) the step after the current one starts, or null while paused. */
export function nextPatrolChangeAt(state: PatrolState, dwellSeconds: number, now: number): number | null {
  if (state.isPaused) return null;
  const dwellMs = Math.max(minimumDwellSeconds, dwellSeconds) * 1000;
  const taken = patrolStep(state, dwellSeconds, now) - state.step;
  return state.since + (taken + 1) * dwellMs;
}

/** Index into the camera group for a step (a 1×1 patrol shows this camera; any step, negative or huge, maps in). */
export function patrolIndex(step: number, cameraCount: number): number {
  return cameraCount > 0 ? ((step % cameraCount) + cameraCount) % cameraCount : 0;
}

/** The most rows, and the most columns, of a patrol block: 4×4 is as many tiles as a 16-cell wall display. */
export const maximumPatrolBlockSide = 4;

const blockSide = (what: string) =>
  z
    .number()
    .int(`a patrol block's ${what} are a whole number`)
    .min(1, `a patrol block has 1 to ${maximumPatrolBlockSide} ${what}`)
    .max(maximumPatrolBlockSide, `a patrol block has 1 to ${maximumPatrolBlockSide} ${what}`);

/**
 * A patrol block (分组轮巡): the cell shows `rows` × `columns` tiles that page through the camera group together,
 * one page per dwell. Pause, resume and 下一路 act on the whole block (下一路 = the next page).
 */
export const patrolBlockSchema = z.object({ rows: blockSide('rows'), columns: blockSide('columns') });
export type PatrolBlock = z.infer<typeof patrolBlockSchema>;

/** A patrol without a block: one tile, one camera per dwell. */
export const singleTileBlock: PatrolBlock = { rows: 1, columns: 1 };

/** The block of a patrol's options (1×1 when none is given, as in every patrol written before blocks). */
export function patrolBlockOf(options: { readonly block?: PatrolBlock | undefined }): PatrolBlock {
  return options.block ?? singleTileBlock;
}

/** How many pages a group makes in a block of `tileCount` tiles (at least one; the last may wrap, see below). */
export function patrolPageCount(cameraCount: number, tileCount: number): number {
  return Math.max(1, Math.ceil(cameraCount / Math.max(1, tileCount)));
}

/** The page (0-based) shown at `step`: pages cycle, so any step, negative or huge, maps to one. */
export function patrolPage(step: number, cameraCount: number, tileCount: number): number {
  return patrolIndex(step, patrolPageCount(cameraCount, tileCount));
}

/**
 * The camera of every tile of a block at `step`, tiles in reading order (row by row), on page
 * p = `patrolPage(step)`:
 * - tile i shows `cameraIds[(p × tiles + i) mod n]`: pages run through the group in order and the last page wraps
 *   around to the group's first cameras, so every tile shows video and no page repeats a camera
 *   (10 cameras in 2×2: 1–4, 5–8, 9 10 1 2, then 1–4 again);
 * - a group smaller than the block is one page: each camera once, the remaining tiles `null` (shown as an empty,
 *   labelled tile), and nothing changes from page to page.
 * With a 1×1 block this is the single-tile patrol: `[cameraIds[patrolIndex(step, n)]]`.
 */
export function patrolPageCameras(
  cameraIds: readonly string[],
  tileCount: number,
  step: number,
): (string | null)[] {
  const count = cameraIds.length;
  const first = patrolPage(step, count, tileCount) * tileCount;
  return Array.from({ length: tileCount }, (_, tile) => {
    if (count < tileCount) return cameraIds[tile] ?? null;
    return cameraIds[(first + tile) % count]!;
  });
}
