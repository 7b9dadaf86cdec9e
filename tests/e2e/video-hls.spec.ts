// HLS for real: a camera on the demo server's live HLS (the workspace's `hls` platform template) plays through
// hls.js in Chromium beside a WS-FLV camera, recovers after the media server goes down, says 无权限 while the
// server refuses it, and leaves no player, <video> element or playlist polling behind once its tile is gone.
import { test, expect, type Page } from '@playwright/test';
import { coreRequest } from '../support/core-requests';
import { useVideoHost } from '../support/video-host';
import { mediaControl, pictureFigures, videoCounts } from '../support/video-page';

const video = useVideoHost('video-hls');

/** Decoded frames of the picture a tile shows (its visible player layer). */
function shownFrames(page: Page, cameraId: string): Promise<number> {
  return page
    .locator(`[data-testid="video-tile"][data-camera-id="${cameraId}"] .video-layer`)
    .evaluateAll((layers) => {
      const shown = layers.find((layer) => (layer as HTMLElement).style.visibility === 'visible');
      return shown?.querySelector('video')?.getVideoPlaybackQuality().totalVideoFrames ?? 0;
    });
}

async function hlsRequests(): Promise<number> {
  // The fault control answers to the core's access token: the wall windows' (the console has its own ticket).
  const token = new URL(video.host.urls.get('wall:left')!).searchParams.get('token') ?? '';
  const response = await fetch(`${video.host.origin}/test/media/stats?token=${encodeURIComponent(token)}`);
  return ((await response.json()) as { hlsRequests: number }).hlsRequests;
}

test('an HLS camera plays in Chromium, recovers from an outage, shows 无权限 when refused, and leaves nothing behind', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const wallUrl = new URL(video.host.urls.get('wall:left')!);
  wallUrl.searchParams.set('videoStats', '1'); // every tile opens with its statistics overlay
  await page.goto(wallUrl.toString());
  const hls = page.locator('[data-testid="video-tile"][data-camera-id="cam-hls"]');
  const flv = page.locator('[data-testid="video-tile"][data-camera-id="cam-0002"]');
  await expect(hls).toHaveAttribute('data-state', 'playing', { timeout: 20_000 });
  await expect(flv).toHaveAttribute('data-state', 'playing');
  // Really HLS: the tile's player loads the playlist template's URL, and the server answers HLS requests.
  await expect(hls.getByTestId('tile-statistics')).toContainText('播放中');
  const url = await page.evaluate(() => {
    const diagnostics = (window as unknown as { __tianmuVideo: { statistics(): { url: string }[] } })
      .__tianmuVideo;
    return diagnostics.statistics().map((entry) => entry.url);
  });
  expect(url.filter((entry) => /\/media\/hls\/cam-01\/index\.m3u8$/.test(entry))).toHaveLength(1);
  expect(await hlsRequests()).toBeGreaterThan(1);

  // Frames advance at about the stream's 25 fps, and the picture is the colourful test pattern, not black.
  const before = await shownFrames(page, 'cam-hls');
  await page.waitForTimeout(4_000);
  const advanced = (await shownFrames(page, 'cam-hls')) - before;
  expect(advanced, 'about 100 frames in 4 s').toBeGreaterThan(80);
  await expect(hls).toHaveAttribute('data-state', 'playing');
  await expect(hls).not.toHaveAttribute('data-frozen', 'true');
  expect((await pictureFigures(page, await hls.screenshot())).saturation).toBeGreaterThan(0.2);
  await page.screenshot({ path: 'test-results/screens/video-hls.png' });
  await expect
    .poll(() => videoCounts(page))
    .toEqual({
      players: 2,
      engines: 2,
      videoElements: 2,
      videosInDocument: 2,
    });

  // The media server goes down for 5 s: the HLS tile says so and plays again by itself.
  const media = mediaControl(video.host);
  await media.stopServer();
  await expect(hls).not.toHaveAttribute('data-state', 'playing', { timeout: 20_000 });
  await expect(hls.getByTestId('tile-state')).toBeVisible();
  await page.waitForTimeout(5_000);
  await media.startServer();
  await expect(hls).toHaveAttribute('data-state', 'playing', { timeout: 40_000 });
  await expect(flv).toHaveAttribute('data-state', 'playing', { timeout: 20_000 });
  const recovered = await shownFrames(page, 'cam-hls');
  await expect.poll(() => shownFrames(page, 'cam-hls')).toBeGreaterThan(recovered + 25);
  await expect
    .poll(() => videoCounts(page))
    .toEqual({
      players: 2,
      engines: 2,
      videoElements: 2,
      videosInDocument: 2,
    });

  // The platform starts refusing this viewer (HTTP 403 on the playlist): 无权限, until it is permitted again.
  await media.forbid('cam-01');
  await expect(hls).toHaveAttribute('data-state', 'forbidden', { timeout: 30_000 });
  await expect(hls.getByTestId('tile-state')).toContainText('无权限');
  await media.permit('cam-01');
  await expect(hls).toHaveAttribute('data-state', 'playing', { timeout: 40_000 });

  // hls.js demuxes in a Web Worker: one while the HLS tile lives (the FLV tile's mpegts.js runs without one).
  await expect.poll(() => page.workers().length).toBe(1);

  // The operator replaces the HLS tile with a clock: its player, <video>, worker and polling are gone.
  await coreRequest(video.host.urls.get('console')!, 'wall.command', {
    command: { type: 'cell.assign', displayId: 'left', cellIndex: 0, widget: { kind: 'clock', options: {} } },
  });
  await expect(hls).toHaveCount(0);
  await expect
    .poll(() => videoCounts(page))
    .toEqual({
      players: 1,
      engines: 1,
      videoElements: 1,
      videosInDocument: 1,
    });
  await expect.poll(() => page.workers().length, { message: 'no worker outlives its tile' }).toBe(0);
  // hls.js may have one request in flight when it is destroyed; after that, nothing more may arrive.
  await page.waitForTimeout(1_000);
  const settled = await hlsRequests();
  await page.waitForTimeout(4_000);
  expect(await hlsRequests(), 'no playlist or segment request after the tile is gone').toBe(settled);
  await expect(flv).toHaveAttribute('data-state', 'playing');
});
