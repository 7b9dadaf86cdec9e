// `npm run bench:soak -- --minutes N`: the demo wall (every display and the console) in Chromium for a warm-up,
// an idle reference and N minutes of a scenario switch every 30 s (every fifth a 返回); each minute the core's
// RSS, each window's JS heap after a forced collection, DOM nodes, event listeners and tiles playing. Prints the
// samples and a summary (growth per hour by least squares, bytes kept per switch against the idle reference) as
// JSON. Runs the built browser host and Chromium over a bare DevTools pipe; not part of `npm test`.
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBenchBrowser } from '../../support/bench-browser';
import { startHost } from '../../support/browser-host';
import { connectToCore } from '../../support/core-requests';
import type { PlainPage } from '../../support/plain-cdp';
import { bytesKeptPerSwitch, perHour, round, type SeriesPoint } from './soak-figures';

const { values: options } = parseArgs({
  options: {
    minutes: { type: 'string', default: '20' },
    'idle-minutes': { type: 'string' },
    'warmup-minutes': { type: 'string', default: '6' },
    /** History points per topic in the core and every window, small so the caps fill during the warm-up. */
    'history-points': { type: 'string', default: '60' },
    /** Folder for heap snapshots of every window at the end of each phase (for compare-snapshots.ts). */
    'heap-snapshots': { type: 'string' },
    driver: { type: 'string', default: 'plain' },
  },
});
const switchingMinutes = Number(options.minutes);
const idleMinutes = Number(options['idle-minutes'] ?? Math.max(2, Math.round(switchingMinutes / 2)));
const warmupMinutes = Number(options['warmup-minutes']);
const historyPoints = Number(options['history-points']);
const switchEveryMs = 30_000;
/** A sample is taken this long after the minute's first switch, halfway to the next one. */
const sampleOffsetMs = 12_000;
const viewport = { width: 1920, height: 1080 };
const megabyte = 1024 * 1024;

/** Page-side: tiles whose frames advance over two seconds (a replaced <video> counts if it has any frame). */
const tileProbe = `(async () => {
  const read = () => [...document.querySelectorAll('[data-testid="video-tile"]')].map((tile) => {
    const video = tile.querySelector('video');
    return { tile, video, frames: video ? video.getVideoPlaybackQuality().totalVideoFrames : 0 };
  });
  const before = read();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const after = read();
  const stopped = [];
  for (const now of after) {
    const then = before.find((earlier) => earlier.tile === now.tile);
    const isPlaying = now.video !== null &&
      (then && then.video === now.video ? now.frames > then.frames : now.frames > 0);
    if (!isPlaying) stopped.push({ cameraId: now.tile.dataset.cameraId, state: now.tile.dataset.state, frames: now.frames });
  }
  return { tiles: after.length, playing: after.length - stopped.length, stopped };
})()`;

interface WindowSample {
  heapBytes: number;
  nodes: number;
  listeners: number;
  tiles: number;
  playing: number;
  stopped: Array<{ cameraId?: string; state?: string; frames: number }>;
}

interface Sample {
  phase: 'idle' | 'switching';
  minute: number;
  switches: number;
  scenarioId: string;
  coreRssMb: number;
  windows: Record<string, WindowSample>;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function residentMegabytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return round(kilobytes / 1024, 1);
}

async function sampleWindow(page: PlainPage): Promise<WindowSample> {
  // Two collections: the first can leave garbage that only a weak callback of it released.
  await page.send('HeapProfiler.collectGarbage');
  await page.send('HeapProfiler.collectGarbage');
  const heap = await page.send<{ usedSize: number }>('Runtime.getHeapUsage');
  const dom = await page.send<{ nodes: number; jsEventListeners: number }>('Memory.getDOMCounters');
  const tiles = await page.evaluate<Pick<WindowSample, 'tiles' | 'playing' | 'stopped'>>(tileProbe);
  return { heapBytes: heap.usedSize, nodes: dom.nodes, listeners: dom.jsEventListeners, ...tiles };
}

async function writeHeapSnapshot(page: PlainPage, file: string): Promise<void> {
  const out = createWriteStream(file);
  const stop = page.listen('HeapProfiler.addHeapSnapshotChunk', (params) =>
    out.write(params.chunk as string),
  );
  await page.send('HeapProfiler.enable');
  await page.send('HeapProfiler.collectGarbage');
  await page.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  stop();
  await new Promise((resolve) => out.end(resolve));
}

function series(samples: readonly Sample[], pick: (sample: Sample) => number): SeriesPoint[] {
  return samples.map((sample) => ({ minute: sample.minute, value: pick(sample) }));
}

