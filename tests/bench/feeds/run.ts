// Feed bench (`npm run bench:feeds`, after a build): 5,000 indicator updates/s from a Tianmu WebSocket feed
// through the core (browser host) to two wall windows in Chromium, then 12 live ECharts trend panels at 1 Hz.
// Prints one JSON object: core CPU, source-to-DOM latency, coalesced/dropped counts, alarm delivery, and the
// chart phase's renderer main-thread load and longest drawing task. Targets are in the JSON next to results.
/* eslint-disable @typescript-eslint/no-explicit-any -- page globals and raw protocol JSON, read field by field */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { chromium, type Page } from 'playwright-core';
import { startHost } from '../../support/browser-host';
import { findChromium } from '../../support/find-chromium';
import { startWebSocketFeedServer } from '../../support/feed-servers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ratePerSecond = Number(process.env.BENCH_RATE ?? 5_000);
const warmupSeconds = Number(process.env.BENCH_WARMUP ?? 5);
const measureSeconds = Number(process.env.BENCH_SECONDS ?? 20);
const chartSeconds = Number(process.env.BENCH_CHART_SECONDS ?? 20);
const keyCount = 384;
const alarmsPerSecond = 10;
const clockTicks = 100; // getconf CLK_TCK on Linux

const benchId = (index: number) => `bench-${String(index).padStart(3, '0')}`;
const chartId = (index: number) => `chart-${String(index).padStart(2, '0')}`;

/** The demo workspace plus 384 bench indicators on two 4×4 walls of KPI tiles and a 12-trend scenario. */
async function createBenchWorkspace(feedUrl: string): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'tianmu-bench-feeds-'));
  await cp(path.join(root, 'resources/demo'), directory, { recursive: true });
  const catalogue = JSON.parse(readFileSync(path.join(directory, 'indicators.json'), 'utf8'));
  const indicator = (id: string, name: string) => ({
    id,
    name: { zh: name, en: name },
    dimension: 'supply',
    unit: 'kW',
    sourceKey: `vitals/${id}`,
    thresholds: { direction: 'above', blue: 900, yellow: 950, orange: 980, red: 995, hysteresis: 5 },
    staleAfterSeconds: 30,
  });
  for (let index = 0; index < keyCount; index++)
    catalogue.indicators.push(indicator(benchId(index), `负荷 ${index}`));
  for (let index = 0; index < 12; index++)
    catalogue.indicators.push(indicator(chartId(index), `曲线 ${index}`));
  writeFileSync(path.join(directory, 'indicators.json'), JSON.stringify(catalogue));
  writeFileSync(
    path.join(directory, 'sources.json'),
    JSON.stringify({
      sources: [
        { id: 'bench', kind: 'tianmu-ws', url: feedUrl, heartbeatTimeoutMs: 5_000 },
        { id: 'demo', kind: 'demo', incidents: false },
      ],
    }),
  );
  const kpiDisplay = (offset: number) => ({
    layout: { rows: 4, columns: 4, merges: [] },
    cells: Array.from({ length: 16 }, (_, cell) => ({
      kind: 'vitals.kpi',
      options: { indicatorIds: Array.from({ length: 12 }, (_, tile) => benchId(offset + cell * 12 + tile)) },
    })),
  });
  const daily = JSON.parse(readFileSync(path.join(directory, 'scenarios/daily.json'), 'utf8'));
  daily.displays = { left: kpiDisplay(0), right: kpiDisplay(192) };
  writeFileSync(path.join(directory, 'scenarios/daily.json'), JSON.stringify(daily));
  const trendDisplay = {
    layout: { rows: 3, columns: 4, merges: [] },
    cells: Array.from({ length: 12 }, (_, index) => ({
      kind: 'vitals.trend',
      options: { indicatorIds: [chartId(index)], minutes: 10 },
    })),
  };
  writeFileSync(
    path.join(directory, 'scenarios/bench-charts.json'),
    JSON.stringify({
      id: 'bench-charts',
      name: { zh: '图表基准', en: 'Chart bench' },
      mode: 'normal',
      displays: {
        left: trendDisplay,
        right: { layout: { rows: 1, columns: 1, merges: [] }, cells: [{ kind: 'clock', options: {} }] },
      },
    }),
  );
  return directory;
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

/** A minimal protocol client for stats, commands and counting alarms, as a third window would. */
async function openProtocolClient(url: string) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let nextId = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  const alarmIds = new Set<string>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.type === 'event' && message.name === 'incidents.changed') {
      for (const incident of message.payload.incidents) alarmIds.add(incident.id);
    } else if (message.type === 'response') waiting.get(message.id)?.(message.result);
  });
  const request = (name: string, params: unknown) =>
    new Promise<any>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      socket.send(JSON.stringify({ type: 'request', id, name, params }));
    });
  await request('session.hello', { role: 'viewer' });
  return { request, alarmIds, close: () => socket.close() };
}

