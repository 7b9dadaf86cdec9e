// `npm run bench:switch`: time from the switch command to the first decoded frame in every video tile of a
// two-display wall with 16 tiles per display, over 20 switches; prints p50/p95 as JSON.
// Runs the built browser host and Chromium (TIANMU_CHROMIUM or the usual places); not part of `npm test`.
// Pages are driven over a bare DevTools pipe, not Playwright, whose Network domain copies every WebSocket
// frame of the 32 tiles to the driver (`-- --driver=playwright` measures with it).
import { benchDriverFrom, launchBenchBrowser, type BenchBrowser } from '../../support/bench-browser';
import { startHost } from '../../support/browser-host';
import { connectToCore } from '../../support/core-requests';
import type { PlainPage } from '../../support/plain-cdp';
import { createBenchWorkspace } from './bench-workspace';

const switches = Number(process.env.TIANMU_BENCH_SWITCHES ?? 20);
/** Pause after each switch so the previous players are gone before the next one is timed. */
const settleMs = 1_500;
const timeoutMs = 30_000;
const displays = ['left', 'right'];
/** Extra ports of the demo media server (the host's default unless given; 0 = one address for all tiles). */
const mediaPorts = process.env.TIANMU_BENCH_MEDIA_PORTS;

/** Nearest-rank percentile. */
function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}

/**
 * Page-side poll: resolves with the wall-clock times (ms since epoch) at which every tile of `ids` was on the
 * page (`mountedAt`) and had a decoded frame (`decodedAt`). Kept as source text: tsx would wrap a compiled
 * function in helpers the page does not have.
 */
const pagePoll = `({ ids, limit }) => new Promise((resolve, reject) => {
  const started = Date.now();
  let mountedAt = null;
  const check = () => {
    const tiles = [...document.querySelectorAll('[data-testid="video-tile"]')];
    if (mountedAt === null && tiles.filter((tile) => ids.includes(tile.dataset.cameraId ?? '')).length === ids.length) {
      mountedAt = Date.now();
    }
    const decoding = tiles.filter((tile) => {
      if (!ids.includes(tile.dataset.cameraId ?? '')) return false;
      const video = tile.querySelector('video');
      return video !== null && video.getVideoPlaybackQuality().totalVideoFrames > 0;
    });
    if (decoding.length === ids.length) return resolve({ mountedAt, decodedAt: Date.now() });
    if (Date.now() - started > limit) return reject(new Error(decoding.length + '/' + ids.length + ' tiles decoded'));
    setTimeout(check, 4);
  };
  check();
})`;

interface TileTimes {
  mountedAt: number;
  decodedAt: number;
}

function whenAllTilesDecode(page: PlainPage, cameraIds: readonly string[]): Promise<TileTimes> {
  return page.evaluate<TileTimes>(`(${pagePoll})(${JSON.stringify({ ids: cameraIds, limit: timeoutMs })})`);
}

const fullHd = { width: 1920, height: 1080 };

/**
 * The reference, measured in the same run: the same switches done by bare TilePlayers on two plain pages
 * (the video bench's page: no wall, no store, no scenario), each page replacing its 16 players at once with
 * the other scenario's streams, from the swap to the first decoded frame in every tile — what the media
 * server, the browser's WebSocket handshakes and the decoders cost on their own.
 */
async function referenceSwitches(
  browser: BenchBrowser,
  origin: string,
  urls: Record<string, Record<string, string[]>>,
  rounds: number,
): Promise<number[]> {
  const query = new URLSearchParams({ n: '16', mode: 'flv', width: '480', height: '270' });
  const pages: PlainPage[] = [];
  const swap = (target: string) =>
    Promise.all(
      pages.map((page, index) =>
        page.evaluate<number>(
          `globalThis.__videoBench.swap(${JSON.stringify(urls[target]![displays[index]!])})`,
        ),
      ),
    );
  try {
    for (let index = 0; index < displays.length; index++) {
      const page = await browser.openPage(`${origin}/bench/video.html?${query}`, fullHd);
      pages.push(page);
      await page.waitFor('globalThis.__videoBench');
    }
    await swap('bench-a');
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const samples: number[] = [];
    for (let index = 0; index < rounds; index++) {
      const target = index % 2 === 0 ? 'bench-b' : 'bench-a';
      samples.push(Math.max(...(await swap(target))));
      process.stderr.write(
        `reference ${index + 1}/${rounds} → ${target}: all 32 decoding ${samples.at(-1)} ms\n`,
      );
      await new Promise((resolve) => setTimeout(resolve, settleMs));
    }
    return samples;
  } finally {
    await Promise.all(pages.map((page) => page.close()));
  }
}

