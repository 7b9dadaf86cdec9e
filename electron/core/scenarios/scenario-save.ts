// 另存为场景: the wall as it is now becomes a scenario preset, new or over an existing one — validated like a
// workspace file, written atomically to where imported packs go, and in every console's list at once.
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { scenarioFormatVersion, scenarioSchema, type Scenario, type WallState } from '@shared/model/wall';
import { ProtocolError } from '@shared/protocol/envelope';
import type { HandlerGroup } from '../session';
import type { Workspace } from '../workspace/load-workspace';
import { checkScenario } from '../workspace/check-scenario';
import { writeFileAtomic } from '../files/atomic-file';
import type { ScenarioCatalog } from './scenario-catalog';

/** What to save: a new scenario named `name`, or the wall over `scenarioId` (then `overwrite` must be true). */
export interface SaveScenarioRequest {
  readonly name: string;
  readonly scenarioId?: string | undefined;
  readonly overwrite: boolean;
}

export interface SaveScenarioOptions {
  readonly workspace: Workspace;
  readonly catalog: ScenarioCatalog;
  /** The wall now (its displays become the scenario's). */
  readonly wall: () => WallState;
  /** The scenario overlay of a read-only workspace (the state folder), else null: the workspace's `scenarios/`. */
  readonly folder: string | null;
  readonly now?: () => number;
  /** Where failures that name server paths are logged. */
  readonly log?: (line: string) => void;
}

/** A new scenario's id: `saved-` and the time in base 36, with a suffix when a scenario or file has it already. */
function newScenarioId(now: number, isTaken: (id: string) => boolean): string {
  const base = `saved-${now.toString(36)}`;
  let id = base;
  for (let suffix = 2; isTaken(id); suffix++) id = `${base}-${suffix}`;
  return id;
}

/**
 * Builds the scenario the wall would be saved as and checks it as the workspace loader checks a file (schema,
 * every display, layouts, cameras, indicators). Pure, so the refusals are tested without a disk.
 */
export function scenarioFromWall(
  wall: WallState,
  request: SaveScenarioRequest,
  options: { workspace: Workspace; catalog: ScenarioCatalog; newId: () => string },
): { scenario: Scenario; isReplaced: boolean } {
  const name = request.name.trim();
  if (name.length === 0 || name.length > 40)
    throw new ProtocolError('bad-request', 'name: a scenario name has 1 to 40 characters');
  const existing = request.scenarioId === undefined ? undefined : options.catalog.get(request.scenarioId);
  if (request.scenarioId !== undefined && !existing)
    throw new ProtocolError('not-found', `unknown scenario '${request.scenarioId}'`);
  if (existing && !request.overwrite)
    throw new ProtocolError('rejected', `scenario '${existing.id}' exists: confirm to overwrite it`);
  const namesake = options.catalog
    .all()
    .find((scenario) => scenario.id !== existing?.id && scenario.name.zh === name);
  if (namesake)
    throw new ProtocolError('rejected', `名称已被场景 '${namesake.id}' 使用：请换一个名称或覆盖该场景`);
  const shown = options.catalog.get(wall.scenarioId);
  const base = existing ?? shown;
  const candidate = {
    version: scenarioFormatVersion,
    id: existing?.id ?? options.newId(),
    // A name left as it was keeps its English; a new one is used for both until someone translates it.
    name: existing && existing.name.zh === name ? existing.name : { zh: name, en: name },
    mode: base?.mode ?? 'normal',
    // Over an existing scenario its banner and triggers stay; a new one is suggested by nothing.
    ...(existing?.banner ? { banner: existing.banner } : {}),
    triggers: existing?.triggers ?? [],
    displays: structuredClone(wall.displays),
  };
  const parsed = scenarioSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ProtocolError('rejected', `${issue.path.map(String).join('.')}: ${issue.message}`);
  }
  const { workspace } = options;
  const cameraIds = new Set(workspace.cameras.cameras.map((camera) => camera.id));
  const indicatorIds = new Set(workspace.indicators.map((indicator) => indicator.id));
  const problem = checkScenario(parsed.data, {
    displayIds: workspace.wall.displays.map((display) => display.id),
    hasCamera: (id) => cameraIds.has(id),
    hasIndicator: (id) => indicatorIds.has(id),
  });
  if (problem) throw new ProtocolError('rejected', `${problem.field}: ${problem.problem}`);
  return { scenario: parsed.data, isReplaced: existing !== undefined };
}

/** Saves the wall as a scenario: checked, written atomically, then put in the catalog (which tells every console). */
export async function saveWallAsScenario(
  request: SaveScenarioRequest,
  options: SaveScenarioOptions,
): Promise<{ scenarioId: string; isReplaced: boolean }> {
  const { catalog, workspace } = options;
  const log = options.log ?? ((line: string) => console.error(`[core] ${line}`));
  const folder = options.folder ?? path.join(workspace.directory, 'scenarios');
  let names: string[];
  try {
    await mkdir(folder, { recursive: true });
    names = await readdir(folder);
  } catch (error) {
    log(`saving a scenario failed: ${(error as Error).message}`);
    throw new ProtocolError('internal', 'could not read the scenarios folder (see the core log)');
  }
  // A new id's file must be free, compared without case (one file on Windows and macOS).
  const files = new Set(names.map((name) => name.toLowerCase()));
  const { scenario, isReplaced } = scenarioFromWall(options.wall(), request, {
    workspace,
    catalog,
    newId: () =>
      newScenarioId(
        (options.now ?? Date.now)(),
        (id) => catalog.get(id) !== undefined || files.has(`${id}.json`),
      ),
  });
  // An existing scenario keeps its file, so one id never ends up in two files.
  const file = catalog.fileOf(scenario.id) ?? `${scenario.id}.json`;
  try {
    await writeFileAtomic(path.join(folder, file), `${JSON.stringify(scenario, null, 2)}\n`);
  } catch (error) {
    log(`saving scenario '${scenario.id}' failed: ${(error as Error).message}`);
    throw new ProtocolError('internal', 'could not write the scenario (see the core log)');
  }
  catalog.put([{ scenario, file }]);
  return { scenarioId: scenario.id, isReplaced };
}

/** `scenario.save`, one at a time: two saves at once could both find a name or an id free. */
export function scenarioSaveHandlers(options: SaveScenarioOptions): HandlerGroup<'scenario.save'> {
  let saving: Promise<unknown> = Promise.resolve();
  return {
    async 'scenario.save'(params) {
      const run = saving.then(() => saveWallAsScenario(params, options));
      saving = run.catch(() => undefined);
      return run;
    },
  };
}
