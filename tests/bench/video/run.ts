// Video benchmark (`npm run bench:video [-- --quick]`): N live WS-FLV tiles through TilePlayer versus the same
// clips as plain MP4 files in <video>, in headless Chromium, with decode rate, dropped frames, live latency,
// browser CPU per decoded frame, time to first frame and (16 × 720p) browser memory at minute 1 and 5.
//
// How latency is measured: the demo media server writes an `onTianmuClock { sentAt }` script tag (its wall
// clock) before every key frame. TilePlayer pairs each with the moment it arrived (transit = arrival − sentAt,
// same machine, same clock) and reports latency = transit + (buffered end − currentTime): how long ago the
// server sent what is on screen now, give or take one frame interval. MP4 files have no live edge: null.
//
// Pages are driven over a bare DevTools pipe (tests/support/plain-cdp.ts), not Playwright: Playwright's Network
// domain copies every WebSocket frame to the driver, work a real wall never does (`--driver=playwright` measures
// with it, to show how much).
//
// CPU and memory are read from /proc for every process the bench's Chromium started (Linux only): CPU as
// utime + stime, memory as the sum of PSS (shared pages counted once across the processes).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDriverFrom, launchBenchBrowser, type BenchBrowser } from '../../support/bench-browser';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const isQuick = process.argv.includes('--quick');
/** `--memory` measures only the 16 × 720p memory run (minute 1 and minute 5). */
const isMemoryOnly = process.argv.includes('--memory');
const clockTicksPerSecond = 100; // USER_HZ on Linux

interface Configuration {
  readonly count: number;
  readonly width: number;
  readonly height: number;
  readonly clips: readonly string[];
}

const sd = { width: 640, height: 360, clips: ['cam-01', 'cam-02'] };
const hd = { width: 1280, height: 720, clips: ['cam-01-720p', 'cam-02-720p'] };
const configurations: Configuration[] = isQuick
  ? [...[1, 4, 16].map((count) => ({ count, ...sd })), ...[4].map((count) => ({ count, ...hd }))]
  : [
      ...[1, 4, 9, 16, 25, 36].map((count) => ({ count, ...sd })),
      ...[1, 4, 9, 16].map((count) => ({ count, ...hd })),
    ];
/** `--only=16x640x360` measures just that configuration (both modes), for investigating one figure. */
const only = process.argv.find((argument) => argument.startsWith('--only='))?.slice('--only='.length);
if (only) {
  const [count, width, height] = only.split('x').map(Number);
  configurations.splice(0, configurations.length, {
    count: count!,
    ...(width === 1280 ? hd : sd),
    width: width!,
    height: height!,
  });
}
/**
 * WS-FLV variants to measure against the same MP4 reference, besides the shipped settings: `--worker`
 * (mpegts.js's transmuxing Worker) and `--latency-targets=500,1000000` (other latency targets; a huge one turns
 * the latency controller off).
 */
interface Variant {
  readonly worker?: boolean;
  readonly latencyTargetMs?: number;
}
const variants: Variant[] = [
  {},
  ...(process.argv.includes('--worker') ? [{ worker: true }] : []),
  ...(process.argv
    .find((argument) => argument.startsWith('--latency-targets='))
    ?.slice('--latency-targets='.length)
    .split(',')
    .map((value) => ({ latencyTargetMs: Number(value) })) ?? []),
];
const warmupMs = isQuick ? 3_000 : 5_000;
const windowMs = isQuick ? 8_000 : 20_000;

/** Pids of every descendant of `pid`. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(parent) ?? [];
      list.push(Number(entry));
      children.set(parent, list);
    } catch {
      // The process ended while we looked.
    }
  }
  const result: number[] = [];
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift()!;
    result.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return result;
}

/** CPU seconds (user + system) used so far by `pids` (processes that already ended are not counted). */
function cpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    } catch {
      // ended
    }
  }
  return ticks / clockTicksPerSecond;
}

