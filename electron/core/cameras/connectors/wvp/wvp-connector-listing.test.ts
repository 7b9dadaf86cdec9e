// The wvp connector walks 26,000 channels a thousand at a time, skipping and counting malformed records (never
// throwing), and says how long the walk took and how much memory the listed cameras hold.
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformCamera } from '../../connector';
import { startWvpDouble, type WvpDouble } from '../../../../../tests/support/wvp/wvp-double';
import type { MalformedKind } from '../../../../../tests/support/wvp/wvp-channels';
import { createWvpConnector, type WvpConnector } from './wvp-connector';
import { testEnv, wvpPlatform } from './wvp-test-platform';

// A collection before each heap reading, so the figure is what the cameras hold, not garbage of the walk.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

describe('wvp connector listing 26,000 channels', () => {
  let double: WvpDouble;
  let connector: WvpConnector;
  const malformed: MalformedKind[] = [
    'missing-id',
    'bad-position',
    'swapped-position',
    'bad-status',
    'missing-name',
  ];

  beforeAll(async () => {
    double = await startWvpDouble({ channelCount: 26_000 });
    for (const kind of malformed) double.control.injectMalformed(kind);
    double.control.injectMalformed({ gbId: 'x' });
    connector = createWvpConnector(wvpPlatform(double.url), {
      workspaceDir: '.',
      env: testEnv,
      requestTimeoutMs: 30_000,
    });
  });
  afterAll(async () => {
    connector.dispose();
    await connector.whenDisposed();
    await double.close();
  });

  it(
    'lists every well-formed channel once and counts the six malformed ones',
    { timeout: 120_000 },
    async () => {
      collectGarbage();
      const heapBefore = process.memoryUsage().heapUsed;
      const started = performance.now();
      const cameras: PlatformCamera[] = [];
      let skipped = 0;
      let pages = 0;
      let next: string | undefined;
      do {
        const page = await connector.listCameras(next);
        cameras.push(...page.cameras);
        skipped += page.skipped;
        pages += 1;
        next = page.next;
      } while (next !== undefined);
      const elapsedMs = performance.now() - started;
      collectGarbage();
      const heapAfter = process.memoryUsage().heapUsed;
      console.info(
        `wvp listing: ${cameras.length} cameras, ${skipped} skipped, ${pages} pages in ${Math.round(elapsedMs)} ms; ` +
          `heap +${((heapAfter - heapBefore) / 1_048_576).toFixed(1)} MB holding the cameras`,
      );
      expect(skipped).toBe(6);
      expect(cameras).toHaveLength(26_000);
      expect(new Set(cameras.map((camera) => camera.platformCameraId)).size).toBe(26_000);
      expect(pages).toBe(27);
      expect(double.control.counters.channelListRequests.every((request) => request.count === 1000)).toBe(
        true,
      );
      expect(connector.health()).toMatchObject({ state: 'connected', cameras: 26_000, skipped: 6 });
      expect(connector.health().listedAt).toBeGreaterThan(0);
    },
  );
});
