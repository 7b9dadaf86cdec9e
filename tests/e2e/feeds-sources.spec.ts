// Live data end to end: a Tianmu feed server run by this test feeds the wall through the browser host.
// Stopping it makes every widget showing its values look stale within the limit + 1 s, and reconnecting
// recovers them; a threshold crossing recolours the KPI and lists the indicator on the warnings board.
import { test, expect, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../support/browser-host';
import { startWebSocketFeedServer, type WebSocketFeedServer } from '../support/feed-servers';
import { createFeedWorkspace, type FeedWorkspace } from '../support/feed-workspace';

const staleAfterSeconds = 3;
let server: WebSocketFeedServer;
let workspace: FeedWorkspace;
let host: RunningHost;
let publisher: ReturnType<typeof setInterval>;
/** The rain value the feed publishes every 200 ms (tests change it to cross thresholds). */
let rain = 12.5;

test.beforeAll(async () => {
  server = await startWebSocketFeedServer({ heartbeatMs: 300 });
  server.publish({ 'rain-1h': rain, 'tide-bund': 3.2 });
  publisher = setInterval(() => server.publish({ 'rain-1h': rain, 'tide-bund': 3.2 }), 200);
  workspace = await createFeedWorkspace({ feedUrl: server.url, staleAfterSeconds });
  host = await startHost(['--workspace', workspace.directory]);
});

test.afterAll(async () => {
  clearInterval(publisher);
  await host?.stop();
  await server?.stop();
  await workspace?.remove();
});

async function openWall(page: Page): Promise<void> {
  await page.goto(host.urls.get('wall:left')!);
  await expect(page.locator('[data-testid="kpi-tile"][data-indicator-id="rain-1h"]')).toHaveAttribute(
    'data-source-ts',
    /^\d+$/,
  );
}

/** Records in the page the moment (page clock) each selected element's data-stale attribute becomes `value`. */
async function watchStale(page: Page, selectors: string[], value: 'true' | 'false'): Promise<void> {
  await page.evaluate(
    ({ selectors, value }) => {
      const seen: Record<string, number> = {};
      (window as unknown as { staleSeen: Record<string, number> }).staleSeen = seen;
      const check = () => {
        for (const selector of selectors) {
          if (
            seen[selector] === undefined &&
            document.querySelector(selector)?.getAttribute('data-stale') === value
          )
            seen[selector] = Date.now();
        }
      };
      new MutationObserver(check).observe(document.body, {
        subtree: true,
        attributes: true,
        childList: true,
      });
      check();
    },
    { selectors, value },
  );
}

const rainWidgets = [
  '[data-testid="kpi-tile"][data-indicator-id="rain-1h"]',
  '[data-testid="gauge"][data-indicator-id="rain-1h"]',
  '[data-testid="trend-chart"] [data-indicator-id="rain-1h"]',
];

test('stopping a source makes its widgets look stale within the limit + 1 s, and they recover on reconnect', async ({
  browser,
}) => {
  const wall = await browser.newPage();
  const consolePage = await browser.newPage();
  await openWall(wall);
  await consolePage.goto(host.urls.get('console')!);
  const chip = consolePage.locator('[data-testid="source-chip"][data-source-id="test-feed"]');
  await expect(chip).toHaveAttribute('data-state', 'open');
  for (const selector of rainWidgets)
    await expect(wall.locator(selector)).toHaveAttribute('data-stale', 'false');
  // A value from the demo source stays fresh throughout: only the stopped source's widgets go stale.
  const aqi = wall.locator('[data-testid="kpi-tile"][data-indicator-id="aqi"]');

  await watchStale(wall, rainWidgets, 'true');
  const lastSourceTime = Number(await wall.locator(rainWidgets[0]!).getAttribute('data-source-ts'));
  const stoppedAt = Date.now();
  await server.stop();

  await expect(wall.locator(rainWidgets[0]!)).toHaveAttribute('data-stale', 'true', { timeout: 10_000 });
  await expect
    .poll(() =>
      wall.evaluate(() => Object.keys((window as unknown as { staleSeen: object }).staleSeen).length),
    )
    .toBe(rainWidgets.length);
  const seen = await wall.evaluate(
    () => (window as unknown as { staleSeen: Record<string, number> }).staleSeen,
  );
  for (const selector of rainWidgets) {
    const afterStop = seen[selector]! - stoppedAt;
    test.info().annotations.push({ type: 'stale after stop', description: `${selector}: ${afterStop} ms` });
    expect(afterStop, `${selector} stale within the limit + 1 s`).toBeLessThanOrEqual(
      staleAfterSeconds * 1_000 + 1_000,
    );
    // …and not before its value really was older than the limit.
    expect(seen[selector]! - lastSourceTime).toBeGreaterThanOrEqual(staleAfterSeconds * 1_000);
  }
  await expect(wall.locator(rainWidgets[0]!)).toContainText('数据过期');
  await expect(aqi).toHaveAttribute('data-stale', 'false');
  await expect(wall.getByTestId('source-badge')).toHaveAttribute('data-down', '1');
  await expect(chip).toHaveAttribute('data-state', 'reconnecting');
  await wall.screenshot({ path: 'test-results/screens/feeds-stale.png' });

  await server.start();
  for (const selector of rainWidgets) {
    await expect(wall.locator(selector)).toHaveAttribute('data-stale', 'false', { timeout: 8_000 });
  }
  await expect(wall.getByTestId('source-badge')).toHaveAttribute('data-down', '0');
  await expect(chip).toHaveAttribute('data-state', 'open');
  await Promise.all([wall.close(), consolePage.close()]);
});

test('a threshold crossing recolours the KPI and lists the indicator on the warnings board', async ({
  page,
}) => {
  await openWall(page);
  const tile = page.locator('[data-testid="kpi-tile"][data-indicator-id="rain-1h"]');
  const row = page.locator('[data-testid="warning-row"][data-indicator-id="rain-1h"]');
  await expect(tile).toHaveAttribute('data-level', 'normal');
  await expect(row).toHaveCount(0);
  const normalBorder = await tile.evaluate((element) => getComputedStyle(element).borderLeftColor);

  rain = 82.5; // red is 70 mm/h
  await expect(tile).toHaveAttribute('data-level', 'red');
  expect(await tile.evaluate((element) => getComputedStyle(element).borderLeftColor)).toBe('rgb(230, 0, 0)');
  expect(normalBorder).not.toBe('rgb(230, 0, 0)');
  await expect(row).toHaveAttribute('data-level', 'red');
  await expect(row).toContainText('红色');
  await expect(row).toContainText('82.5');
  await expect(page.locator('[data-testid="gauge"][data-indicator-id="rain-1h"]')).toHaveAttribute(
    'data-level',
    'red',
  );
  // Most severe first.
  await expect(page.getByTestId('warning-row').first()).toHaveAttribute('data-level', 'red');
  await page.screenshot({ path: 'test-results/screens/feeds-red.png' });

  rain = 40; // yellow (35), still above red's hysteresis band
  await expect(tile).toHaveAttribute('data-level', 'yellow');
  await expect(row).toHaveAttribute('data-level', 'yellow');
  rain = 5;
  await expect(tile).toHaveAttribute('data-level', 'normal');
  await expect(row).toHaveCount(0);
});

test('every value on screen carries its source time', async ({ browser }) => {
  for (const name of ['wall:left', 'wall:right']) {
    const page = await browser.newPage();
    await page.goto(host.urls.get(name)!);
    const values = page.locator('[data-source-ts]');
    await expect(values.first()).toHaveAttribute('data-source-ts', /^\d+$/);
    await expect
      .poll(async () =>
        values.evaluateAll((elements) =>
          elements.every((element) => {
            const ts = Number(element.getAttribute('data-source-ts'));
            return (
              ts > Date.now() - 3_600_000 &&
              /数据时间 \d\d:\d\d:\d\d/.test(element.getAttribute('title') ?? '')
            );
          }),
        ),
      )
      .toBe(true);
    expect(await values.count()).toBeGreaterThanOrEqual(name === 'wall:left' ? 5 : 3);
    await page.close();
  }
});

test('a value stamped far in the future is refused and counted on the source strip, and real values keep showing', async ({
  browser,
}) => {
  const wall = await browser.newPage();
  const consolePage = await browser.newPage();
  await openWall(wall);
  await consolePage.goto(host.urls.get('console')!);
  server.publish({ 'rain-1h': 99.9 }, { ts: 8.64e15 });

  const refused = consolePage.locator(
    '[data-testid="source-chip"][data-source-id="test-feed"] [data-testid="source-refused"]',
  );
  await expect(refused).toHaveText(/^已拒收 \d+$/);
  await expect(refused).toHaveAttribute('title', /vitals\/rain-1h: time .* ahead of this clock/);
  // The wall goes on showing the feed's real values, stamped now, never the future-stamped one.
  const tile = wall.locator('[data-testid="kpi-tile"][data-indicator-id="rain-1h"]');
  await expect
    .poll(async () => Math.abs(Number(await tile.getAttribute('data-source-ts')) - Date.now()))
    .toBeLessThan(5_000);
  await expect(tile).not.toContainText('99.9');
  await Promise.all([wall.close(), consolePage.close()]);
});
