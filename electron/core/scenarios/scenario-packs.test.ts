/* eslint-disable @typescript-eslint/no-explicit-any -- packs are edited as raw JSON to break them */
import { afterEach, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, readdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWorkspace, type Workspace } from '../workspace/load-workspace';
import { ScenarioCatalog } from './scenario-catalog';
import { ScenarioPackError, exportScenarioPack, importScenarioPack } from './scenario-packs';

const demo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources/demo');
const copies: string[] = [];

/** A loaded copy of the demo workspace; `renames` moves scenario files (old → new name) before loading. */
async function demoCopy(
  renames: Record<string, string> = {},
): Promise<{ workspace: Workspace; catalog: ScenarioCatalog }> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'tianmu-packs-'));
  copies.push(directory);
  await cp(demo, directory, { recursive: true });
  for (const [from, to] of Object.entries(renames))
    await rename(path.join(directory, 'scenarios', from), path.join(directory, 'scenarios', to));
  const workspace = await loadWorkspace(directory);
  return { workspace, catalog: new ScenarioCatalog(workspace.scenarios, workspace.scenarioFiles) };
}

/** Every scenario file's bytes, to prove a refused import changed nothing. */
async function scenarioFiles(workspace: Workspace): Promise<Record<string, string>> {
  const folder = path.join(workspace.directory, 'scenarios');
  const names = (await readdir(folder)).sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await readFile(path.join(folder, name), 'utf8')])),
  );
}

async function refusal(promise: Promise<unknown>): Promise<ScenarioPackError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ScenarioPackError);
  return error as ScenarioPackError;
}

