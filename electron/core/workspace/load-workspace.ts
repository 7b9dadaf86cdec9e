// Loads and validates a workspace folder. Any bad file refuses the whole workspace: the core never half-starts.
import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import {
  cameraCatalogueSchema,
  platformListSchema,
  type CameraCatalogue,
  type Platform,
} from '@shared/model/camera';
import { indicatorCatalogueSchema, type Indicator } from '@shared/model/indicator';
import { sourceListSchema, sourceSchema, type Source } from '@shared/model/source';
import { scenarioSchema, wallSchema, type Scenario, type Wall } from '@shared/model/wall';
import {
  districtMapSchema,
  workspaceManifestSchema,
  type DistrictMap,
  type WorkspaceManifest,
} from '@shared/model/workspace';
import { migrateScenario } from '@shared/model/scenario-migrations';
import { usersFileSchema, type UsersFile } from '@shared/model/user';
import { WorkspaceError } from '../files/workspace-error';
import { FileKindError, maxJsonFileBytes, readTextFile } from '../files/read-text-file';
import { checkScenario } from './check-scenario';
import type { BaseMapCatalogue } from '@shared/model/base-map';
import { loadBaseMaps } from '../map/load-base-maps';
import { checkUsers } from '../auth/check-users';
import { workspaceCameraIds } from '../cameras/catalogue-ids';
import { scheduleFileSchema, type ScheduleFile } from '@shared/model/schedule';
import { checkSchedule } from '../schedules/check-schedule';

/** Everything the core reads from a workspace folder, validated and cross-checked. */
export interface Workspace {
  readonly directory: string;
  readonly manifest: WorkspaceManifest;
  readonly wall: Wall;
  readonly cameras: CameraCatalogue;
  readonly platforms: readonly Platform[];
  readonly indicators: readonly Indicator[];
  readonly scenarios: readonly Scenario[];
  /**
   * File of each scenario, relative to `scenarios/` or, for an imported one, to the scenario overlay (same order
   * as `scenarios`).
   */
  readonly scenarioFiles: readonly string[];
  readonly district: DistrictMap;
  /** The declared data sources (`sources.json`), or the demo source alone when the file is absent. */
  readonly sources: readonly Source[];
  /** From the optional `basemaps.json` (default: the district's own vector map). */
  readonly baseMaps: BaseMapCatalogue;
  /** From the optional `users.json`; null when the workspace has none (the hosts decide what that means). */
  readonly users: UsersFile | null;
  /** From the optional `schedules.json`; null when the workspace has none (nothing follows the clock). */
  readonly schedules: ScheduleFile | null;
}

async function readJson(directory: string, file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readTextFile(path.join(directory, file), maxJsonFileBytes);
  } catch (error) {
    if (error instanceof FileKindError) throw new WorkspaceError(file, '', error.message);
    const code = (error as NodeJS.ErrnoException).code;
    throw new WorkspaceError(
      file,
      '',
      code === 'ENOENT' ? 'file is missing' : `cannot be read (${code ?? error})`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new WorkspaceError(file, '', `not valid JSON (${(error as Error).message})`);
  }
}

/** Parses one file with its schema; the first issue becomes a WorkspaceError naming the field. */
function parseWith<T extends z.ZodType>(file: string, schema: T, data: unknown): z.output<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : '';
  throw new WorkspaceError(file, issue.path.map(String).join('.'), issue.message + more);
}

/** `sources.json` is optional: without it the embedded demo is the one source (the out-of-the-box wall). */
async function loadSources(directory: string): Promise<Source[]> {
  try {
    await access(path.join(directory, 'sources.json'));
  } catch {
    return [sourceSchema.parse({ id: 'demo', kind: 'demo' })];
  }
  return (await loadFile(directory, 'sources.json', sourceListSchema)).sources;
}

/** An optional file: its parsed content, or null when the workspace has none. */
async function loadOptional<T extends z.ZodType>(
  directory: string,
  file: string,
  schema: T,
): Promise<z.output<T> | null> {
  try {
    await access(path.join(directory, file));
  } catch {
    return null;
  }
  return loadFile(directory, file, schema);
}