function summarize(samples: readonly Sample[], windowIds: readonly string[]) {
  const idle = samples.filter((sample) => sample.phase === 'idle');
  const switching = samples.filter((sample) => sample.phase === 'switching');
  const windows: Record<string, unknown> = {};
  for (const id of windowIds) {
    const heap = (sample: Sample) => sample.windows[id]!.heapBytes;
    const first = samples[0]!.windows[id]!;
    const last = samples.at(-1)!.windows[id]!;
    const sameScenario = samples.find((sample) => sample.scenarioId === samples.at(-1)!.scenarioId)!.windows[
      id
    ]!;
    windows[id] = {
      heapMb: { first: round(first.heapBytes / megabyte, 2), last: round(last.heapBytes / megabyte, 2) },
      heapMbPerHour: {
        idle: perHour(series(idle, (sample) => heap(sample) / megabyte)),
        switching: perHour(series(switching, (sample) => heap(sample) / megabyte)),
      },
      bytesKeptPerSwitch: bytesKeptPerSwitch(
        series(switching, heap),
        series(idle, heap),
        60_000 / switchEveryMs,
      ),
      // A scenario's own count differs from another's: compare the last sample with the first of its scenario.
      nodes: { first: first.nodes, firstOfLastScenario: sameScenario.nodes, last: last.nodes },
      listeners: {
        first: first.listeners,
        firstOfLastScenario: sameScenario.listeners,
        last: last.listeners,
      },
      minTilesPlaying: Math.min(...samples.map((sample) => sample.windows[id]!.playing)),
      samplesWithAStoppedTile: samples.filter((sample) => sample.windows[id]!.stopped.length > 0).length,
    };
  }
  return {
    coreRssMb: { first: samples[0]!.coreRssMb, last: samples.at(-1)!.coreRssMb },
    coreMbPerHour: {
      idle: perHour(series(idle, (sample) => sample.coreRssMb)),
      switching: perHour(series(switching, (sample) => sample.coreRssMb)),
    },
    windows,
    /** Every video tile of every window advanced its frames in every sample. */
    isEveryTilePlayingInEverySample: samples.every((sample) =>
      Object.values(sample.windows).every((window) => window.stopped.length === 0),
    ),
    targets: {
      coreMbPerHour: 5,
      windowHeapMbPerHour: 2,
      bytesKeptPerSwitch: 0,
      nodesAndListeners: 'flat',
      tilesPlaying: 'all, every sample',
    },
  };
}

async function main(): Promise<void> {
  const host = await startHost(['--history-points', String(historyPoints)]);
  const browser = await launchBenchBrowser(options.driver === 'playwright' ? 'playwright' : 'plain');
  const core = await connectToCore(host.urls.get('console')!);
  try {
    const windowIds = [...host.urls.keys()].sort();
    const pages: Record<string, PlainPage> = {};
    for (const id of windowIds) pages[id] = await browser.openPage(host.urls.get(id)!, viewport);
    const hello = await core.request<{ scenarios: Array<{ id: string }> }>('session.hello', {
      role: 'console',
    });
    const scenarioIds = hello.scenarios.map((scenario) => scenario.id);
    const currentScenario = async () =>
      (await core.request<{ state: { scenarioId: string } }>('wall.state', {})).state.scenarioId;
    process.stderr.write(`soak: windows ${windowIds.join(', ')}; warm-up ${warmupMinutes} min\n`);
    await delay(warmupMinutes * 60_000);

    const samples: Sample[] = [];
    let switches = 0;
    let nextScenario = 0;
    const takeSample = async (phase: Sample['phase'], minute: number) => {
      const windows: Record<string, WindowSample> = {};
      for (const id of windowIds) windows[id] = await sampleWindow(pages[id]!);
      const sample: Sample = {
        phase,
        minute,
        switches,
        scenarioId: await currentScenario(),
        coreRssMb: await residentMegabytes(host.pid),
        windows,
      };
      samples.push(sample);
      const heaps = windowIds
        .map(
          (id) =>
            `${id} ${round(windows[id]!.heapBytes / megabyte, 2)} MB ${windows[id]!.playing}/${windows[id]!.tiles}`,
        )
        .join(', ');
      process.stderr.write(`${phase} ${minute}: core ${sample.coreRssMb} MB; ${heaps}\n`);
    };
    const snapshots = async (phase: string) => {
      if (!options['heap-snapshots']) return;
      await mkdir(options['heap-snapshots'], { recursive: true });
      for (const id of windowIds)
        await writeHeapSnapshot(
          pages[id]!,
          path.join(options['heap-snapshots'], `${phase}-${id.replace(':', '-')}.heapsnapshot`),
        );
    };
    const switchOnce = async () => {
      switches++;
      if (switches % 5 === 0) {
        await core.request('wall.command', { command: { type: 'scenario.return' } });
        return;
      }
      const current = await currentScenario();
      let target = scenarioIds[nextScenario++ % scenarioIds.length]!;
      if (target === current) target = scenarioIds[nextScenario++ % scenarioIds.length]!;
      await core.request('wall.command', { command: { type: 'scenario.activate', scenarioId: target } });
    };

    await snapshots('start');
    for (let minute = 0; minute <= idleMinutes; minute++) {
      const startedAt = Date.now();
      await takeSample('idle', minute);
      if (minute < idleMinutes) await delay(Math.max(0, 60_000 - (Date.now() - startedAt)));
    }
    await snapshots('idle');
    for (let minute = 0; minute <= switchingMinutes; minute++) {
      const startedAt = Date.now();
      if (minute > 0) {
        await switchOnce();
        await delay(sampleOffsetMs);
      }
      await takeSample('switching', minute);
      if (minute === switchingMinutes) break;
      await delay(Math.max(0, switchEveryMs - (Date.now() - startedAt)));
      await switchOnce();
      await delay(Math.max(0, 60_000 - (Date.now() - startedAt)));
    }
    await snapshots('switching');

    const result = {
      bench: 'soak',
      warmupMinutes,
      idleMinutes,
      switchingMinutes,
      switchEverySeconds: switchEveryMs / 1_000,
      historyPoints,
      switches,
      summary: summarize(samples, windowIds),
      samples: samples.map((sample) => ({
        ...sample,
        windows: Object.fromEntries(
          Object.entries(sample.windows).map(([id, window]) => [
            id,
            { ...window, heapMb: round(window.heapBytes / megabyte, 3) },
          ]),
        ),
      })),
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    core.close();
    await browser.close();
    await host.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:soak failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
