import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { wgs84ToGcj02 } from '@shared/geo/china-coordinates';
import type { Camera, Platform } from '@shared/model/camera';
import { FakeConnector, fakePlatformCameras } from '../../../tests/support/fake-connector';
import { CameraCatalogue, type CatalogueChange } from './catalogue';
import { cacheFile } from './catalogue-cache';
import { StaticConnector } from './connectors/static/static-connector';

const wvpPlatform: Platform = {
  id: 'wvp',
  name: 'wvp',
  vendor: 'wvp',
  kind: 'ws-flv',
  connector: {
    type: 'wvp',
    baseUrl: 'http://10.0.0.5:18080',
    username: 'admin',
    areas: {
      civilCodes: { '3301': 'street-city', '330106': 'street-xihu' },
      businessGroups: { 'bg-east': 'grid-east' },
      fallback: { street: 'street-other', grid: 'grid-other' },
    },
    hostRewrite: [],
    stream: 'ws_flv',
    streamOrigins: ['ws://10.0.0.5:80'],
    refreshMinutes: 10,
    alarmPollSeconds: 5,
  },
};
const templatePlatform: Platform = {
  id: 'zlm',
  name: 'zlm',
  vendor: 'zlmediakit',
  kind: 'ws-flv',
  url: { main: 'ws://media/live/{streamId}.flv', sub: 'ws://media/live/{streamId}_sub.flv' },
};
const staticCamera: Camera = {
  id: 'cam-0001',
  name: '西湖路口',
  street: 'street-xihu',
  grid: 'grid-east',
  position: [120.15, 30.25],
  tags: [],
  platform: 'zlm',
  streamId: 'cam-0001',
  isOnline: true,
};

const folders: string[] = [];
const catalogues: CameraCatalogue[] = [];
afterEach(async () => {
  for (const catalogue of catalogues.splice(0)) catalogue.dispose();
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function stateFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'tianmu-catalogue-'));
  folders.push(folder);
  return folder;
}

function catalogueOf(connector: FakeConnector, stateDir: string | null, crs: 'wgs84' | 'gcj02' = 'wgs84') {
  const lines: string[] = [];
  const catalogue = new CameraCatalogue({
    crs,
    cameras: [staticCamera],
    staticConnectors: new Map([['zlm', new StaticConnector(templatePlatform, [staticCamera], () => 'x')]]),
    platforms: [{ platform: wvpPlatform, connector }],
    stateDir,
    log: (line) => lines.push(line),
  });
  catalogues.push(catalogue);
  return { catalogue, lines };
}

