// Loads and validates a workspace folder. Any bad file refuses the whole workspace: the core never half-starts.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import {
  cameraCatalogueSchema,
  platformListSchema,
  type CameraCatalogue,
  type Platform,
} from '@shared/model/camera';
import { indicatorCatalogueSchema, type Indicator } from '@shared/model/indicator';
import { scenarioSchema, wallSchema, type Scenario, type Wall } from '@shared/model/wall';
import {
  districtMapSchema,
  workspaceManifestSchema,
  type DistrictMap,
  type WorkspaceManifest,
} from '@shared/model/workspace';
import { checkLayout, layoutCells } from '@shared/layout/grid';
import { WorkspaceError } from './workspace-error';

/** Everything the core reads from a workspace folder, validated and cross-checked. */
export interface Workspace {
  readonly directory: string;
  readonly manifest: WorkspaceManifest;
  readonly wall: Wall;
  readonly cameras: CameraCatalogue;
  readonly platforms: readonly Platform[];
  readonly indicators: readonly Indicator[];
  readonly scenarios: readonly Scenario[];
  readonly district: DistrictMap;
}

const maxFileBytes = 32 * 1024 * 1024;

async function readJson(directory: string, file: string): Promise<unknown> {
  const full = path.join(directory, file);
  let text: string;
  try {
    const buffer = await readFile(full);
    if (buffer.byteLength > maxFileBytes)
      throw new WorkspaceError(file, '', `larger than ${maxFileBytes} bytes`);
    text = buffer.toString('utf8');
  } catch (error) {
    if (error instanceof WorkspaceError) throw error;
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

async function loadFile<T extends z.ZodType>(
  directory: string,
  file: string,
  schema: T,
): Promise<z.output<T>> {
  return parseWith(file, schema, await readJson(directory, file));
}

/** Reads every file, then checks references between files (scenario → display, camera, indicator). */
export async function loadWorkspace(directory: string): Promise<Workspace> {
  const manifest = await loadFile(directory, 'workspace.json', workspaceManifestSchema);
  const wall = await loadFile(directory, 'wall.json', wallSchema);
  const cameras = await loadFile(directory, 'cameras.json', cameraCatalogueSchema);
  const { platforms } = await loadFile(directory, 'platforms.json', platformListSchema);
  const { indicators } = await loadFile(directory, 'indicators.json', indicatorCatalogueSchema);
  const district = await loadFile(directory, 'district.geojson', districtMapSchema);

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
    scenarios.push(await loadFile(directory, `scenarios/${name}`, scenarioSchema));
  }

  const workspace: Workspace = {
    directory,
    manifest,
    wall,
    cameras,
    platforms,
    indicators,
    scenarios,
    district,
  };
  checkReferences(workspace, scenarioFiles);
  return workspace;
}

function checkUnique(file: string, field: string, ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const [index, id] of ids.entries()) {
    if (seen.has(id)) throw new WorkspaceError(file, `${field}.${index}.id`, `duplicate id '${id}'`);
    seen.add(id);
  }
}

function checkReferences(workspace: Workspace, scenarioFiles: readonly string[]): void {
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

  const cameraIds = new Set(workspace.cameras.cameras.map((camera) => camera.id));
  const indicatorIds = new Set(workspace.indicators.map((indicator) => indicator.id));
  const displayIds = workspace.wall.displays.map((display) => display.id);
  const scenarioIds = new Set<string>();

  for (const [fileIndex, scenario] of workspace.scenarios.entries()) {
    const file = `scenarios/${scenarioFiles[fileIndex]}`;
    if (scenarioIds.has(scenario.id))
      throw new WorkspaceError(file, 'id', `duplicate scenario id '${scenario.id}'`);
    scenarioIds.add(scenario.id);
    for (const displayId of displayIds) {
      if (!scenario.displays[displayId]) {
        throw new WorkspaceError(
          file,
          `displays.${displayId}`,
          'missing: every display of the wall needs content',
        );
      }
    }
    for (const [displayId, content] of Object.entries(scenario.displays)) {
      const at = `displays.${displayId}`;
      if (!displayIds.includes(displayId)) throw new WorkspaceError(file, at, 'no such display in wall.json');
      const problem = checkLayout(content.layout);
      if (problem)
        throw new WorkspaceError(file, `${at}.layout.${problem.split(':')[0]}`, problem.split(': ')[1]!);
      const cellCount = layoutCells(content.layout).length;
      if (content.cells.length !== cellCount) {
        throw new WorkspaceError(
          file,
          `${at}.cells`,
          `the layout has ${cellCount} cells but ${content.cells.length} are given`,
        );
      }
      for (const [cellIndex, widget] of content.cells.entries()) {
        const cellAt = `${at}.cells.${cellIndex}.options`;
        if (widget.kind === 'video.camera' && !cameraIds.has(widget.options.cameraId)) {
          throw new WorkspaceError(file, `${cellAt}.cameraId`, `unknown camera '${widget.options.cameraId}'`);
        }
        if (widget.kind === 'video.patrol') {
          for (const [position, id] of widget.options.cameraIds.entries()) {
            if (!cameraIds.has(id))
              throw new WorkspaceError(file, `${cellAt}.cameraIds.${position}`, `unknown camera '${id}'`);
          }
        }
        if (widget.kind === 'vitals.trend' || widget.kind === 'vitals.kpi') {
          for (const [position, id] of widget.options.indicatorIds.entries()) {
            if (!indicatorIds.has(id)) {
              throw new WorkspaceError(
                file,
                `${cellAt}.indicatorIds.${position}`,
                `unknown indicator '${id}'`,
              );
            }
          }
        }
      }
    }
  }
  if (!scenarioIds.has(workspace.manifest.defaultScenario)) {
    throw new WorkspaceError(
      'workspace.json',
      'defaultScenario',
      `no scenario has id '${workspace.manifest.defaultScenario}'`,
    );
  }
}
