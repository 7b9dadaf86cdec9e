// The scenario overlay: imported scenarios kept outside a read-only workspace, read after its own and winning.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWorkspace } from './load-workspace';
import { WorkspaceError } from '../files/workspace-error';

const demo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources/demo');
const folders: string[] = [];

/** An empty overlay folder (in a temp folder of its own); `files` are written into it. */
async function overlayWith(files: Record<string, string>): Promise<string> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'tianmu-overlay-'));
  folders.push(base);
  const overlay = path.join(base, 'scenarios');
  await mkdir(overlay);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(overlay, name), text);
  return overlay;
}

/** The demo's scenario `id` as text, with `change` applied. */
async function demoScenario(
  id: string,
  change: (scenario: Record<string, unknown>) => void,
): Promise<string> {
  const scenario = JSON.parse(await readFile(path.join(demo, 'scenarios', `${id}.json`), 'utf8'));
  change(scenario);
  return JSON.stringify(scenario);
}

afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('loadWorkspace with a scenario overlay', () => {
  it('an imported scenario replaces the workspace one of its id in its place, and a new one is added', async () => {
    const overlay = await overlayWith({
      'daily.json': await demoScenario('daily', (scenario) => {
        scenario.name = { zh: '导入的日常', en: 'Imported daily' };
      }),
      'night.json': await demoScenario('daily', (scenario) => {
        scenario.id = 'night';
      }),
    });
    const plain = await loadWorkspace(demo);
    const workspace = await loadWorkspace(demo, { scenarioOverlay: overlay });
    const ids = workspace.scenarios.map((scenario) => scenario.id);
    expect(ids).toEqual([...plain.scenarios.map((scenario) => scenario.id), 'night']);
    const daily = ids.indexOf('daily');
    expect(workspace.scenarios[daily]!.name.en).toBe('Imported daily');
    expect(workspace.scenarioFiles[daily]).toBe('daily.json');
    expect(workspace.scenarioFiles.at(-1)).toBe('night.json');
  });

  it('a missing overlay folder holds no scenario', async () => {
    const overlay = path.join(await overlayWith({}), 'not-there');
    const workspace = await loadWorkspace(demo, { scenarioOverlay: overlay });
    expect(workspace.scenarios.length).toBe((await loadWorkspace(demo)).scenarios.length);
  });

  it('refuses a bad imported scenario, naming it as an imported scenario file and its field', async () => {
    const overlay = await overlayWith({
      'fire.json': await demoScenario('fire', (scenario) => {
        scenario.name = 42;
      }),
    });
    const error = await loadWorkspace(demo, { scenarioOverlay: overlay }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkspaceError);
    expect((error as WorkspaceError).file).toBe('imported scenarios/fire.json');
    expect((error as WorkspaceError).field).toBe('name');
    expect((error as WorkspaceError).message).toMatch(/^imported scenarios\/fire\.json → name: /);
  });

  it('refuses two imported files with one scenario id, naming the second', async () => {
    const night = await demoScenario('daily', (scenario) => {
      scenario.id = 'night';
    });
    const overlay = await overlayWith({ 'night.json': night, 'night-2.json': night });
    const error = await loadWorkspace(demo, { scenarioOverlay: overlay }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkspaceError);
    expect((error as WorkspaceError).message).toBe(
      "imported scenarios/night.json → id: duplicate scenario id 'night'",
    );
  });
});
