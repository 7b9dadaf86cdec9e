// Where the core writes: the wall state, snapshots, imported scenario packs and (later) the journal. An installed
// app's embedded demo sits inside the read-only application folder, so its writes go to a writable data folder.
import path from 'node:path';

export interface WritablePathsInput {
  /** The workspace folder (absolute). */
  readonly workspaceDir: string;
  /** No workspace was named: the embedded demo, shipped with the app and never written. */
  readonly isEmbeddedDemo: boolean;
  /** The installed application's folder (read-only); null when it runs from a checkout. */
  readonly appDir: string | null;
  /** The state folder asked for (the browser host's `--state-dir`), or null. */
  readonly stateDir: string | null;
  /** The platform's per-user data folder (Electron's `userData` in an installed app), or null. */
  readonly userDataDir: string | null;
}

export interface WritablePaths {
  /** Whether the workspace folder is never written (the embedded demo, or a folder inside the app). */
  readonly isWorkspaceReadOnly: boolean;
  /** Folder of the saved wall state (`wall-state.json` and its last good copy). */
  readonly state: string;
  /** Folder whose `snapshots/` receives the video snapshots (the workspace itself when it may be written). */
  readonly snapshotRoot: string;
  /** Folder the scenarios of an imported pack are written to. */
  readonly importedScenarios: string;
  /**
   * Folder of imported scenarios the loader reads after the workspace's own `scenarios/`, a scenario there
   * winning over the workspace's one of the same id; null when imports go into the workspace itself.
   */
  readonly scenarioOverlay: string | null;
  /** Folder of the journal. */
  readonly journal: string;
}

/** Whether `child` is `parent` or lies inside it. */
function isInside(child: string, parent: string, paths: path.PlatformPath): boolean {
  const relative = paths.relative(paths.resolve(parent), paths.resolve(child));
  return relative === '' || (!relative.startsWith('..') && !paths.isAbsolute(relative));
}

/**
 * Decides every folder the core writes to. A workspace of one's own is written as before (state in
 * `<workspace>/.state` unless a state folder is given, snapshots and imported packs in the workspace). A read-only
 * one is never written: its snapshots and imported packs go to the data folder — the state folder asked for,
 * else the per-user folder, else `<workspace>/.state` (the embedded demo of a checkout) — and the imported
 * scenarios are an overlay on the workspace's. Throws when a workspace inside the installed app has no data
 * folder at all (nowhere to write).
 */
export function writablePaths(input: WritablePathsInput, paths: path.PlatformPath = path): WritablePaths {
  const { workspaceDir, stateDir, userDataDir } = input;
  const isInsideApp = input.appDir !== null && isInside(workspaceDir, input.appDir, paths);
  const isWorkspaceReadOnly = input.isEmbeddedDemo || isInsideApp;
  const ownState = paths.join(workspaceDir, '.state');
  if (isInsideApp && stateDir === null && userDataDir === null)
    throw new Error(`the workspace ${workspaceDir} is inside the application folder: give a state folder`);
  // The per-user folder keeps the wall state in `wall-state/`, where installed apps have always kept it.
  const state = stateDir ?? (userDataDir === null ? ownState : paths.join(userDataDir, 'wall-state'));
  const data = stateDir ?? userDataDir ?? ownState;
  const journal = paths.join(data, 'journal');
  if (!isWorkspaceReadOnly) {
    return {
      isWorkspaceReadOnly,
      state,
      snapshotRoot: workspaceDir,
      importedScenarios: paths.join(workspaceDir, 'scenarios'),
      scenarioOverlay: null,
      journal,
    };
  }
  const overlay = paths.join(data, 'scenarios');
  return {
    isWorkspaceReadOnly,
    state,
    snapshotRoot: data,
    importedScenarios: overlay,
    scenarioOverlay: overlay,
    journal,
  };
}
