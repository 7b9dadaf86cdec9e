// The demo wall end to end in the browser host: two simulated displays and the console, as a user sees them.
import { test, expect, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../support/browser-host';

let host: RunningHost;

test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

async function openWindow(page: Page, name: string): Promise<void> {
  const url = host.urls.get(name);
  expect(url, `the host printed a URL for ${name}`).toBeTruthy();
  await page.goto(url!);
}

/**
 * Per video tile: the camera it shows and the decoded frames of the picture on screen. A patrol tile (the demo
 * has one on each daily display's left) also holds the next camera's player, hidden, a few seconds before
 * each change: only the shown layer counts.
 */
function shownFrames(page: Page): Promise<{ cameraId: string; frames: number }[]> {
  return page.$$eval('[data-testid="video-tile"]', (tiles) =>
    tiles.map((tile) => {
      const layers = [...tile.querySelectorAll<HTMLElement>('.video-layer')];
      const shown = layers.find((layer) => layer.style.visibility === 'visible');
      const video = shown?.querySelector('video');
      return {
        cameraId: (tile as HTMLElement).dataset.cameraId ?? '',
        frames: video ? video.getVideoPlaybackQuality().totalVideoFrames : 0,
      };
    }),
  );
}

async function expectVideoAdvancing(page: Page, tiles: number): Promise<void> {
  await expect(page.getByTestId('video-tile')).toHaveCount(tiles);
  await expect
    .poll(async () => (await shownFrames(page)).filter((tile) => tile.frames > 0).length, {
      timeout: 20_000,
    })
    .toBe(tiles);
  // A patrol may change camera between the two looks; then look again (the new picture is a new element).
  await expect(async () => {
    const before = await shownFrames(page);
    await page.waitForTimeout(2_000);
    const after = await shownFrames(page);
    expect(after).toHaveLength(tiles);
    after.forEach((tile, index) => {
      expect(tile.cameraId, `tile ${index} kept its camera while measured`).toBe(before[index]!.cameraId);
      expect(tile.frames, `tile ${index} (${tile.cameraId}) advanced`).toBeGreaterThan(before[index]!.frames);
    });
  }).toPass({ timeout: 20_000 });
}

test('both wall displays play every video tile, and the frames keep advancing', async ({ browser }) => {
  const left = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const right = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await openWindow(left, 'wall:left');
  await openWindow(right, 'wall:right');
  // 日常: a patrol of the street lookouts beside the map on the left, nine cameras on the right.
  await expect(left.locator('[data-testid="video-tile"][data-kind="video.patrol"]')).toHaveCount(1);
  await expect(right.getByTestId('video-tile')).toHaveCount(9);
  const leftTiles = await left.getByTestId('video-tile').count();
  const rightTiles = await right.getByTestId('video-tile').count();
  await expectVideoAdvancing(left, leftTiles);
  await expectVideoAdvancing(right, rightTiles);
  // The patrol moves on by itself (10 s per lookout) and the next lookout plays.
  const patrol = left.locator('[data-testid="video-tile"][data-kind="video.patrol"]');
  const firstLookout = await patrol.getAttribute('data-camera-id');
  await expect(patrol).not.toHaveAttribute('data-camera-id', firstLookout!, { timeout: 15_000 });
  await expect(patrol).toHaveAttribute('data-state', 'playing');
  await expect(patrol.getByTestId('tile-caption')).toHaveText(/^轮巡 \d\/7$/);
  await right.screenshot({ path: 'test-results/screens/wall-right.png' });
  await left.close();
  await right.close();
});

test('the trend chart shows live values that change over time', async ({ page }) => {
  await openWindow(page, 'wall:left');
  const chart = page.getByTestId('trend-chart').first();
  await expect(chart).toHaveAttribute('data-points', /^[1-9]\d*$/);
  const firstPoints = Number(await chart.getAttribute('data-points'));
  await expect
    .poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 10_000 })
    .toBeGreaterThan(firstPoints);
  // Every KPI value on screen says how old it is.
  const tiles = page.getByTestId('kpi-tile');
  expect(await tiles.count()).toBeGreaterThan(0);
  await expect(tiles.first().getByTestId('value-age')).toHaveText(/秒前|分钟前/);
});

