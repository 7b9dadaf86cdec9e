// Incident list bench (`npm run build`, then `tsx tests/bench/incidents/run.ts`): the console with 5,000 incidents
// from a Tianmu WebSocket feed, then 10 more a second. Reports the console's longest main-thread task in each phase
// beside the same console idle with 5,000 incidents (the same-run reference), and the time from a red alarm's
// publication to the console's sound indicator. Prints one JSON object.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startHost } from '../../support/browser-host';
import { findChromium } from '../../support/find-chromium';
import { startWebSocketFeedServer } from '../../support/feed-servers';
import { tempDemoWorkspace } from '../../support/temp-workspace';

const total = 5_000;
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const severities = ['blue', 'yellow', 'orange', 'red'] as const;

function incident(index: number, severity: (typeof severities)[number] = severities[index % 3]!) {
  const now = Date.now();
  return {
    id: `bench-${index}`,
    title: `基准事件 ${index}：道路积水`,
    category: 'flood',
    severity,
    position: [121.4905 + (index % 50) * 0.0002, 31.2335],
    street: 'waitan',
    source: 'bench',
    status: 'new',
    raisedAt: now,
    updatedAt: now,
    isDrill: false,
  };
}

const longTaskProbe = `
  window.__longTasks = { maxMs: 0, count: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.__longTasks.count++;
      window.__longTasks.maxMs = Math.max(window.__longTasks.maxMs, entry.duration);
    }
  }).observe({ type: 'longtask' });
`;

async function phase(page: Page, during: () => void, stop: () => void) {
  await page.evaluate('window.__longTasks = { maxMs: 0, count: 0 }');
  during();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
  stop();
  return (await page.evaluate('window.__longTasks')) as { maxMs: number; count: number };
}

async function main() {
  const server = await startWebSocketFeedServer({ heartbeatMs: 1_000 });
  const workspace = await tempDemoWorkspace();
  writeFileSync(
    path.join(workspace.workspaceDir, 'sources.json'),
    JSON.stringify({
      sources: [
        { id: 'bench', kind: 'tianmu-ws', url: server.url },
        { id: 'demo', kind: 'demo' },
      ],
    }),
  );
  const host = await startHost(['--workspace', workspace.workspaceDir, '--demo-incident-seconds', '3600']);
  const browser = await chromium.launch({
    executablePath: findChromium().executablePath,
    args: ['--no-sandbox'],
  });
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  await page.addInitScript({ content: longTaskProbe });
  await page.goto(host.urls.get('console')!);
  await page.getByTestId('incident-row').first().waitFor();
  while (server.clientCount === 0) await new Promise((resolve) => setTimeout(resolve, 100));

  for (let first = 0; first < total; first += 250)
    server.publish(
      {},
      { incidents: Array.from({ length: 250 }, (_, offset) => incident(first + offset, 'blue')) },
    );
  await page.waitForFunction(
    `Number(document.querySelector('[data-testid="incident-shown"]')?.getAttribute('data-count')) >= ${total}`,
    undefined,
    { timeout: 120_000 },
  );

  const idle = await phase(
    page,
    () => undefined,
    () => undefined,
  );
  let next = total;
  let timer: ReturnType<typeof setInterval> | undefined;
  const cdp = await page.context().newCDPSession(page);
  if (process.env.BENCH_PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const arriving = await phase(
    page,
    () => (timer = setInterval(() => server.publish({}, { incidents: [incident(next++, 'yellow')] }), 100)),
    () => clearInterval(timer),
  );

  if (process.env.BENCH_PROFILE) {
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const deltas = profile.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, index) => {
      const frame = byId.get(id)!.callFrame;
      const key = `${frame.functionName || '(anon)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (deltas[index] ?? 0) / 1000);
    });
    console.error(
      [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 25)
        .map(([k, v]) => `${v.toFixed(0)} ms ${k}`)
        .join('\n'),
    );
  }
  // A red alarm: from its publication to the console's sound indicator.
  const publishedAt = Date.now();
  server.publish({}, { incidents: [incident(next++, 'red')] });
  await page.waitForSelector('[data-testid="alarm-sound"][data-sounding="true"]', { timeout: 30_000 });
  const toSoundMs = Date.now() - publishedAt;

  console.log(
    JSON.stringify(
      {
        incidents: total,
        seconds,
        idleLongestTaskMs: Math.round(idle.maxMs),
        idleLongTasks: idle.count,
        arriving10PerSecondLongestTaskMs: Math.round(arriving.maxMs),
        arriving10PerSecondLongTasks: arriving.count,
        redAlarmToSoundIndicatorMs: toSoundMs,
      },
      null,
      2,
    ),
  );
  await browser.close();
  await host.stop();
  await server.stop();
  await workspace.remove();
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
