// Holds the current wall state, applies validated commands through the reducer, saves every change and
// tells listeners (every window) with the state's hash.
import type { LonLat } from '@shared/model/common';
import type { WallCommand, WallSnapshot, WallState } from '@shared/model/wall';
import { layoutCells } from '@shared/layout/grid';
import { ownValue } from '@shared/base/own-property';
import type { Workspace } from '../workspace/load-workspace';
import { ScenarioCatalog } from '../scenarios/scenario-catalog';
import { applyWallCommand, initialWallState } from './wall-reducer';
import { wallStateHash } from './state-hash';
import { Emitter } from '@shared/base/emitter';
import type { Disposable } from '@shared/base/disposable';
import type { Camera } from '@shared/model/camera';
import type { Crs } from '@shared/model/common';
import { workspaceCameraIds } from '../cameras/catalogue-ids';

export type WallStateListener = (state: WallState, stateHash: string) => void;

export interface WallServiceOptions {
  now?: () => number;
  /** The live scenario list (default: the workspace's scenarios). */
  scenarios?: ScenarioCatalog;
  /** A saved state to resume (already checked with `checkWallState`); default: the default scenario. */
  initialState?: WallState | null;
  /** Saves a state durably; `execute` callers can wait for it with `saved()`. */
  persist?: (state: WallState) => Promise<void>;
  /** Where an incident is, for 调阅周边视频 (the incident store's lookup). */
  incidentPosition?: (incidentId: string) => LonLat | undefined;
  /** Every camera now, platforms' too, for 调阅周边视频 (default: cameras.json's). */
  cameras?: () => { readonly crs: Crs; readonly cameras: readonly Camera[] };
}

/** Why a snapshot cannot be shown on this workspace's wall (`at` prefixes the field path), or null. */
function checkSnapshot(
  snapshot: WallSnapshot,
  workspace: Workspace,
  scenarios: ScenarioCatalog,
  at: string,
): string | null {
  const hasCamera = workspaceCameraIds(
    workspace.cameras.cameras.map((camera) => camera.id),
    workspace.platforms,
  );
  const displayIds = workspace.wall.displays.map((display) => display.id);
  if (!scenarios.get(snapshot.scenarioId))
    return `${at}scenarioId: unknown scenario '${snapshot.scenarioId}'`;
  const shown = Object.keys(snapshot.displays).sort();
  if (shown.join() !== [...displayIds].sort().join())
    return `${at}displays: shows ${shown.join(', ')} but the wall has ${displayIds.join(', ')}`;
  for (const [displayId, content] of Object.entries(snapshot.displays)) {
    let count: number;
    try {
      count = layoutCells(content.layout).length;
    } catch (error) {
      return `${at}displays.${displayId}.layout: ${(error as Error).message}`;
    }
    if (content.cells.length !== count)
      return `${at}displays.${displayId}.cells: ${content.cells.length} cells for a layout of ${count}`;
    for (const [index, widget] of content.cells.entries()) {
      if (widget.kind === 'video.camera' && !hasCamera(widget.options.cameraId))
        return `${at}displays.${displayId}.cells.${index}: unknown camera '${widget.options.cameraId}'`;
    }
    const maximized = ownValue(snapshot.maximized, displayId);
    if (maximized !== undefined && maximized >= count)
      return `${at}maximized.${displayId}: no cell ${maximized}`;
  }
  return null;
}

/**
 * Why a saved state cannot be shown on this workspace's wall, or null when it can. Only what the wall shows
 * now is judged: a 返回 entry that no longer fits costs that entry (see `withUsableHistory`), never the wall.
 */
export function checkWallState(
  state: WallState,
  workspace: Workspace,
  scenarios: ScenarioCatalog,
): string | null {
  return checkSnapshot(state, workspace, scenarios, '');
}

/**
 * A resumed state without the 返回 (and 撤销) entries this workspace can no longer show (a scenario, display or camera
 * removed since they were saved), and one line per entry dropped, for the log. The rest keep their order.
 */
export function withUsableHistory(
  state: WallState,
  workspace: Workspace,
  scenarios: ScenarioCatalog,
): { state: WallState; dropped: string[] } {
  const dropped: string[] = [];
  const history = state.history.filter((snapshot, index) => {
    const problem = checkSnapshot(snapshot, workspace, scenarios, `history.${index}.`);
    if (problem !== null) dropped.push(problem);
    return problem === null;
  });
  // 撤销 entries are judged the same way: an edit that can no longer be shown cannot be undone to.
  const undo = (state.undo ?? []).filter((snapshot, index) => {
    const problem = checkSnapshot(snapshot, workspace, scenarios, `undo.${index}.`);
    if (problem !== null) dropped.push(problem);
    return problem === null;
  });
  if (dropped.length === 0) return { state, dropped };
  const { undo: _undo, ...rest } = state;
  return { state: { ...rest, history, ...(undo.length > 0 ? { undo } : {}) }, dropped };
}

export class WallService {
  private current: WallState;
  private currentHash: string;
  private readonly changed = new Emitter<{ state: WallState; stateHash: string }>();
  readonly scenarios: ScenarioCatalog;
  private readonly hasCamera: (cameraId: string) => boolean;
  private readonly now: () => number;
  private lastSave: Promise<void> = Promise.resolve();

  constructor(
    private readonly workspace: Workspace,
    private readonly options: WallServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.scenarios = options.scenarios ?? new ScenarioCatalog(workspace.scenarios, workspace.scenarioFiles);
    this.hasCamera = workspaceCameraIds(
      workspace.cameras.cameras.map((camera) => camera.id),
      workspace.platforms,
    );
    this.current =
      options.initialState ??
      initialWallState(this.scenarios.get(workspace.manifest.defaultScenario)!, this.now());
    this.currentHash = wallStateHash(this.current);
  }

  get state(): WallState {
    return this.current;
  }

  /** SHA-256 of what the wall shows and its 返回 history (see state-hash.ts). */
  get stateHash(): string {
    return this.currentHash;
  }

  /** Applies a command (already schema-validated at the edge); throws a ProtocolError when it is rejected. */
  execute(command: WallCommand): WallState {
    const next = applyWallCommand(this.current, command, {
      scenarios: this.scenarios.asMap(),
      displayIds: this.workspace.wall.displays.map((display) => display.id),
      hasCamera: this.hasCamera,
      now: this.now(),
      cameras: this.options.cameras?.() ?? this.workspace.cameras,
      incidentPosition: this.options.incidentPosition ?? (() => undefined),
    });
    // Nothing changed (the scenario already shown, untouched): nothing to save, nobody to tell.
    if (next === this.current) return this.current;
    this.current = next;
    this.currentHash = wallStateHash(this.current);
    if (this.options.persist) this.lastSave = this.options.persist(this.current);
    this.changed.fire({ state: this.current, stateHash: this.currentHash });
    return this.current;
  }

  /** Resolves once the state of the last `execute` is saved (immediately without persistence). */
  saved(): Promise<void> {
    return this.lastSave;
  }

  /** Every new state, with its hash, after each command that changed it. */
  onChanged(listener: WallStateListener): Disposable {
    return this.changed.on(({ state, stateHash }) => listener(state, stateHash));
  }
}