test('the map draws the district and the camera layer', async ({ page }) => {
  await openWindow(page, 'wall:left');
  const map = page.getByTestId('incident-map');
  await expect(map).toHaveAttribute('data-camera-count', /^[1-9]\d{2,}$/);
  // The canvas really holds drawn pixels, not an empty layer.
  const paintedPixels = await map
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext('2d');
      if (!context) return 0;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      for (let index = 3; index < data.length; index += 4 * 16) if (data[index]! > 0) painted++;
      return painted;
    });
  expect(paintedPixels).toBeGreaterThan(1_000);
});

test('switching the scenario from the console changes both display windows, and 返回 goes back', async ({
  browser,
}) => {
  const consolePage = await browser.newPage();
  const left = await browser.newPage();
  const right = await browser.newPage();
  await openWindow(consolePage, 'console');
  await openWindow(left, 'wall:left');
  await openWindow(right, 'wall:right');
  await expect(left.locator('[data-scenario-id]')).toHaveAttribute('data-scenario-id', 'daily');
  const dailyLeftCells = await left.getByTestId('wall-cell').count();
  const dailyRightCells = await right.getByTestId('wall-cell').count();

  await consolePage.locator('[data-testid="scenario-button"][data-scenario-id="flood-typhoon"]').click();
  await expect(consolePage.getByTestId('console-message')).toContainText('防汛防台');
  for (const page of [left, right]) {
    await expect(page.locator('[data-scenario-id]')).toHaveAttribute('data-scenario-id', 'flood-typhoon');
    await expect(page.getByTestId('scenario-name')).toHaveText('防汛防台');
  }
  await expect(left.getByTestId('wall-cell')).not.toHaveCount(dailyLeftCells);
  await expect(right.getByTestId('wall-cell')).toHaveCount(16);
  await expect(
    consolePage.locator('[data-testid="mimic-display"][data-display-id="right"] [data-testid="mimic-cell"]'),
  ).toHaveCount(16);
  await right.screenshot({ path: 'test-results/screens/wall-right-flood.png' });

  await consolePage.getByTestId('return-button').click();
  for (const page of [left, right]) {
    await expect(page.locator('[data-scenario-id]')).toHaveAttribute('data-scenario-id', 'daily');
  }
  await expect(left.getByTestId('wall-cell')).toHaveCount(dailyLeftCells);
  await expect(right.getByTestId('wall-cell')).toHaveCount(dailyRightCells);
  await Promise.all([consolePage.close(), left.close(), right.close()]);
});

test('Chinese text renders as real glyphs, not boxes', async ({ page }) => {
  await openWindow(page, 'console');
  await expect(page.getByText('值班控制台')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/console.png' });
  // Draw two different characters with the UI's own font: missing glyphs render as identical boxes (tofu).
  const result = await page.evaluate(async () => {
    await document.fonts.ready;
    const font = `48px ${getComputedStyle(document.body).fontFamily}`;
    const draw = (text: string) => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 64;
      const context = canvas.getContext('2d')!;
      context.font = font;
      context.fillStyle = '#fff';
      context.fillText(text, 8, 52);
      return Array.from(context.getImageData(0, 0, 64, 64).data.filter((_, index) => index % 4 === 3));
    };
    const sky = draw('天');
    const curtain = draw('幕');
    const ink = (pixels: number[]) => pixels.filter((alpha) => alpha > 0).length;
    const differing = sky.filter((alpha, index) => alpha !== curtain[index]).length;
    return { differing, skyInk: ink(sky), curtainInk: ink(curtain) };
  });
  expect(result.skyInk).toBeGreaterThan(100);
  expect(result.curtainInk).toBeGreaterThan(100);
  expect(result.differing, 'two different Chinese characters draw differently').toBeGreaterThan(100);
});

test('the console switches to English and back', async ({ page }) => {
  await openWindow(page, 'console');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByText('Duty console')).toBeVisible();
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByText('值班控制台')).toBeVisible();
});