const percentile = (sorted: number[], fraction: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;

/**
 * Installed in each wall window before it loads: source-to-DOM latency of every value change (its
 * `data-source-ts` against the page clock), and long tasks. Text, because this file has no DOM types.
 */
const latencyProbe = `
  const probe = { samples: [], isRecording: false };
  window.__latency = probe;
  new MutationObserver((records) => {
    if (!probe.isRecording) return;
    const now = Date.now();
    for (const record of records) {
      const ts = Number(record.target.getAttribute('data-source-ts'));
      if (ts > 0) probe.samples.push(now - ts);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-source-ts'] });
  const longTasks = { count: 0, maxMs: 0 };
  window.__longTasks = longTasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longTasks.count++;
      longTasks.maxMs = Math.max(longTasks.maxMs, entry.duration);
    }
  }).observe({ type: 'longtask' });
`;

/** Reads a page global by expression (typed by the caller). */
const read = <T>(page: Page, expression: string) => page.evaluate(expression) as Promise<T>;

async function mainThreadSeconds(page: Page) {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  return async () => {
    const { metrics } = await session.send('Performance.getMetrics');
    return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0;
  };
}

async function main() {
  const server = await startWebSocketFeedServer({ heartbeatMs: 1_000 });
  const workspace = await createBenchWorkspace(server.url);
  const host = await startHost(['--workspace', workspace]);
  const wallUrl = host.urls.get('wall:left')!;
  const token = new URL(wallUrl).searchParams.get('token');
  const protocol = await openProtocolClient(`${host.origin.replace('http', 'ws')}/ws?token=${token}`);
  const browser = await chromium.launch({
    executablePath: findChromium().executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  await context.addInitScript({ content: latencyProbe });
  const pages = await Promise.all(['wall:left', 'wall:right'].map(() => context.newPage()));
  await Promise.all(
    pages.map((page, index) => page.goto(host.urls.get(index === 0 ? 'wall:left' : 'wall:right')!)),
  );
  await Promise.all(pages.map((page) => page.getByTestId('kpi-tile').nth(100).waitFor()));

  // Phase 1: 5,000 updates/s as 50-value deltas every 10 ms, plus 10 alarms/s riding on the deltas.
  const values = Array.from({ length: keyCount }, () => 400 + Math.random() * 200);
  let sentValues = 0;
  let sentAlarms = 0;
  const startedAt = Date.now();
  const publish = setInterval(() => {
    const due = Math.floor(((Date.now() - startedAt) / 1_000) * ratePerSecond) - sentValues;
    const alarmsDue = Math.floor(((Date.now() - startedAt) / 1_000) * alarmsPerSecond) - sentAlarms;
    for (let batch = 0; batch < due; batch += 50) {
      const changes: Record<string, number> = {};
      for (let index = 0; index < Math.min(50, due - batch); index++) {
        const key = Math.floor(Math.random() * keyCount);
        values[key] = Math.round((values[key]! + (Math.random() - 0.5) * 10) * 10) / 10;
        changes[benchId(key)] = values[key]!;
      }
      const incidents =
        batch === 0 && alarmsDue > 0
          ? Array.from({ length: alarmsDue }, (_, index) => ({
              id: `bench-alarm-${sentAlarms + index}`,
              title: '基准告警',
              category: 'iot',
              severity: 'yellow',
              position: [121.49, 31.23],
              source: 'bench',
              status: 'new',
              raisedAt: Date.now(),
              updatedAt: Date.now(),
            }))
          : undefined;
      if (incidents) sentAlarms += incidents.length;
      server.publish(changes, { incidents });
      sentValues += Object.keys(changes).length;
    }
  }, 10);

  await new Promise((resolve) => setTimeout(resolve, warmupSeconds * 1_000));
  const before = {
    cpu: cpuSeconds(host.pid),
    time: Date.now(),
    stats: await protocol.request('feeds.stats', {}),
    sent: sentValues,
  };
  await Promise.all(pages.map((page) => read(page, 'window.__latency.isRecording = true')));
  await new Promise((resolve) => setTimeout(resolve, measureSeconds * 1_000));
  await Promise.all(pages.map((page) => read(page, 'window.__latency.isRecording = false')));
  const after = {
    cpu: cpuSeconds(host.pid),
    time: Date.now(),
    stats: await protocol.request('feeds.stats', {}),
    sent: sentValues,
  };
  clearInterval(publish);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const final = await protocol.request('feeds.stats', {});

  const samples = (await Promise.all(pages.map((page) => read<number[]>(page, 'window.__latency.samples'))))
    .flat()
    .sort((a, b) => a - b);
  const walls = (stats: any) => stats.sessions.filter((session: any) => session.role === 'wall');
  const wallDelta = walls(after.stats).map((session: any, index: number) => {
    const start = walls(before.stats)[index];
    return {
      offered: session.offered - start.offered,
      sent: session.sent - start.sent,
      batchesPerSecond: (session.batches - start.batches) / ((after.time - before.time) / 1_000),
    };
  });
  const seconds = (after.time - before.time) / 1_000;
  const feedPhase = {
    updatesPerSecondSent: Math.round((after.sent - before.sent) / seconds),
    updatesPerSecondAtCore: Math.round((after.stats.values - before.stats.values) / seconds),
    coreCpuOfOneCore: Number(((after.cpu - before.cpu) / seconds).toFixed(3)),
    latencyMs: {
      samples: samples.length,
      p50: percentile(samples, 0.5),
      p99: percentile(samples, 0.99),
      max: samples.at(-1),
    },
    perWallWindow: wallDelta.map((wall: any) => ({
      ...wall,
      coalesced: wall.offered - wall.sent,
      batchesPerSecond: Number(wall.batchesPerSecond.toFixed(2)),
    })),
    // Values the server sent that the bench source did not deliver to the hub (0: coalescing never loses).
    valuesDroppedBeforeHub: 0,
    alarms: {
      sent: sentAlarms,
      atCore: final.incidents,
      deliveredToWindowSession: [...protocol.alarmIds].filter((id) => id.startsWith('bench-alarm')).length,
      storeOverflow: final.incidentOverflow,
      dropped: sentAlarms - [...protocol.alarmIds].filter((id) => id.startsWith('bench-alarm')).length,
    },
    longTasks: await Promise.all(pages.map((page) => read<object>(page, 'window.__longTasks'))),
    targets: { p99Ms: 250, coreCpuOfOneCore: 0.25, alarmsDropped: 0 },
  };
  // The demo source adds values of its own: compare with the bench source's count.
  const sources = (await protocol.request('sources.list', {})).sources;
  const benchSource = sources.find((source: { id: string }) => source.id === 'bench');
  feedPhase.valuesDroppedBeforeHub = sentValues - benchSource.values;

  // Phase 2: 12 trend panels at 1 Hz on the left window; the right window closed to isolate the measure.
  await pages[1]!.close();
  const left = pages[0]!;
  await protocol.request('wall.command', {
    command: { type: 'scenario.activate', scenarioId: 'bench-charts' },
  });
  await left.getByTestId('trend-chart').nth(11).waitFor();
  const chartTimer = setInterval(() => {
    const changes: Record<string, number> = {};
    for (let index = 0; index < 12; index++)
      changes[chartId(index)] = Math.round(500 + 300 * Math.sin(Date.now() / 20_000 + index));
    server.publish(changes);
  }, 1_000);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const readTaskDuration = await mainThreadSeconds(left);
  const chartBefore = {
    task: await readTaskDuration(),
    time: Date.now(),
    stats: await read<any>(left, '({ ...window.__tianmuChartStats })'),
  };
  await new Promise((resolve) => setTimeout(resolve, chartSeconds * 1_000));
  const chartAfter = {
    task: await readTaskDuration(),
    time: Date.now(),
    stats: await read<any>(left, '({ ...window.__tianmuChartStats })'),
  };
  clearInterval(chartTimer);
  const chartPhase = {
    panels: 12,
    rendererMainThreadCores: Number(
      ((chartAfter.task - chartBefore.task) / ((chartAfter.time - chartBefore.time) / 1_000)).toFixed(3),
    ),
    drawingTasks: chartAfter.stats.tasks - chartBefore.stats.tasks,
    chartUpdates: chartAfter.stats.updates - chartBefore.stats.updates,
    longestDrawingTaskMs: Number(chartAfter.stats.maxTaskMs.toFixed(1)),
    drawingTasksOver16Ms: chartAfter.stats.tasksOver16Ms - chartBefore.stats.tasksOver16Ms,
    targets: { rendererCores: 0.25, longestTaskMs: 16 },
    note: 'longestDrawingTaskMs is the max over the whole run (page load included)',
  };

  const result = {
    bench: 'feeds',
    machine: { cpus: os.cpus().length, load: os.loadavg().map((load) => Number(load.toFixed(2))) },
    seconds: { warmup: warmupSeconds, measure: measureSeconds, charts: chartSeconds },
    feedPhase,
    chartPhase,
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync(path.join(root, 'test-results'), { recursive: true });
  writeFileSync(path.join(root, 'test-results/bench-feeds.json'), JSON.stringify(result, null, 2));

  protocol.close();
  await browser.close();
  await host.stop();
  await server.stop();
  await rm(workspace, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
