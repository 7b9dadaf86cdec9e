// Starts the wall where it was: a damaged state file falls back to the last good copy, then to the default
// scenario — never to a refusal to start — and what changed on the way is written back at once.
import type { LonLat } from '@shared/model/common';
import type { Workspace } from '../workspace/load-workspace';
import type { ScenarioCatalog } from '../scenarios/scenario-catalog';
import { WallService, checkWallState, withUsableHistory, type WallServiceOptions } from './wall-service';
import { WallStateStore } from './wall-state-store';

export interface ResumeWallOptions {
  readonly workspace: Workspace;
  readonly scenarios: ScenarioCatalog;
  /** Folder of the saved wall state (a writable folder: see workspace/writable-paths.ts). */
  readonly stateDir: string;
  readonly log: (line: string) => void;
  /** Where an incident is, for 调阅周边视频 (the incident store's lookup). */
  readonly incidentPosition: (incidentId: string) => LonLat | undefined;
  /** Every camera now, platforms' too (see WallServiceOptions.cameras). */
  readonly cameras?: WallServiceOptions['cameras'];
}

export interface ResumedWall {
  readonly wall: WallService;
  /** Where every new state is saved; the core waits for `flushed()` before it closes. */
  readonly store: WallStateStore;
}

/** Loads the saved wall state, starts the wall service on it and saves it back when it had to change. */
export async function resumeWallState(options: ResumeWallOptions): Promise<ResumedWall> {
  const { workspace, scenarios: catalog, log } = options;
  const store = new WallStateStore({ directory: options.stateDir, log });
  const loaded = await store.load((state) => checkWallState(state, workspace, catalog));
  for (const problem of loaded.problems) log(`[wall] saved state unusable: ${problem}`);
  for (const note of loaded.notes) log(`[wall] saved state ${note}`);
  // A 返回 entry this workspace can no longer show (a removed scenario or camera) costs only that entry.
  const resumed = loaded.state ? withUsableHistory(loaded.state, workspace, catalog) : null;
  for (const line of resumed?.dropped ?? []) log(`[wall] 返回 entry dropped: ${line}`);
  if (loaded.source === 'last-good') log(`[wall] resumed from the last good copy ${store.lastGoodPath}`);
  else if (loaded.source === 'none' && loaded.problems.length > 0)
    log(
      `[wall] no usable saved state: starting with the default scenario '${workspace.manifest.defaultScenario}'`,
    );
  const wall = new WallService(workspace, {
    incidentPosition: options.incidentPosition,
    ...(options.cameras ? { cameras: options.cameras } : {}),
    scenarios: catalog,
    initialState: resumed?.state ?? null,
    persist: (state) => store.save(state),
  });
  if (loaded.source === 'current')
    log(
      `[wall] resumed state version ${wall.state.version} (${wall.stateHash.slice(0, 12)}) from ${store.statePath}`,
    );
  // Written again when it did not come from the state file as it is: upgraded, trimmed, or a fallback.
  const isChangedOnLoad = loaded.notes.length > 0 || (resumed?.dropped.length ?? 0) > 0;
  if (loaded.source !== 'current' || isChangedOnLoad) await store.save(wall.state);
  return { wall, store };
}