/** Chromium's name for a process's role: browser, renderer, gpu-process, network, audio, storage … */
function processRole(pid: number): string {
  try {
    // Chromium rewrites the command line of the processes it forks with spaces, not NULs, between arguments.
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    const type = args.find((arg) => arg.startsWith('--type='))?.slice('--type='.length);
    if (!type) return 'browser';
    if (type !== 'utility') return type;
    const service = args
      .find((arg) => arg.startsWith('--utility-sub-type='))
      ?.slice('--utility-sub-type='.length);
    return service?.split('.')[0] ?? 'utility';
  } catch {
    return 'ended';
  }
}

/** CPU seconds used so far per process role (see `processRole`). */
function cpuSecondsByRole(pids: readonly number[]): Record<string, number> {
  const byRole: Record<string, number> = {};
  for (const pid of pids) {
    const role = processRole(pid);
    byRole[role] = (byRole[role] ?? 0) + cpuSeconds([pid]);
  }
  return byRole;
}

/**
 * Chromium services that have nothing to do with the wall and that Electron does not ship, left out of the
 * memory figure and reported beside it: Chromium starts its on-device AI model service about three minutes
 * into a session (55 MB between the bench's minute 1 and minute 5), with background networking off or not.
 */
const unrelatedServices = new Set(['on_device_model']);

/** Sum of PSS over `pids`, in MB. */
function memoryMegabytes(pids: readonly number[]): number {
  let kilobytes = 0;
  for (const pid of pids) {
    try {
      const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      kilobytes += Number(match?.[1] ?? 0);
    } catch {
      // ended
    }
  }
  return Math.round(kilobytes / 1024);
}

function percentile(values: readonly number[], share: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

async function startHost(): Promise<{ origin: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [path.join(root, 'out/main/cli.js'), 'serve', '--port', '0', '--displays', '1', '--no-token'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /console\s+(http:\/\/[^/\s]+)/.exec(output);
      if (match && output.includes('press Ctrl+C')) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)));
  });
  return { origin, child };
}

interface TileReading {
  decoded: number;
  dropped: number;
  latencyMs: number | null;
  timeToFirstFrameMs: number | null;
}