async function main(): Promise<void> {
  const bench = await createBenchWorkspace();
  const host = await startHost([
    '--workspace',
    bench.workspaceDir,
    '--state-dir',
    bench.stateDir,
    ...(mediaPorts === undefined ? [] : ['--media-ports', mediaPorts]),
  ]);
  const browser = await launchBenchBrowser(benchDriverFrom(process.argv));
  try {
    const pages: Record<string, PlainPage> = {};
    for (const displayId of displays) {
      pages[displayId] = await browser.openPage(host.urls.get(`wall:${displayId}`)!, fullHd);
    }
    await Promise.all(
      Object.entries(pages).map(([displayId, page]) =>
        whenAllTilesDecode(page, bench.cameras['bench-a']![displayId]!),
      ),
    );

    const core = await connectToCore(host.urls.get('console')!);
    const command = (scenarioId: string) =>
      core.request<unknown>('wall.command', { command: { type: 'scenario.activate', scenarioId } });

    const samples: number[] = [];
    const mounted: number[] = [];
    for (let index = 0; index < switches; index++) {
      const target = index % 2 === 0 ? 'bench-b' : 'bench-a';
      const waits = Object.entries(pages).map(([displayId, page]) =>
        whenAllTilesDecode(page, bench.cameras[target]![displayId]!),
      );
      // The waiters poll from before the command leaves, so the clock starts after they are in place.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const sentAt = Date.now();
      await command(target);
      const times = await Promise.all(waits);
      const doneAt = Math.max(...times.map((time) => time.decodedAt));
      const mountedAt = Math.max(...times.map((time) => time.mountedAt));
      samples.push(doneAt - sentAt);
      mounted.push(mountedAt - sentAt);
      process.stderr.write(
        `switch ${index + 1}/${switches} → ${target}: tiles mounted ${mountedAt - sentAt} ms, all decoding ${doneAt - sentAt} ms\n`,
      );
      await new Promise((resolve) => setTimeout(resolve, settleMs));
    }
    for (const page of Object.values(pages)) await page.close();
    // The reference plays the very URLs the wall's tiles got (the sub streams of 480 × 270 tiles).
    const urls: Record<string, Record<string, string[]>> = {};
    for (const [scenarioId, byDisplay] of Object.entries(bench.cameras)) {
      urls[scenarioId] = {};
      for (const [displayId, cameraIds] of Object.entries(byDisplay)) {
        urls[scenarioId]![displayId] = [];
        for (const cameraId of cameraIds) {
          const resolved = await core.request<{ url: string }>('media.resolve', { cameraId, profile: 'sub' });
          urls[scenarioId]![displayId]!.push(resolved.url);
        }
      }
    }
    core.close();
    const reference = await referenceSwitches(browser, host.origin, urls, switches);
    const sortedReference = [...reference].sort((a, b) => a - b);
    const sorted = [...samples].sort((a, b) => a - b);
    const sortedMounted = [...mounted].sort((a, b) => a - b);
    const result = {
      bench: 'switch',
      displays: 2,
      videoTilesPerDisplay: 16,
      switches,
      p50Ms: percentile(sorted, 0.5),
      p95Ms: percentile(sorted, 0.95),
      minMs: sorted[0],
      maxMs: sorted.at(-1),
      targetP95Ms: 600,
      /** Command sent → every new tile in the DOM (the rest is stream resolve, connect and decode). */
      mountedP50Ms: percentile(sortedMounted, 0.5),
      mountedP95Ms: percentile(sortedMounted, 0.95),
      samplesMs: samples,
      /** The same switches done by bare players on two plain pages (see referenceSwitches). */
      reference: {
        p50Ms: percentile(sortedReference, 0.5),
        p95Ms: percentile(sortedReference, 0.95),
        samplesMs: reference,
      },
      /** Switch p95 over the plain pages' p95: what the wall adds on top of swapping the players. */
      ratioP95: Math.round((percentile(sorted, 0.95) / percentile(sortedReference, 0.95)) * 100) / 100,
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    await host.stop();
    await bench.remove();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:switch failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