/** `users.json` is optional: without it the workspace has no users. */
async function loadUsers(directory: string): Promise<UsersFile | null> {
  try {
    await access(path.join(directory, 'users.json'));
  } catch {
    return null;
  }
  return loadFile(directory, 'users.json', usersFileSchema);
}

export async function loadFile<T extends z.ZodType>(
  directory: string,
  file: string,
  schema: T,
  migrate: (raw: unknown) => unknown = (raw) => raw,
): Promise<z.output<T>> {
  return parseWith(file, schema, migrate(await readJson(directory, file)));
}

/** How error messages name the scenario overlay's files (it lies outside the workspace). */
export const scenarioOverlayLabel = 'imported scenarios/';

export interface LoadWorkspaceOptions {
  /**
   * A folder of imported scenarios kept outside a read-only workspace (see writable-paths.ts), read after its
   * `scenarios/`: a scenario there replaces the workspace's one of the same id. A missing folder holds none.
   */
  readonly scenarioOverlay?: string | null;
}

/** The overlay's scenario files, each loaded and named as `imported scenarios/<file>` in errors. */
async function loadScenarioOverlay(folder: string): Promise<{ scenario: Scenario; file: string }[]> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    throw new WorkspaceError(scenarioOverlayLabel, '', `cannot be read (${code ?? error})`);
  }
  const loaded: { scenario: Scenario; file: string }[] = [];
  for (const name of names) {
    try {
      loaded.push({ scenario: await loadFile(folder, name, scenarioSchema, migrateScenario), file: name });
    } catch (error) {
      if (!(error instanceof WorkspaceError)) throw error;
      throw new WorkspaceError(`${scenarioOverlayLabel}${name}`, error.field, error.problem);
    }
  }
  return loaded;
}

/** Reads every file, then checks references between files (scenario → display, camera, indicator). */
export async function loadWorkspace(
  directory: string,
  options: LoadWorkspaceOptions = {},
): Promise<Workspace> {
  const manifest = await loadFile(directory, 'workspace.json', workspaceManifestSchema);
  const wall = await loadFile(directory, 'wall.json', wallSchema);
  const cameras = await loadFile(directory, 'cameras.json', cameraCatalogueSchema);
  const { platforms } = await loadFile(directory, 'platforms.json', platformListSchema);
  const { indicators } = await loadFile(directory, 'indicators.json', indicatorCatalogueSchema);
  const district = await loadFile(directory, 'district.geojson', districtMapSchema);
  const sources = await loadSources(directory);
  const baseMaps = await loadBaseMaps(directory);
  const users = await loadUsers(directory);
  const schedules = await loadOptional(directory, 'schedules.json', scheduleFileSchema);

  let scenarioFiles: string[];
  try {
    scenarioFiles = (await readdir(path.join(directory, 'scenarios')))
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch {
    throw new WorkspaceError('scenarios/', '', 'folder is missing');
  }
  if (scenarioFiles.length === 0) throw new WorkspaceError('scenarios/', '', 'holds no scenario file');
  const scenarios: Scenario[] = [];
  for (const name of scenarioFiles) {
    scenarios.push(await loadFile(directory, `scenarios/${name}`, scenarioSchema, migrateScenario));
  }
  const fileLabels = scenarioFiles.map((name) => `scenarios/${name}`);
  const overlaid = new Set<string>();
  for (const { scenario, file } of options.scenarioOverlay
    ? await loadScenarioOverlay(options.scenarioOverlay)
    : []) {
    const label = `${scenarioOverlayLabel}${file}`;
    if (overlaid.has(scenario.id))
      throw new WorkspaceError(label, 'id', `duplicate scenario id '${scenario.id}'`);
    overlaid.add(scenario.id);
    // An imported scenario wins over the workspace's own of that id, in its place in the list.
    const index = scenarios.findIndex((existing) => existing.id === scenario.id);
    const at = index === -1 ? scenarios.length : index;
    scenarios[at] = scenario;
    scenarioFiles[at] = file;
    fileLabels[at] = label;
  }

  const workspace: Workspace = {
    directory,
    manifest,
    wall,
    cameras,
    platforms,
    indicators,
    scenarios,
    scenarioFiles,
    district,
    sources,
    baseMaps,
    users,
    schedules,
  };
  checkReferences(workspace, fileLabels);
  return workspace;
}

function checkUnique(file: string, field: string, ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const [index, id] of ids.entries()) {
    if (seen.has(id)) throw new WorkspaceError(file, `${field}.${index}.id`, `duplicate id '${id}'`);
    seen.add(id);
  }
}

