// Scenario packs: export a set of scenarios as one file; import one after checking all of it (size, JSON,
// schema, references, unknown cameras, id clashes), writing into the workspace only once everything passed,
// each file atomically — so a bad pack never damages the scenarios already there.
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { scenarioSchema, type Scenario } from '@shared/model/wall';
import { migrateScenario } from '@shared/model/scenario-migrations';
import {
  maxScenarioPackBytes,
  scenarioPackFormat,
  scenarioPackSchema,
  type ScenarioPack,
} from '@shared/model/scenario-pack';
import { ProtocolError } from '@shared/protocol/envelope';
import type { Workspace } from '../workspace/load-workspace';
import { checkScenario, unknownCameras } from '../workspace/check-scenario';
import { writeFilesAtomic } from '../files/atomic-file';
import { workspaceCameraIds } from '../cameras/catalogue-ids';
import type { ScenarioCatalog } from './scenario-catalog';

/** A refused pack: `field` is the dotted path of the bad field inside the pack ('' for the whole file). */
export class ScenarioPackError extends ProtocolError {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super('rejected', `scenario pack refused — ${field ? `${field}: ` : ''}${problem}`);
  }
}

export function exportScenarioPack(
  catalog: ScenarioCatalog,
  workspace: Workspace,
  scenarioIds?: readonly string[],
  now: Date = new Date(),
): ScenarioPack {
  const scenarios = (scenarioIds ?? catalog.all().map((scenario) => scenario.id)).map((id) => {
    const scenario = catalog.get(id);
    if (!scenario) throw new ProtocolError('not-found', `unknown scenario '${id}'`);
    return scenario;
  });
  if (scenarios.length === 0) throw new ProtocolError('rejected', 'a pack needs at least one scenario');
  return {
    format: scenarioPackFormat,
    exportedAt: now.toISOString(),
    source: workspace.manifest.district,
    scenarios,
  };
}

/** Checks a pack's text completely; returns its scenarios (migrated to the current format) or throws. */
export function parseScenarioPack(text: string, workspace: Workspace): Scenario[] {
  // Windows editors save JSON with a byte order mark; it is no part of the JSON.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxScenarioPackBytes) {
    throw new ScenarioPackError(
      '',
      `the file is ${bytes} bytes, more than the ${maxScenarioPackBytes} allowed`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ScenarioPackError('', `not valid JSON (${(error as Error).message})`);
  }
  const pack = scenarioPackSchema.safeParse(data);
  if (!pack.success) {
    const issue = pack.error.issues[0]!;
    throw new ScenarioPackError(issue.path.map(String).join('.'), issue.message);
  }
  const hasCamera = workspaceCameraIds(
    workspace.cameras.cameras.map((camera) => camera.id),
    workspace.platforms,
  );
  const indicatorIds = new Set(workspace.indicators.map((indicator) => indicator.id));
  const references = {
    displayIds: workspace.wall.displays.map((display) => display.id),
    hasCamera,
    hasIndicator: (id: string) => indicatorIds.has(id),
  };
  const seen = new Set<string>();
  return pack.data.scenarios.map((raw, index) => {
    const at = `scenarios.${index}`;
    const parsed = scenarioSchema.safeParse(migrateScenario(raw));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ScenarioPackError([at, ...issue.path.map(String)].join('.'), issue.message);
    }
    const scenario = parsed.data;
    if (seen.has(scenario.id))
      throw new ScenarioPackError(`${at}.id`, `duplicate scenario id '${scenario.id}'`);
    seen.add(scenario.id);
    // Unknown cameras are listed all at once: the integrator maps them in one go, not one per attempt.
    const unknown = unknownCameras(scenario, references.hasCamera);
    if (unknown.length > 0) {
      throw new ScenarioPackError(
        `${at}.displays`,
        `unknown camera ids in scenario '${scenario.id}': ${unknown.join(', ')}`,
      );
    }
    const problem = checkScenario(scenario, references);
    if (problem) throw new ScenarioPackError(`${at}.${problem.field}`, problem.problem);
    return scenario;
  });
}

