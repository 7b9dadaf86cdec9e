// `npm run docs:screenshots`: the README's pictures of the demo wall, the console, the leader view and the widget
// gallery, taken from the built browser host in Chromium once every tile plays and the charts hold data. Writes
// docs/screenshots/ at 1280 px wide (a 1920 × 1080 window at device scale 2/3), the leader view as a phone shows
// it (390 × 844 at device scale 2). Not part of `npm test`.
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startHost, type RunningHost } from '../support/browser-host';
import { findChromium } from '../support/find-chromium';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outputFolder = path.join(root, 'docs', 'screenshots');
/** Over this a picture makes the repository heavy for what it shows; the script refuses it. */
const largestBytes = 400 * 1024;
const windowSize = { width: 1920, height: 1080 };

async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({
    // The waits below are strings Playwright evaluates in the page; the app's CSP (script-src 'self') refuses
    // that eval whenever a wait has to poll (seen: 'unsafe-eval' is not an allowed source). Pictures only.
    bypassCSP: true,
    viewport: windowSize,
    deviceScaleFactor: 1280 / windowSize.width,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  await page.goto(url);
  return page;
}

// The checks below run in the page: they are strings because this file is typed for Node, without the DOM.

/** Every video tile shown is playing and has decoded a few frames, so no tile is caught connecting. */
const tilesPlaying = `(() => {
  const tiles = [...document.querySelectorAll('[data-testid="video-tile"]')];
  return tiles.length > 0 && tiles.every((tile) => {
    const shown = [...tile.querySelectorAll('.video-layer')].find((layer) => layer.style.visibility === 'visible');
    const video = shown && shown.querySelector('video');
    return tile.dataset.state === 'playing' && video !== null && video.getVideoPlaybackQuality().totalVideoFrames > 5;
  });
})()`;

/** Every trend chart holds a few points and every map its cameras. */
const chartsFilled = `(() =>
  [...document.querySelectorAll('[data-testid="trend-chart"]')].every((chart) => Number(chart.dataset.points || 0) > 1) &&
  [...document.querySelectorAll('[data-testid="incident-map"]')].every((map) => Number(map.dataset.cameraCount || 0) > 0)
)()`;

async function waitForPlayingTiles(page: Page): Promise<void> {
  await page.waitForFunction(tilesPlaying, undefined, { timeout: 60_000, polling: 500 });
}

/** Waits until the charts and maps hold data and the fonts are in, then lets the chart animations finish. */
async function waitForSettledCharts(page: Page): Promise<void> {
  await page.waitForFunction(chartsFilled, undefined, { timeout: 60_000, polling: 500 });
  await page.evaluate('document.fonts.ready.then(() => true)');
  // ECharts animates a series for about a second after each update; two seconds leaves it at rest.
  await page.waitForTimeout(2_000);
}

/**
 * PNG for the console and the gallery (text and flat colour); JPEG at quality 80 for the walls, whose video
 * tiles would make a PNG of about 1 MB.
 */
async function save(page: Page, name: string): Promise<void> {
  const file = path.join(outputFolder, name);
  const quality = name.endsWith('.jpg') ? { type: 'jpeg' as const, quality: 80 } : {};
  await page.screenshot({ path: file, animations: 'disabled', ...quality });
  const { size } = await stat(file);
  console.log(`${path.relative(root, file)}  ${Math.round(size / 1024)} KB`);
  if (size > largestBytes) throw new Error(`${name} is ${size} bytes, over ${largestBytes}: make it smaller`);
}

async function main(): Promise<void> {
  await mkdir(outputFolder, { recursive: true });
  const { executablePath } = findChromium();
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  let host: RunningHost | undefined;
  try {
    host = await startHost();
    const urls = host.urls;
    const walls = await Promise.all(
      ['wall:left', 'wall:right'].map((name) => openPage(browser, urls.get(name)!)),
    );
    const consolePage = await openPage(browser, urls.get('console')!);
    for (const wall of walls) await waitForPlayingTiles(wall);
    for (const wall of walls) await waitForSettledCharts(wall);
    await save(walls[0]!, 'wall-left.jpg');
    await save(walls[1]!, 'wall-right.jpg');

    await consolePage.getByText('值班控制台').waitFor();
    await consolePage.locator('[data-testid="incident-row"]').first().waitFor({ timeout: 60_000 });
    await consolePage.evaluate('document.fonts.ready.then(() => true)');
    await consolePage.waitForTimeout(1_000);
    await save(consolePage, 'console.png');
    await Promise.all([...walls, consolePage].map((page) => page.close()));

    // The leader view on a phone (390 × 844 CSS px at device scale 2): the top of the page, as a leader sees it.
    const leaderUrl = new URL(urls.get('console')!);
    leaderUrl.hash = '#/leader';
    const leaderPage = await browser.newPage({
      bypassCSP: true,
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    await leaderPage.goto(leaderUrl.toString());
    await leaderPage.locator('[data-testid="leader-incident"]').first().waitFor({ timeout: 60_000 });
    await leaderPage.evaluate('document.fonts.ready.then(() => true)');
    await leaderPage.waitForTimeout(1_000);
    await save(leaderPage, 'leader-phone.png');
    await leaderPage.close();

    const gallery = new URL(urls.get('console')!);
    gallery.hash = '#/gallery';
    const galleryPage = await openPage(browser, gallery.toString());
    await galleryPage.getByTestId('gallery').waitFor();
    await waitForSettledCharts(galleryPage);
    await save(galleryPage, 'gallery.png');
  } finally {
    await browser.close();
    await host?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