/** `fileLabels[i]` names the file of `workspace.scenarios[i]` in errors. */
function checkReferences(workspace: Workspace, fileLabels: readonly string[]): void {
  checkUnique(
    'wall.json',
    'displays',
    workspace.wall.displays.map((display) => display.id),
  );
  checkUnique(
    'cameras.json',
    'cameras',
    workspace.cameras.cameras.map((camera) => camera.id),
  );
  checkUnique(
    'indicators.json',
    'indicators',
    workspace.indicators.map((indicator) => indicator.id),
  );
  checkUnique(
    'platforms.json',
    'platforms',
    workspace.platforms.map((platform) => platform.id),
  );

  checkUnique(
    'sources.json',
    'sources',
    workspace.sources.map((source) => source.id),
  );

  const usersProblem = workspace.users && checkUsers(workspace.users.users, workspace.district);
  if (usersProblem) throw new WorkspaceError('users.json', usersProblem.field, usersProblem.problem);

  const platformIds = new Set(workspace.platforms.map((platform) => platform.id));
  for (const [index, camera] of workspace.cameras.cameras.entries()) {
    if (!platformIds.has(camera.platform)) {
      throw new WorkspaceError(
        'cameras.json',
        `cameras.${index}.platform`,
        `unknown platform '${camera.platform}'`,
      );
    }
  }

  // A listing platform's cameras may be named before it lists them (see catalogue-ids.ts).
  const hasCamera = workspaceCameraIds(
    workspace.cameras.cameras.map((camera) => camera.id),
    workspace.platforms,
  );
  const indicatorIds = new Set(workspace.indicators.map((indicator) => indicator.id));
  for (const [index, source] of workspace.sources.entries()) {
    if (source.kind !== 'demo') continue;
    for (const field of ['include', 'exclude'] as const) {
      for (const [position, id] of (source[field] ?? []).entries()) {
        if (!indicatorIds.has(id)) {
          throw new WorkspaceError(
            'sources.json',
            `sources.${index}.${field}.${position}`,
            `unknown indicator '${id}'`,
          );
        }
      }
    }
  }
  const displayIds = workspace.wall.displays.map((display) => display.id);
  const scenarioIds = new Set<string>();

  for (const [fileIndex, scenario] of workspace.scenarios.entries()) {
    const file = fileLabels[fileIndex]!;
    if (scenarioIds.has(scenario.id))
      throw new WorkspaceError(file, 'id', `duplicate scenario id '${scenario.id}'`);
    scenarioIds.add(scenario.id);
    const problem = checkScenario(scenario, {
      displayIds,
      hasCamera,
      hasIndicator: (id) => indicatorIds.has(id),
    });
    if (problem) throw new WorkspaceError(file, problem.field, problem.problem);
  }
  if (!scenarioIds.has(workspace.manifest.defaultScenario)) {
    throw new WorkspaceError(
      'workspace.json',
      'defaultScenario',
      `no scenario has id '${workspace.manifest.defaultScenario}'`,
    );
  }
  for (const [index, id] of (workspace.manifest.automaticSwitching ?? []).entries()) {
    if (!scenarioIds.has(id))
      throw new WorkspaceError('workspace.json', `automaticSwitching.${index}`, `no scenario has id '${id}'`);
  }
  const scheduleProblem =
    workspace.schedules && checkSchedule(workspace.schedules, (id) => scenarioIds.has(id));
  if (scheduleProblem)
    throw new WorkspaceError('schedules.json', scheduleProblem.field, scheduleProblem.problem);
}