async function measure(
  openPage: BenchBrowser['openPage'],
  origin: string,
  configuration: Configuration,
  mode: 'flv' | 'mp4',
  memoryMinutes: readonly number[] = [],
  variant: Variant = {},
) {
  const columns = Math.ceil(Math.sqrt(configuration.count));
  const rows = Math.ceil(configuration.count / columns);
  const viewport = { width: columns * configuration.width, height: rows * configuration.height };
  const query = new URLSearchParams({
    n: String(configuration.count),
    clip: configuration.clips.join(','),
    mode,
    width: String(configuration.width),
    height: String(configuration.height),
    ...(variant.worker ? { worker: '1' } : {}),
    ...(variant.latencyTargetMs ? { latencyTargetMs: String(variant.latencyTargetMs) } : {}),
  });
  const openedAt = Date.now();
  const page = await openPage(`${origin}/bench/video.html?${query}`, viewport);
  // In the page: see tests/bench/pages/VideoBenchView.vue.
  const read = () => page.evaluate<TileReading[]>('window.__videoBench.read()');
  await page.waitFor('window.__videoBench');
  await sleep(warmupMs);

  const pids = descendants(process.pid).filter((pid) => !hostPids.has(pid));
  const before = await read();
  const cpuBefore = cpuSeconds(pids);
  const rolesBefore = cpuSecondsByRole(pids);
  const latencies: number[] = [];
  const started = Date.now();
  while (Date.now() - started < windowMs) {
    await sleep(500);
    for (const tile of await read()) if (tile.latencyMs !== null) latencies.push(tile.latencyMs);
  }
  const after = await read();
  const cpuAfter = cpuSeconds(pids);
  const rolesAfter = cpuSecondsByRole(pids);
  const seconds = (Date.now() - started) / 1000;

  const decoded = after.reduce((sum, tile, index) => sum + tile.decoded - before[index]!.decoded, 0);
  const dropped = after.reduce((sum, tile, index) => sum + tile.dropped - before[index]!.dropped, 0);
  const firstFrames = after.map((tile) => tile.timeToFirstFrameMs).filter((value) => value !== null);
  const memory: Record<string, number> = {};
  for (const minute of memoryMinutes) {
    const wait = openedAt + minute * 60_000 - Date.now();
    if (wait > 0) await sleep(wait);
    const pids = descendants(process.pid).filter((pid) => !hostPids.has(pid));
    const unrelated = pids.filter((pid) => unrelatedServices.has(processRole(pid)));
    memory[`minute${minute}MB`] = memoryMegabytes(pids.filter((pid) => !unrelated.includes(pid)));
    memory[`minute${minute}UnrelatedServicesMB`] = memoryMegabytes(unrelated);
  }
  await page.close();
  return {
    mode,
    ...(mode === 'flv' ? variant : {}),
    tiles: configuration.count,
    size: `${configuration.width}x${configuration.height}`,
    decodedFramesPerSecondPerTile: Math.round((decoded / seconds / configuration.count) * 10) / 10,
    droppedFramesPercent: decoded > 0 ? Math.round((dropped / decoded) * 10_000) / 100 : null,
    latencyMedianMs: percentile(latencies, 0.5),
    latencyP95Ms: percentile(latencies, 0.95),
    cpuMillisecondsPerDecodedFrame:
      decoded > 0 ? Math.round(((cpuAfter - cpuBefore) / decoded) * 100_000) / 100 : null,
    browserCpuCores: Math.round(((cpuAfter - cpuBefore) / seconds) * 100) / 100,
    /** Where the CPU went: ms per decoded frame by Chromium process role. */
    cpuMillisecondsPerFrameByProcess: Object.fromEntries(
      Object.entries(rolesAfter).map(([role, after]) => [
        role,
        decoded > 0 ? Math.round(((after - (rolesBefore[role] ?? 0)) / decoded) * 100_000) / 100 : null,
      ]),
    ),
    timeToFirstFrameMedianMs: percentile(firstFrames as number[], 0.5),
    timeToFirstFrameMaxMs: firstFrames.length > 0 ? Math.max(...(firstFrames as number[])) : null,
    ...(memoryMinutes.length > 0 ? { memory } : {}),
  };
}

const hostPids = new Set<number>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const host = await startHost();
  hostPids.add(host.child.pid!);
  for (const pid of descendants(host.child.pid!)) hostPids.add(pid);
  const browser = await launchBenchBrowser(benchDriverFrom(process.argv));
  const results: unknown[] = [];
  const startedAt = Date.now();
  try {
    for (const configuration of isMemoryOnly ? [] : configurations) {
      const runs = [
        ...variants.map((variant) => ({ mode: 'flv' as const, variant })),
        { mode: 'mp4' as const, variant: {} },
      ];
      for (const { mode, variant } of runs) {
        const result = await measure(browser.openPage, host.origin, configuration, mode, [], variant);
        results.push(result);
        console.log(JSON.stringify(result));
      }
    }
    if (!isQuick && !only) {
      const result = await measure(
        browser.openPage,
        host.origin,
        { count: 16, ...hd },
        'flv',
        [1, 5],
        variants[0],
      );
      const memory = result.memory as Record<string, number>;
      const growth = { ...result, memoryGrowthMB: memory.minute5MB! - memory.minute1MB! };
      results.push(growth);
      console.log(JSON.stringify(growth));
    }
  } finally {
    await browser.close();
    host.child.kill('SIGTERM');
  }
  mkdirSync(path.join(root, 'test-results'), { recursive: true });
  const name = isQuick ? 'bench-video-quick' : isMemoryOnly ? 'bench-video-memory' : 'bench-video';
  const file = path.join(root, 'test-results', `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({ quick: isQuick, seconds: (Date.now() - startedAt) / 1000, results }, null, 2),
  );
  console.log(
    `bench:video done in ${Math.round((Date.now() - startedAt) / 1000)} s → ${path.relative(root, file)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
