// The switch bench's workspace: a copy of the demo district whose only scenarios are two 16 + 16 video walls
// with no camera in common, so every tile of every switch starts a new player.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../../shared/model/wall';
import type { Camera } from '../../../shared/model/camera';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface BenchWorkspace {
  readonly workspaceDir: string;
  readonly stateDir: string;
  /** Scenario id → display id → the camera ids it shows. */
  readonly cameras: Record<string, Record<string, string[]>>;
  remove(): Promise<void>;
}

const displays = ['left', 'right'];
const tilesPerDisplay = 16;

export async function createBenchWorkspace(): Promise<BenchWorkspace> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'tianmu-bench-switch-'));
  const workspaceDir = path.join(base, 'workspace');
  await cp(path.join(root, 'resources', 'demo'), workspaceDir, {
    recursive: true,
    // Without users.json the console URL carries the local administrator's ticket the bench switches with
    // (a copied workspace with users would start its console at the login page: a 401 for the bench).
    filter: (source) =>
      !source.includes(`${path.sep}.state`) &&
      !source.includes(`${path.sep}scenarios${path.sep}`) &&
      path.basename(source) !== 'users.json',
  });
  const catalogue = JSON.parse(await readFile(path.join(workspaceDir, 'cameras.json'), 'utf8')) as {
    cameras: Camera[];
  };
  const online = catalogue.cameras.filter((camera) => camera.isOnline).map((camera) => camera.id);
  const needed = 2 * displays.length * tilesPerDisplay;
  if (online.length < needed) throw new Error(`bench: ${online.length} online cameras, ${needed} needed`);

  const cameras: BenchWorkspace['cameras'] = {};
  let next = 0;
  for (const id of ['bench-a', 'bench-b']) {
    cameras[id] = {};
    const scenario: Scenario = {
      version: 2,
      id,
      name: { zh: id === 'bench-a' ? '测速甲' : '测速乙', en: id },
      mode: 'normal',
      triggers: [],
      displays: {},
    };
    for (const displayId of displays) {
      const ids = online.slice(next, next + tilesPerDisplay);
      next += tilesPerDisplay;
      cameras[id]![displayId] = ids;
      scenario.displays[displayId] = {
        layout: { rows: 4, columns: 4, merges: [] },
        cells: ids.map((cameraId) => ({ kind: 'video.camera', options: { cameraId, profile: 'auto' } })),
      };
    }
    await writeFile(path.join(workspaceDir, 'scenarios', `${id}.json`), JSON.stringify(scenario, null, 2));
  }
  const manifestPath = path.join(workspaceDir, 'workspace.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  await writeFile(manifestPath, JSON.stringify({ ...manifest, defaultScenario: 'bench-a' }, null, 2));
  return {
    workspaceDir,
    stateDir: path.join(base, 'state'),
    cameras,
    remove: () => rm(base, { recursive: true, force: true }),
  };
}
