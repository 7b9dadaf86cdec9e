// A core with a listing camera platform (a FakeConnector as its wvp): its cameras beside cameras.json's, their
// status pushed to windows, on-demand streams held per window, online rates, a scenario naming an unlisted one.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeConnector, fakePlatformCameras } from '../../tests/support/fake-connector';
import { tempDemoWorkspace, type TempWorkspace } from '../../tests/support/temp-workspace';
import { createCore, type Core } from './index';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const wvpPlatform = {
  id: 'wvp',
  name: '视频联网平台',
  vendor: 'wvp',
  kind: 'ws-flv',
  connector: {
    type: 'wvp',
    baseUrl: 'http://10.0.0.5:18080',
    username: 'admin',
    password: { env: 'WVP_PASSWORD' },
    areas: {
      civilCodes: { '330106': 'waitan' },
      businessGroups: { 'bg-east': 'waitan-08' },
      fallback: { street: 'waitan', grid: 'waitan-01' },
    },
    streamOrigins: ['ws://10.0.0.5:80'],
  },
};

let workspace: TempWorkspace | undefined;
let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  await workspace?.remove();
  core = undefined;
  workspace = undefined;
});

async function startWith(connector: FakeConnector): Promise<Core> {
  workspace = await tempDemoWorkspace();
  const platformsFile = path.join(workspace.workspaceDir, 'platforms.json');
  const platforms = JSON.parse(await readFile(platformsFile, 'utf8'));
  platforms.platforms.push(wvpPlatform);
  await writeFile(platformsFile, JSON.stringify(platforms));
  core = await createCore(workspace.workspaceDir, {
    clipsDir: path.join(root, 'resources/media/clips'),
    accessToken: null,
    stateDir: workspace.stateDir,
    log: () => undefined,
    extraMediaPorts: 0,
    cameraConnector: (platform) => (platform.id === 'wvp' ? connector : undefined),
  });
  return core;
}

/** Resolves once the platform has been listed (the core lists in the background after its start). */
async function listed(connector: FakeConnector): Promise<void> {
  while (connector.pagesListed === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('core with a camera platform', () => {
  it('lists platform cameras with their status beside cameras.json, and pushes a status flip to windows', async () => {
    const connector = new FakeConnector({ platformId: 'wvp', cameras: fakePlatformCameras(3) });
    const started = await startWith(connector);
    await listed(connector);
    const events: [string, unknown][] = [];
    const session = started.connect((name, payload) => events.push([name, payload]));
    const answer = (await session.request('cameras.get', {
      ids: ['cam-0001', 'wvp-34020000001320000001'],
    })) as {
      cameras: { id: string; status: string; street: string; grid: string }[];
    };
    expect(answer.cameras.map((camera) => [camera.id, camera.status, camera.street, camera.grid])).toEqual([
      ['cam-0001', 'online', 'waitan', 'waitan-08'],
      ['wvp-34020000001320000001', 'online', 'waitan', 'waitan-08'],
    ]);
    connector.reportStatus([{ platformCameraId: '34020000001320000001', status: 'offline' }]);
    await new Promise((resolve) => setTimeout(resolve, 700)); // one status batch (500 ms)
    expect(events).toContainEqual([
      'cameras.statusChanged',
      { changes: [{ cameraId: 'wvp-34020000001320000001', status: 'offline' }] },
    ]);
    const rates = (await session.request('cameras.onlineRates', {})) as {
      areas: { kind: string; id: string; offline: number }[];
      platforms: { platformId: string; state: string; cameras: number }[];
    };
    expect(rates.platforms).toEqual([
      expect.objectContaining({ platformId: 'wvp', state: 'connected', cameras: 3 }),
    ]);
    expect(
      rates.areas.find((area) => area.kind === 'grid' && area.id === 'waitan-08')!.offline,
    ).toBeGreaterThanOrEqual(1);
  });

  it('holds an on-demand stream for a window and stops it at the platform only after every window let go', async () => {
    const connector = new FakeConnector({
      platformId: 'wvp',
      cameras: fakePlatformCameras(2),
      capabilities: { onDemandLive: true },
    });
    const started = await startWith(connector);
    await listed(connector);
    const wall = started.connect(() => undefined);
    const console = started.connect(() => undefined);
    const params = { cameraId: 'wvp-34020000001320000002', profile: 'sub' };
    const resolved = (await wall.request('media.resolve', params)) as { url: string; isHeld?: boolean };
    expect(resolved.url).toBe('ws://platform.test/rtp/34020000001320000002_sub.live.flv');
    expect(resolved.isHeld).toBe(true);
    await console.request('media.resolve', params);
    expect(connector.opened).toEqual(['34020000001320000002/sub']);
    await wall.request('media.release', params);
    console.close();
    // Within the 10 s grace nothing is stopped; closing the core releases what is left.
    expect(connector.released).toEqual([]);
    await started.close();
    core = undefined;
    expect(connector.released).toEqual(['34020000001320000002/sub']);
  });

  it('puts a camera of a platform that is down (not listed yet) on the wall instead of refusing it', async () => {
    const connector = new FakeConnector({ platformId: 'wvp', cameras: [] });
    connector.isDown = true;
    const started = await startWith(connector);
    const session = started.connect(() => undefined);
    await session.request('wall.command', {
      command: { type: 'camera.show', cameraId: 'wvp-34020000001329999999', displayId: 'left', cellIndex: 0 },
    });
    expect(JSON.stringify(started.wall.state.displays)).toContain('wvp-34020000001329999999');
    // Its tile asks for the stream and hears that the camera is not known (yet): it shows the fault.
    await expect(
      session.request('media.resolve', { cameraId: 'wvp-34020000001329999999', profile: 'sub' }),
    ).rejects.toThrow("unknown camera 'wvp-34020000001329999999'");
  });
});
