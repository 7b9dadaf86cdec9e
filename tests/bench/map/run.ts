// `npm run bench:map`: the map bench page in headless Chromium (1280 × 720) through the browser host; prints JSON
// with first render and p50/p95 frame times for Tianmu's layers and a naive canvas layer, and the targets.
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startHost } from '../../support/browser-host';
import { findChromium } from '../../support/find-chromium';

interface Measurement {
  firstRenderMs: number;
  frames: number;
  p50FrameMs: number;
  p95FrameMs: number;
  framesPerSecond: number;
}

const host = await startHost();
const browser = await chromium.launch({
  executablePath: findChromium().executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('pageerror', (error) => console.error('[bench page]', error.message));
  await page.goto(`${host.origin}/bench/map.html`);
  // `globalThis` is the page's window there; this file compiles without the DOM library.
  await page.waitForFunction(
    () => (globalThis as { __mapBench?: unknown }).__mapBench !== undefined,
    undefined,
    {
      timeout: 180_000,
      polling: 500,
    },
  );
  const result = (await page.evaluate(() => (globalThis as { __mapBench?: unknown }).__mapBench)) as
    { tianmu: Measurement; naive: Measurement } | { error: string };
  if ('error' in result) throw new Error(result.error);
  const report = {
    scene: { cameras: 26_000, incidents: 10_000, grids: 85, viewport: '1280x720', panZoomSeconds: 5 },
    tianmu: result.tianmu,
    naive: result.naive,
    targets: {
      firstRenderUnder1500Ms: result.tianmu.firstRenderMs < 1_500,
      p95AtMostOneThirdOfNaive: result.tianmu.p95FrameMs <= result.naive.p95FrameMs / 3,
    },
  };
  console.log(JSON.stringify(report, null, 2));
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/bench-map.json', JSON.stringify(report, null, 2));
} finally {
  await browser.close();
  await host.stop();
}
