// Patrol churn: 200 camera swaps over 16 patrol tiles, driven from the console's 下一路 buttons, leave exactly
// one player, one <video> and one media connection per tile, every tile playing the camera it should.
import { test, expect, type Page } from '@playwright/test';
import { useVideoHost } from '../support/video-host';
import { mediaControl, videoCounts } from '../support/video-page';

const tiles = 16;
const video = useVideoHost('patrol-16');

/** Demo camera id of patrol tile `tile`'s camera at `position` (see video-workspace.ts). */
const patrolCamera = (tile: number, position: number) =>
  `cam-${String(tile * 4 + (position % 4) + 1).padStart(4, '0')}`;

const patrolSteps = (wall: Page) =>
  wall.$$eval('[data-testid="video-tile"]', (elements) =>
    elements.map((element) => Number(element.dataset.patrolStep)),
  );

/** `steps`: each tile's patrol step (steps from the epoch plus the swaps asked for). */
async function expectSettled(wall: Page, steps: number[], connections: () => Promise<number>): Promise<void> {
  // The old picture stays until the new camera plays: wait for every tile to show its own camera, playing.
  const expected = steps.map((step, tile) => `${patrolCamera(tile, step)} playing`);
  await expect
    .poll(
      () =>
        wall.$$eval('[data-testid="video-tile"]', (elements) =>
          elements.map((element) => `${element.dataset.cameraId} ${element.dataset.state}`),
        ),
      { timeout: 30_000 },
    )
    .toEqual(expected);
  await expect
    .poll(() => videoCounts(wall), { timeout: 10_000 })
    .toEqual({
      players: tiles,
      engines: tiles,
      videoElements: tiles,
      videosInDocument: tiles,
    });
  await expect.poll(connections, { timeout: 10_000 }).toBe(tiles);
}

test('200 patrol swaps leave players, <video> elements and media connections equal to the tiles', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const media = mediaControl(video.host);
  const wall = await browser.newPage();
  const console = await browser.newPage();
  // Pages of browser.newPage() outlive a failed test: close them in every case.
  try {
    await runChurn(wall, console);
  } finally {
    await Promise.all([wall.close(), console.close()]);
  }
  await expect.poll(media.connections, { timeout: 10_000 }).toBe(0);
});

async function runChurn(wall: Page, console: Page): Promise<void> {
  const media = mediaControl(video.host);
  await wall.goto(video.host.urls.get('wall:left')!);
  await console.goto(video.host.urls.get('console')!);
  await expect(wall.getByTestId('video-tile')).toHaveCount(tiles);
  const controls = console.getByTestId('patrol-control');
  await expect(controls).toHaveCount(tiles);
  // Dwell 1 h in this wall: every change below comes from the console, none from the clock.
  // A running patrol counts its steps from the epoch, so every window derives the same camera.
  const steps = await patrolSteps(wall);
  let swaps = 0;
  await expectSettled(wall, steps, media.connections);

  for (const round of [1, 2]) {
    for (let swap = 0; swap < 100; swap++) {
      const tile = (swap * 7 + round) % tiles; // spread, with repeats on the same tile back to back
      // The console's own button handler, without Playwright's per-click actionability waits (slow under load).
      await controls.nth(tile).getByTestId('patrol-next').dispatchEvent('click');
      steps[tile]!++;
      swaps++;
      // Some swaps land while the previous camera is still connecting, some after it plays.
      if (swap % 10 === 0) await wall.waitForTimeout(300);
    }
    await expect.poll(() => patrolSteps(wall)).toEqual(steps);
    await expectSettled(wall, steps, media.connections);
  }
  expect(swaps).toBe(200);

  // Pause and resume from the console; the tile says 轮巡已暂停 while paused.
  await controls.first().getByTestId('patrol-pause').click();
  const first = wall.getByTestId('video-tile').first();
  await expect(first).toHaveAttribute('data-patrol-paused', 'true');
  await expect(first.getByTestId('tile-caption')).toHaveText(/^轮巡已暂停 \d\/4$/);
  await wall.screenshot({ path: 'test-results/screens/video-patrol.png' });
  await controls.first().getByTestId('patrol-resume').click();
  await expect(first).toHaveAttribute('data-patrol-paused', 'false');
  await expect(first.getByTestId('tile-caption')).toHaveText(/^轮巡 \d\/4$/);
}