describe('CameraCatalogue', () => {
  it('merges cameras.json with a platform listing under wall ids, streets by civil code and grids by group', async () => {
    const connector = new FakeConnector({
      platformId: 'wvp',
      cameras: [
        {
          platformCameraId: '34020000001320000001',
          name: '一号',
          status: 'online',
          hasPtz: true,
          civilCode: '330106001',
          businessGroup: 'bg-east',
          position: { lonLat: [120.1, 30.2], crs: 'wgs84' },
        },
        {
          platformCameraId: 'Live/Gate.2',
          name: '二号',
          status: 'offline',
          hasPtz: false,
          civilCode: '330102',
        },
        { platformCameraId: '3', name: '三号', status: 'online', hasPtz: false, businessGroup: 'bg-unknown' },
      ],
    });
    const { catalogue } = catalogueOf(connector, null, 'gcj02');
    await catalogue.start();
    await catalogue.refresh('wvp');
    expect(catalogue.all().map((camera) => [camera.id, camera.street, camera.grid, camera.status])).toEqual([
      ['cam-0001', 'street-xihu', 'grid-east', 'online'],
      ['wvp-34020000001320000001', 'street-xihu', 'grid-east', 'online'],
      ['wvp-live_gate_2', 'street-city', 'grid-other', 'offline'],
      ['wvp-3', 'street-other', 'grid-other', 'online'],
    ]);
    // Positions in the workspace's system: the base map is GCJ-02, the platform says WGS-84.
    expect(catalogue.get('wvp-34020000001320000001')!.position).toEqual(wgs84ToGcj02([120.1, 30.2]));
    expect(catalogue.find('wvp-live_gate_2')!.ref.platformCameraId).toBe('Live/Gate.2');
    expect(catalogue.find('cam-0001')!.connector.platformId).toBe('zlm');
    expect(catalogue.find('wvp-unlisted')).toBeUndefined();
  });

  it('counts malformed and repeated records as skipped in the health the source strip shows', async () => {
    const connector = new FakeConnector({
      platformId: 'wvp',
      skippedPerPage: 2,
      pageSize: 2,
      cameras: [
        { platformCameraId: 'A1', name: '甲', status: 'online', hasPtz: false },
        { platformCameraId: 'a1', name: '甲again', status: 'online', hasPtz: false },
        { platformCameraId: '///', name: '无名', status: 'online', hasPtz: false },
      ],
    });
    const { catalogue } = catalogueOf(connector, null);
    await catalogue.start();
    await catalogue.refresh('wvp');
    const [health] = catalogue.health();
    expect(health).toMatchObject({ platformId: 'wvp', state: 'connected', cameras: 1, skipped: 2 * 2 + 2 });
    expect(catalogue.get('wvp-a1')!.name).toBe('甲');
  });

  it('starts while the platform is down with the cached cameras as unknown, and they recover when it returns', async () => {
    const stateDir = await stateFolder();
    const connector = new FakeConnector({ platformId: 'wvp', cameras: fakePlatformCameras(30) });
    const first = catalogueOf(connector, stateDir).catalogue;
    await first.start();
    await first.refresh('wvp');
    first.dispose();

    connector.setDown(true);
    const { catalogue } = catalogueOf(connector, stateDir);
    const changes: CatalogueChange[] = [];
    catalogue.onChanged((change) => changes.push(change));
    await catalogue.start();
    await catalogue.refresh('wvp');
    expect(catalogue.all()).toHaveLength(31);
    expect(
      new Set(
        catalogue
          .all()
          .slice(1)
          .map((camera) => camera.status),
      ),
    ).toEqual(new Set(['unknown']));
    expect(catalogue.health()[0]).toMatchObject({ state: 'down', problem: '无法连接', cameras: 30 });

    connector.setDown(false); // health connected: listed at once
    await catalogue.refresh('wvp');
    expect(catalogue.get('wvp-34020000001320000001')!.status).toBe('online');
    expect(catalogue.get('wvp-34020000001320000010')!.status).toBe('offline');
    expect(changes.at(-1)!.status).toHaveLength(30);
    expect(changes.at(-1)!.added).toEqual([]);
  });

  it('skips and counts corrupt cameras of the cache with a log line instead of failing the start', async () => {
    const stateDir = await stateFolder();
    await mkdir(path.dirname(cacheFile(stateDir, 'wvp')), { recursive: true });
    await writeFile(
      cacheFile(stateDir, 'wvp'),
      '{"version":1,"platformId":"wvp","listedAt":1}\n{}\nnot json\n' +
        '{"platformCameraId":"7","name":"七","status":"online","hasPtz":false}\n',
    );
    const connector = new FakeConnector({ platformId: 'wvp', cameras: [] });
    connector.isDown = true;
    const { catalogue, lines } = catalogueOf(connector, stateDir);
    await catalogue.start();
    expect(catalogue.all().map((camera) => [camera.id, camera.status])).toEqual([
      ['cam-0001', 'online'],
      ['wvp-7', 'unknown'],
    ]);
    expect(lines.join('\n')).toMatch(/cache of 'wvp': 2 unusable cameras skipped \(line 2: platformCameraId/);
    expect(lines.join('\n')).not.toMatch(/unusable \(/);
  });

  it('sends status events of the platform together in one batch, and a listing adds and removes cameras', async () => {
    const connector = new FakeConnector({ platformId: 'wvp', cameras: fakePlatformCameras(3) });
    const { catalogue } = catalogueOf(connector, null);
    const changes: CatalogueChange[] = [];
    catalogue.onChanged((change) => changes.push(change));
    await catalogue.start();
    await catalogue.refresh('wvp');
    expect(changes.splice(0)[0]!.added).toHaveLength(3);
    connector.reportStatus([{ platformCameraId: '34020000001320000001', status: 'offline' }]);
    connector.reportStatus([
      { platformCameraId: '34020000001320000002', status: 'offline' },
      { platformCameraId: 'not-ours', status: 'offline' },
    ]);
    expect(changes).toEqual([]);
    catalogue.flushStatus();
    expect(changes.splice(0)).toEqual([
      {
        added: [],
        removed: [],
        status: [
          { cameraId: 'wvp-34020000001320000001', status: 'offline' },
          { cameraId: 'wvp-34020000001320000002', status: 'offline' },
        ],
      },
    ]);
    expect(catalogue.get('wvp-34020000001320000001')!.isOnline).toBe(false);

    connector.cameras = [...connector.cameras.slice(1), ...fakePlatformCameras(4).slice(3)];
    await catalogue.refresh('wvp');
    expect(changes.at(-1)!.added.map((camera) => camera.id)).toEqual(['wvp-34020000001320000004']);
    expect(changes.at(-1)!.removed).toEqual(['wvp-34020000001320000001']);
  });

  it('ignores a cache of another platform with a log line', async () => {
    const stateDir = await stateFolder();
    await mkdir(path.dirname(cacheFile(stateDir, 'wvp')), { recursive: true });
    await writeFile(cacheFile(stateDir, 'wvp'), '{"version":1,"platformId":"zlm","listedAt":1}\n');
    const connector = new FakeConnector({ platformId: 'wvp', cameras: [] });
    connector.isDown = true;
    const { catalogue, lines } = catalogueOf(connector, stateDir);
    await catalogue.start();
    expect(catalogue.all()).toHaveLength(1);
    expect(lines.join('\n')).toMatch(/cache of 'wvp' unusable \(platformId: another platform\): ignored/);
  });

  it('lists 26,000 channels in pages with the event loop running between them, and caches them', async () => {
    const stateDir = await stateFolder();
    const connector = new FakeConnector({
      platformId: 'wvp',
      cameras: fakePlatformCameras(26_000),
      pageSize: 500,
    });
    const { catalogue } = catalogueOf(connector, stateDir);
    let turns = 0;
    let isListing = true;
    const tick = () => {
      turns += 1;
      if (isListing) setImmediate(tick);
    };
    setImmediate(tick);
    await catalogue.start();
    await catalogue.refresh('wvp');
    isListing = false;
    expect(connector.pagesListed).toBe(52);
    expect(catalogue.all()).toHaveLength(26_001);
    // Another task ran between (nearly) every two pages: no page-after-page run held the loop.
    expect(turns).toBeGreaterThanOrEqual(51);
    connector.setDown(true);
    const restarted = catalogueOf(connector, stateDir).catalogue;
    await restarted.start();
    expect(restarted.all()).toHaveLength(26_001);
  });
});
