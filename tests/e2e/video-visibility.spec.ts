// Tiles that are not on screen hold no player: a minimised wall window (the browser host's hidden display),
// cells hidden behind a maximised one (an inactive part of the layout), and the console's collapsed live
// preview. Counted in the page (players, engines, <video> elements) and on the media server (connections),
// and everything comes back when shown again.
import { test, expect, type Page } from '@playwright/test';
import { coreRequest } from '../support/core-requests';
import { openOwnWindow } from '../support/own-window';
import { useVideoHost } from '../support/video-host';
import { mediaControl, tileStates, videoCounts, type VideoCounts } from '../support/video-page';

test.describe.configure({ mode: 'serial' });

const video = useVideoHost('video-4');

const counts = (n: number): VideoCounts => ({
  players: n,
  engines: n,
  videoElements: n,
  videosInDocument: n,
});

/** Every tile of the page plays, with one player, engine, <video> and media connection each. */
async function expectAllPlaying(page: Page, tiles: number): Promise<void> {
  await expect
    .poll(() => tileStates(page), { timeout: 30_000 })
    .toEqual(Array<string>(tiles).fill('playing'));
  await expect.poll(() => videoCounts(page), { timeout: 10_000 }).toEqual(counts(tiles));
  await expect.poll(mediaControl(video.host).connections, { timeout: 10_000 }).toBe(tiles);
}

/** Decoded frames of every <video> in the page. */
const frames = (page: Page) =>
  page.$$eval('video', (videos) => videos.map((video) => video.getVideoPlaybackQuality().totalVideoFrames));

test('a minimised wall window holds no player, and plays again when restored', async () => {
  const window = await openOwnWindow(video.host.urls.get('wall:left')!);
  try {
    const { page } = window;
    await expectAllPlaying(page, 4);

    await window.minimise();
    await expect.poll(() => videoCounts(page)).toEqual(counts(0));
    await expect.poll(() => tileStates(page)).toEqual(Array<string>(4).fill('inactive'));
    await expect.poll(mediaControl(video.host).connections).toBe(0);
    // Nothing comes back by itself while the window stays minimised (no reconnect loop behind the scenes).
    await page.waitForTimeout(3_000);
    expect(await videoCounts(page)).toEqual(counts(0));
    expect(await mediaControl(video.host).connections()).toBe(0);

    await window.restore();
    await expectAllPlaying(page, 4);
    const before = await frames(page);
    await page.waitForTimeout(1_500);
    const after = await frames(page);
    after.forEach((count, index) => expect(count, `video ${index} advances`).toBeGreaterThan(before[index]!));
  } finally {
    await window.close();
  }
  await expect.poll(mediaControl(video.host).connections).toBe(0);
});

test('cells hidden behind a maximised cell hold no player; restore brings them back', async ({ page }) => {
  await page.goto(video.host.urls.get('wall:left')!);
  await expectAllPlaying(page, 4);
  const command = (body: Record<string, unknown>) =>
    coreRequest(video.host.urls.get('console')!, 'wall.command', { command: { displayId: 'left', ...body } });

  await command({ type: 'cell.maximize', cellIndex: 1 });
  await expect(page.locator('[data-testid="wall-cell"][data-cell-index="1"]')).toHaveAttribute(
    'data-maximized',
    'true',
  );
  // The maximised tile plays (on the main profile now that it is large); the three behind it hold nothing.
  await expect
    .poll(() => tileStates(page), { timeout: 20_000 })
    .toEqual(['inactive', 'playing', 'inactive', 'inactive']);
  await expect.poll(() => videoCounts(page)).toEqual(counts(1));
  await expect.poll(mediaControl(video.host).connections).toBe(1);

  await command({ type: 'cell.restore' });
  await expectAllPlaying(page, 4);
});

test('the console holds no player while its live preview is collapsed', async ({ browser }) => {
  const consolePage = await browser.newPage();
  try {
    await consolePage.goto(video.host.urls.get('console')!);
    const preview = consolePage.getByTestId('tile-preview');
    await expect(preview).toHaveAttribute('data-open', 'false');
    // Choose the left display's first tile: the preview would show it, but stays collapsed.
    await consolePage
      .locator(
        '[data-testid="mimic-display"][data-display-id="left"] [data-testid="mimic-cell"][data-cell-index="0"]',
      )
      .click({ position: { x: 10, y: 30 } });
    await expect(consolePage.getByTestId('selected-tile')).toContainText('第 1 格');
    await consolePage.waitForTimeout(1_500);
    expect(await videoCounts(consolePage)).toMatchObject({ players: 0, videosInDocument: 0 });
    expect(await mediaControl(video.host).connections()).toBe(0);

    await consolePage.getByTestId('tile-preview-toggle').click();
    const tile = preview.getByTestId('video-tile');
    await expect(tile).toHaveAttribute('data-camera-id', 'cam-0001');
    await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 20_000 });
    await expect.poll(() => videoCounts(consolePage)).toEqual(counts(1));
    await expect.poll(mediaControl(video.host).connections).toBe(1);
    await consolePage.screenshot({ path: 'test-results/screens/console-preview.png' });

    await consolePage.getByTestId('tile-preview-toggle').click();
    await expect(preview).toHaveAttribute('data-open', 'false');
    await expect.poll(() => videoCounts(consolePage)).toMatchObject({ players: 0, videosInDocument: 0 });
    await expect.poll(mediaControl(video.host).connections).toBe(0);
  } finally {
    await consolePage.close();
  }
});