/** Pretty JSON as the workspace's own scenario files are written (Prettier-compatible for objects). */
function scenarioText(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

/**
 * Imports a pack into the scenarios folder and the catalog. Every scenario is checked and written to a
 * temporary file first; only then are the files renamed into the folder — the workspace's `scenarios/`, or the
 * scenario overlay of a read-only workspace (see workspace/writable-paths.ts).
 */
export async function importScenarioPack(
  text: string,
  options: {
    workspace: Workspace;
    catalog: ScenarioCatalog;
    replaceExisting: boolean;
    /** The scenario overlay to write to, created when missing (default: the workspace's `scenarios/`). */
    folder?: string | null;
    /** Where failures that name server paths are logged (default: the console). */
    log?: (line: string) => void;
  },
): Promise<{ imported: string[]; replaced: string[] }> {
  const { workspace, catalog } = options;
  const scenarios = parseScenarioPack(text, workspace);
  const clashes = scenarios.filter((scenario) => catalog.get(scenario.id)).map((scenario) => scenario.id);
  if (clashes.length > 0 && !options.replaceExisting) {
    throw new ScenarioPackError(
      'scenarios',
      `scenarios with these ids exist already: ${clashes.join(', ')} (import with "replace" to overwrite them)`,
    );
  }
  const folder = options.folder ?? path.join(workspace.directory, 'scenarios');
  if (options.folder) {
    await mkdir(options.folder, { recursive: true }).catch((error: unknown) => {
      (options.log ?? logToConsole)(`scenario pack import failed: ${(error as Error).message}`);
      throw new ProtocolError('internal', 'could not create the scenarios folder (see the core log)');
    });
  }
  // An existing scenario keeps its file name, so one id never ends up in two files.
  const entries = scenarios.map((scenario) => ({
    scenario,
    file: catalog.fileOf(scenario.id) ?? `${scenario.id}.json`,
  }));
  await checkNewFiles(folder, entries, catalog, options.log ?? logToConsole);
  try {
    await writeFilesAtomic(
      entries.map((entry) => ({
        target: path.join(folder, entry.file),
        content: scenarioText(entry.scenario),
      })),
    );
  } catch (error) {
    // The detail names server paths: it goes to the log, the console gets the short answer.
    (options.log ?? logToConsole)(`scenario pack import failed: ${(error as Error).message}`);
    throw new ProtocolError('internal', 'could not write the scenarios (see the core log)');
  }
  catalog.put(entries);
  return { imported: scenarios.map((scenario) => scenario.id), replaced: clashes };
}

function logToConsole(line: string): void {
  console.error(`[core] ${line}`);
}

/**
 * A new scenario is written to `scenarios/<id>.json`, but the loader accepts any file name: that name may be
 * another scenario's file, or differ from one only by case (one file on Windows and macOS). Refuses such an
 * id before anything is written, naming the pack field and the file.
 */
async function checkNewFiles(
  folder: string,
  entries: readonly { scenario: Scenario; file: string }[],
  catalog: ScenarioCatalog,
  log: (line: string) => void,
): Promise<void> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    log(`scenario pack import failed: ${(error as Error).message}`);
    throw new ProtocolError('internal', 'could not read the scenarios folder (see the core log)');
  }
  const holders = new Map(catalog.all().map((scenario) => [catalog.fileOf(scenario.id), scenario.id]));
  // An overlay's scenario is named by the catalog even where no file of that name is in the folder yet.
  const files = [...names, ...[...holders.keys()].filter((file) => file !== undefined)];
  const byLowerCase = new Map(files.map((name) => [name.toLowerCase(), name]));
  for (const [index, { scenario, file }] of entries.entries()) {
    if (catalog.get(scenario.id)) continue; // replaced in its own file
    const taken = byLowerCase.get(file.toLowerCase());
    if (taken === undefined) continue;
    const holder = holders.get(taken);
    throw new ScenarioPackError(
      `scenarios.${index}.id`,
      `'${scenario.id}' would be written to scenarios/${taken}, which ` +
        (holder === undefined ? 'exists already' : `holds scenario '${holder}'`) +
        ': give the scenario another id',
    );
  }
}