afterEach(async () => {
  await Promise.all(copies.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

describe('scenario packs', () => {
  it('export → import as a new scenario lands in the workspace and reloads', async () => {
    const { workspace, catalog } = await demoCopy();
    const pack = exportScenarioPack(catalog, workspace, ['fire']);
    expect(pack).toMatchObject({ format: 'tianmu-scenario-pack/1', scenarios: [{ id: 'fire' }] });
    const copy = {
      ...(pack.scenarios[0] as object),
      id: 'fire-drill',
      name: { zh: '火灾演练', en: 'Fire drill' },
    };
    const result = await importScenarioPack(JSON.stringify({ ...pack, scenarios: [copy] }), {
      workspace,
      catalog,
      replaceExisting: false,
    });
    expect(result).toEqual({ imported: ['fire-drill'], replaced: [] });
    expect(catalog.get('fire-drill')?.name.zh).toBe('火灾演练');
    const reloaded = await loadWorkspace(workspace.directory);
    expect(reloaded.scenarios.map((scenario) => scenario.id)).toContain('fire-drill');
  });

  it('imports a pack of version-1 scenarios (no version, no triggers) by migrating them', async () => {
    const { workspace, catalog } = await demoCopy();
    const { version: _version, triggers: _triggers, ...old } = catalog.get('daily')!;
    const text = JSON.stringify({
      format: 'tianmu-scenario-pack/1',
      exportedAt: '2026-01-01T00:00:00Z',
      scenarios: [{ ...old, id: 'old-daily' }],
    });
    await importScenarioPack(text, { workspace, catalog, replaceExisting: false });
    expect(catalog.get('old-daily')).toMatchObject({ version: 2, triggers: [] });
  });

  it('refuses bad packs naming the field, and leaves the existing scenarios byte-identical', async () => {
    const { workspace, catalog } = await demoCopy();
    const before = await scenarioFiles(workspace);
    const pack = exportScenarioPack(catalog, workspace);
    const attempt = (text: string, replaceExisting = false) =>
      refusal(importScenarioPack(text, { workspace, catalog, replaceExisting }));
    const withScenario = (index: number, edit: (scenario: Record<string, any>) => void) => {
      const copy = structuredClone(pack) as { scenarios: Record<string, any>[] };
      edit(copy.scenarios[index]!);
      return JSON.stringify(copy);
    };

    expect((await attempt('{"format": "tianmu-scenario-pack/1", ')).problem).toMatch(/not valid JSON/);
    expect((await attempt(JSON.stringify({ ...pack, format: 'zip' }))).field).toBe('format');
    expect((await attempt('x'.repeat(3 * 1024 * 1024))).problem).toMatch(/more than the 2097152 allowed/);
    const badRows = await attempt(
      withScenario(1, (scenario) => (scenario.displays.left.layout.rows = 'four')),
      true,
    );
    expect(badRows.field).toBe('scenarios.1.displays.left.layout.rows');
    expect(badRows.message).toMatch(/^scenario pack refused — scenarios\.1\.displays\.left\.layout\.rows: /);
    const unknownCamera = await attempt(
      withScenario(2, (scenario) => {
        scenario.displays.right.cells[0].options.cameraId = 'cam-7777';
        scenario.displays.right.cells[1].options.cameraId = 'cam-8888';
      }),
      true,
    );
    expect(unknownCamera.problem).toMatch(/unknown camera ids in scenario '[a-z-]+': cam-7777, cam-8888/);
    const clash = await attempt(JSON.stringify(pack));
    expect(clash.problem).toMatch(/exist already: daily, fire, flood-typhoon, large-crowd, major-event/);

    // The whole pack is refused even when only its last scenario is bad: nothing was written.
    expect(await scenarioFiles(workspace)).toEqual(before);
    expect(catalog.all()).toHaveLength(5);
  });

  it('replaces an existing scenario in its own file when asked to', async () => {
    const { workspace, catalog } = await demoCopy();
    const pack = exportScenarioPack(catalog, workspace, ['daily']);
    (pack.scenarios[0] as { banner?: object }).banner = { zh: '新版日常', en: 'New daily' };
    const result = await importScenarioPack(JSON.stringify(pack), {
      workspace,
      catalog,
      replaceExisting: true,
    });
    expect(result.replaced).toEqual(['daily']);
    const reloaded = await loadWorkspace(workspace.directory);
    expect(reloaded.scenarios.filter((scenario) => scenario.id === 'daily')).toHaveLength(1);
    expect(reloaded.scenarios.find((scenario) => scenario.id === 'daily')?.banner?.zh).toBe('新版日常');
  });

  /** A pack of one copy of the fire scenario under a new id. */
  function packWithId(catalog: ScenarioCatalog, workspace: Workspace, id: string): string {
    const pack = exportScenarioPack(catalog, workspace, ['fire']);
    return JSON.stringify({ ...pack, scenarios: [{ ...(pack.scenarios[0] as object), id }] });
  }

  it('refuses a new id whose file holds another scenario (the default one), writing nothing', async () => {
    // The loader accepts any file name: here the default scenario 'daily' lives in scenarios/main.json.
    const { workspace, catalog } = await demoCopy({ 'daily.json': 'main.json' });
    const before = await scenarioFiles(workspace);
    const error = await refusal(
      importScenarioPack(packWithId(catalog, workspace, 'main'), {
        workspace,
        catalog,
        replaceExisting: true,
      }),
    );
    expect(error.field).toBe('scenarios.0.id');
    expect(error.problem).toMatch(/scenarios\/main\.json.*holds scenario 'daily'/);
    expect(await scenarioFiles(workspace)).toEqual(before);
    expect(catalog.get('main')).toBeUndefined();
    // The core can still start: the default scenario is where it was.
    const reloaded = await loadWorkspace(workspace.directory);
    expect(reloaded.scenarios.find((scenario) => scenario.id === 'daily')).toEqual(catalog.get('daily'));
  });

  it('imports into an overlay folder of a read-only workspace: refuses a new id whose file a workspace scenario already has, and writes a valid one there', async () => {
    // 'daily' lives in the workspace's scenarios/main.json; the overlay is empty, so only the catalog knows the name.
    const { workspace, catalog } = await demoCopy({ 'daily.json': 'main.json' });
    const overlay = path.join(workspace.directory, '..', `${path.basename(workspace.directory)}-overlay`);
    copies.push(overlay);
    const before = await scenarioFiles(workspace);
    const options = { workspace, catalog, replaceExisting: true, folder: overlay };
    const error = await refusal(importScenarioPack(packWithId(catalog, workspace, 'main'), options));
    expect(error.problem).toMatch(/scenarios\/main\.json.*holds scenario 'daily'/);
    expect(await importScenarioPack(packWithId(catalog, workspace, 'night'), options)).toEqual({
      imported: ['night'],
      replaced: [],
    });
    expect(await readdir(overlay)).toEqual(['night.json']);
    expect(await scenarioFiles(workspace)).toEqual(before);
    const reloaded = await loadWorkspace(workspace.directory, { scenarioOverlay: overlay });
    expect(reloaded.scenarios.find((scenario) => scenario.id === 'night')).toEqual(catalog.get('night'));
  });

  it("refuses a new id whose file name differs only by case from another scenario's file", async () => {
    // On Windows and macOS night.json and Night.json are one file: writing it would replace 'fire'.
    const { workspace, catalog } = await demoCopy({ 'fire.json': 'Night.json' });
    const before = await scenarioFiles(workspace);
    const error = await refusal(
      importScenarioPack(packWithId(catalog, workspace, 'night'), {
        workspace,
        catalog,
        replaceExisting: false,
      }),
    );
    expect(error.field).toBe('scenarios.0.id');
    expect(error.problem).toMatch(/scenarios\/Night\.json.*holds scenario 'fire'/);
    expect(await scenarioFiles(workspace)).toEqual(before);
  });

  it.each(['con', 'nul', 'prn', 'aux', 'com1', 'com9', 'lpt1', 'lpt9'])(
    'refuses the Windows device name %s as a scenario id, writing nothing',
    async (id) => {
      const { workspace, catalog } = await demoCopy();
      const before = await scenarioFiles(workspace);
      const error = await refusal(
        importScenarioPack(packWithId(catalog, workspace, id), {
          workspace,
          catalog,
          replaceExisting: false,
        }),
      );
      expect(error.field).toBe('scenarios.0.id');
      expect(error.problem).toMatch(/Windows device name/);
      expect(await scenarioFiles(workspace)).toEqual(before);
    },
  );

  it('refuses __proto__ as an id, drops it as a display key, and keeps constructor an ordinary id', async () => {
    const { workspace, catalog } = await demoCopy();
    const before = await scenarioFiles(workspace);
    const importing = (text: string) =>
      importScenarioPack(text, { workspace, catalog, replaceExisting: false });
    expect((await refusal(importing(packWithId(catalog, workspace, '__proto__')))).field).toBe(
      'scenarios.0.id',
    );
    // A scenario without the wall's 'left' display but with a 'constructor' one names what is missing.
    const fire = JSON.parse(packWithId(catalog, workspace, 'fire-copy'));
    const { left, ...others } = fire.scenarios[0].displays;
    const renamed = {
      ...fire,
      scenarios: [{ ...fire.scenarios[0], displays: { ...others, constructor: left } }],
    };
    const missing = await refusal(importing(JSON.stringify(renamed)));
    expect(missing.field).toBe('scenarios.0.displays.left');
    expect(missing.problem).toMatch(/^missing/);
    expect(await scenarioFiles(workspace)).toEqual(before);

    // JSON.parse makes "__proto__" an own key; the schema drops it instead of setting a prototype with it.
    await importing(JSON.stringify(fire).replace('"displays":{', '"displays":{"__proto__":{"polluted":1},'));
    expect(Object.getPrototypeOf(catalog.get('fire-copy')!.displays)).toBe(Object.prototype);
    expect(await readFile(path.join(workspace.directory, 'scenarios/fire-copy.json'), 'utf8')).not.toMatch(
      /__proto__|polluted/,
    );
    await importing(packWithId(catalog, workspace, 'constructor'));
    expect(catalog.get('constructor')?.name).toEqual(catalog.get('fire')?.name);
    expect(catalog.get('toString')).toBeUndefined();
    const reloaded = await loadWorkspace(workspace.directory);
    expect(reloaded.scenarios.map((scenario) => scenario.id)).toContain('constructor');
  });
});
