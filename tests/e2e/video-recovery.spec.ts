// Sixteen WS-FLV tiles from one host survive ten media-server outages of 5 s each with no operator action,
// and leave exactly one player and one <video> per tile behind.
import { test, expect, type Page } from '@playwright/test';
import { useVideoHost } from '../support/video-host';
import { decodedFrames, mediaControl, tileStates, videoCounts } from '../support/video-page';

const tiles = 16;
const cycles = 10;
const video = useVideoHost('video-16');

async function expectAllPlaying(page: Page, timeout: number): Promise<void> {
  await expect
    .poll(async () => (await tileStates(page)).filter((state) => state === 'playing').length, { timeout })
    .toBe(tiles);
}

/** Every tile's frames advance over one second (the picture moves, it is not a frozen last frame). */
async function expectFramesAdvancing(page: Page): Promise<void> {
  const before = await decodedFrames(page);
  await page.waitForTimeout(1_000);
  const after = await decodedFrames(page);
  expect(after).toHaveLength(tiles);
  after.forEach((frames, index) => expect(frames, `video ${index} advanced`).toBeGreaterThan(before[index]!));
}

test('16 WS-FLV tiles play, show reconnecting through 10 outages of 5 s and play again by themselves', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const media = mediaControl(video.host);
  const recoveries: number[] = [];
  await page.goto(video.host.urls.get('wall:left')!);
  await expect(page.getByTestId('video-tile')).toHaveCount(tiles);
  await expectAllPlaying(page, 30_000);
  await expectFramesAdvancing(page);
  expect(await media.connections()).toBe(tiles);

  for (let cycle = 1; cycle <= cycles; cycle++) {
    const reconnectsBefore = await page.$$eval('[data-testid="video-tile"]', (elements) =>
      elements.map((element) => Number(element.dataset.reconnects)),
    );
    await media.stopServer();
    const stoppedAt = Date.now();
    await expect
      .poll(async () => (await tileStates(page)).filter((state) => state === 'playing').length, {
        timeout: 5_000,
      })
      .toBe(0);
    // Every tile says so in words while the server is away (offline → reconnecting, with the attempt).
    await expect(page.getByText(/重连中 \(第 \d+ 次\)|即将第 \d+ 次重连/)).toHaveCount(tiles, {
      timeout: 4_000,
    });
    if (cycle === 1) await page.screenshot({ path: 'test-results/screens/video-reconnecting.png' });
    await page.waitForTimeout(Math.max(0, stoppedAt + 5_000 - Date.now()));
    await media.startServer();
    const startedAt = Date.now();
    await expectAllPlaying(page, 20_000);
    recoveries.push(Date.now() - startedAt);
    const reconnectsAfter = await page.$$eval('[data-testid="video-tile"]', (elements) =>
      elements.map((element) => Number(element.dataset.reconnects)),
    );
    reconnectsAfter.forEach((count, index) =>
      expect(count, `tile ${index} reconnected in cycle ${cycle}`).toBeGreaterThan(reconnectsBefore[index]!),
    );
    // Steady playback (TilePlayer's stablePlaybackMs, 3 s): the next outage starts the backoff afresh.
    await page.waitForTimeout(3_500);
  }

  await expectFramesAdvancing(page);
  console.log(`[video-recovery] all 16 playing again after restart (ms): ${recoveries.join(', ')}`);
  await page.screenshot({ path: 'test-results/screens/video-recovered.png' });
  expect(await videoCounts(page)).toEqual({
    players: tiles,
    engines: tiles,
    videoElements: tiles,
    videosInDocument: tiles,
  });
  await expect.poll(() => media.connections(), { timeout: 5_000 }).toBe(tiles);
});
