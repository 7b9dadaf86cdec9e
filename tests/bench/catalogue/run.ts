// Imports 26,000 channels through the fake connector into a CameraCatalogue (with its cache) and reports time,
// RSS growth and the longest event-loop stall, beside a reference that only reads the same pages into an array.
// Run: `nice -n 10 node --expose-gc --import tsx tests/bench/catalogue/run.ts` (tsconfig.node.json paths).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Platform } from '@shared/model/camera';
import { CameraCatalogue } from '../../../electron/core/cameras/catalogue';
import { FakeConnector, fakePlatformCameras } from '../../support/fake-connector';

const count = Number(process.env.CAMERAS ?? 26_000);
const platform = {
  id: 'wvp',
  name: 'wvp',
  vendor: 'wvp',
  kind: 'ws-flv',
  connector: {
    type: 'wvp',
    areas: {
      civilCodes: { '330106': 'xihu' },
      businessGroups: { 'bg-east': 'g1' },
      fallback: { street: 's', grid: 'g' },
    },
    refreshMinutes: 10,
  },
} as unknown as Platform;

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const rssMb = () => process.memoryUsage().rss / 1_048_576;

async function measure(label: string, work: () => Promise<unknown>): Promise<unknown> {
  gc();
  const before = rssMb();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const start = performance.now();
  const kept = await work();
  const elapsed = performance.now() - start;
  delay.disable();
  gc();
  console.log(
    `${label.padEnd(34)} ${elapsed.toFixed(0).padStart(6)} ms   RSS +${(rssMb() - before).toFixed(1).padStart(5)} MB` +
      `   longest stall ${(delay.max / 1e6).toFixed(0)} ms`,
  );
  return kept;
}

const cameras = fakePlatformCameras(count);
const stateDir = await mkdtemp(path.join(os.tmpdir(), 'tianmu-bench-catalogue-'));
const log = () => undefined;
const catalogueOf = (connector: FakeConnector) =>
  new CameraCatalogue({
    crs: 'gcj02',
    cameras: [],
    staticConnectors: new Map(),
    platforms: [{ platform, connector }],
    stateDir,
    log,
  });

console.log(`${count} cameras, pages of 500, positions WGS-84 → GCJ-02, cache in the state folder`);
const reference = await measure('reference: pages into an array', async () => {
  const connector = new FakeConnector({ platformId: 'wvp', cameras });
  const all = [];
  let next: string | undefined;
  do {
    const page = await connector.listCameras(next);
    all.push(...page.cameras);
    next = page.next;
    await new Promise((resolve) => setImmediate(resolve));
  } while (next !== undefined);
  return all;
});
const listed = (await measure('catalogue: list, map, cache', async () => {
  const catalogue = catalogueOf(new FakeConnector({ platformId: 'wvp', cameras }));
  await catalogue.start();
  await catalogue.refresh('wvp');
  return catalogue;
})) as CameraCatalogue;
const restarted = (await measure('catalogue: start from cache (down)', async () => {
  const connector = new FakeConnector({ platformId: 'wvp', cameras });
  connector.isDown = true;
  const catalogue = catalogueOf(connector);
  await catalogue.start();
  return catalogue;
})) as CameraCatalogue;
console.log(
  `kept: reference ${(reference as unknown[]).length}, listed ${listed.all().length}, from cache ${restarted.all().length}`,
);
listed.dispose();
restarted.dispose();
await rm(stateDir, { recursive: true, force: true });
