// Faults a wall must show in words: an H.265 stream this Chromium cannot decode, a stream that stops sending
// without closing (its frozen picture greyed out within seconds, stalled within watchdog + 2 s), a media server
// that refuses the viewer (无权限), and a snapshot of a live tile saved into the workspace.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { useVideoHost } from '../support/video-host';
import { mediaControl, pictureFigures } from '../support/video-page';

const video = useVideoHost('video-faults');

test('an H.265 stream shows 编码不支持 with the codec, a stalled stream 画面停滞 within 12 s, and a snapshot is saved', async ({
  page,
}) => {
  await page.goto(video.host.urls.get('wall:left')!);
  const hevc = page.locator('[data-testid="video-tile"][data-camera-id="cam-hevc"]');
  const stalling = page.locator('[data-testid="video-tile"][data-camera-id="cam-0006"]');
  const live = page.locator('[data-testid="video-tile"][data-camera-id="cam-0001"]');

  await expect(hevc).toHaveAttribute('data-state', 'unsupported');
  await expect(hevc).toContainText('编码不支持 (H.265)');
  await expect(stalling).toHaveAttribute('data-state', 'playing', { timeout: 20_000 });
  await expect(live).toHaveAttribute('data-state', 'playing');

  const stateOverlay = stalling.getByTestId('tile-state');
  await expect(stateOverlay).toBeHidden();
  const livePicture = await pictureFigures(page, await stalling.screenshot());
  expect(livePicture.saturation, 'the live spiral is colourful').toBeGreaterThan(0.2);

  // The stream keeps its connection open and sends nothing, like a camera that froze behind its server.
  const media = mediaControl(video.host);
  await media.stall('cam-06');
  const stalledAt = Date.now();
  // Long before the watchdog gives up on the connection, the frozen picture stops looking live: greyed,
  // hatched and framed under 画面停滞 with the time of its last frame, and no live dot.
  await expect(stalling).toHaveAttribute('data-frozen', 'true', { timeout: 6_000 });
  expect(Date.now() - stalledAt, 'frozen picture marked within 6 s').toBeLessThanOrEqual(6_000);
  await expect(stateOverlay).toBeVisible();
  await expect(stateOverlay).toContainText('画面停滞');
  await expect(stateOverlay).toContainText(/最后画面 \d\d:\d\d:\d\d/);
  await expect(stalling.locator('.live-dot')).toHaveCount(0);
  const frozen = await pictureFigures(page, await stalling.screenshot());
  expect(frozen.saturation, 'the frozen frame shows no colour').toBeLessThan(0.04);
  expect(frozen.brightness, 'the frozen frame is still there, dimmed').toBeGreaterThan(25);
  expect(frozen.brightness, 'dimmed below the live picture').toBeLessThan(livePicture.brightness);
  // From now on the server refuses new viewers of this stream, so the reconnects after the watchdog fail (over
  // WebSocket a refusal reads as 离线) and the tile stays down long enough to look at it. Otherwise the first
  // reconnect would play the server's cached GOP of the stalled stream within a second.
  await media.forbid('cam-06');

  await expect(stalling).toHaveAttribute('data-state', 'stalled', { timeout: 12_000 });
  const detectedAfter = Date.now() - stalledAt;
  expect(detectedAfter, 'stalled shown within the 10 s watchdog + 2 s').toBeLessThanOrEqual(12_000);
  expect(detectedAfter, 'not before the watchdog time').toBeGreaterThanOrEqual(9_000);
  await expect(stalling).toContainText('画面停滞');
  await expect(stalling).toContainText(/最后画面 \d\d:\d\d:\d\d/);
  // The player let go of the connection and its reconnects fail: the greyed last picture stays through
  // 画面停滞, 重连中 and 离线, never a black tile.
  await expect(stalling).toHaveAttribute('data-state', /^(reconnecting|offline)$/, { timeout: 10_000 });
  await expect(stalling.getByTestId('tile-still')).toBeVisible();
  const afterWatchdog = await pictureFigures(page, await stalling.screenshot());
  expect(afterWatchdog.saturation).toBeLessThan(0.04);
  expect(afterWatchdog.brightness, 'not a black tile').toBeGreaterThan(25);
  await expect(stalling).not.toHaveAttribute('data-state', 'playing');
  await page.screenshot({ path: 'test-results/screens/video-faults.png' });
  await media.permit('cam-06');
  await media.resume('cam-06');
  await expect(stalling).toHaveAttribute('data-state', 'playing', { timeout: 20_000 });
  await expect(stalling).not.toHaveAttribute('data-frozen', 'true');
  await expect(stateOverlay).toBeHidden();
  await expect(stalling.getByTestId('tile-still')).toBeHidden();
  await expect
    .poll(async () => (await pictureFigures(page, await stalling.screenshot())).saturation)
    .toBeGreaterThan(0.2);

  // Snapshot: the PNG lands in <workspace>/snapshots/ and holds a real picture, not a black frame.
  await live.hover();
  await live.getByTestId('tile-snapshot').click();
  const notice = live.getByTestId('tile-notice');
  await expect(notice).toContainText('截图已保存：snapshots/cam-0001-');
  const file = /snapshots\/[\w-]+\.png/.exec((await notice.textContent()) ?? '')![0];
  const saved = path.join(video.workspace.directory, file);
  expect(existsSync(saved)).toBe(true);
  const png = readFileSync(saved);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.readUInt32BE(16), 'width of the 640×360 stream').toBe(640);
  expect(png.readUInt32BE(20)).toBe(360);
  const brightness = await page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    let sum = 0;
    for (let index = 0; index < data.length; index += 4)
      sum += data[index]! + data[index + 1]! + data[index + 2]!;
    return sum / (data.length / 4) / 3;
  }, png.toString('base64'));
  expect(brightness, 'the snapshot shows the picture, not black').toBeGreaterThan(30);

  // The statistics overlay names latency, frame rate, dropped frames, bitrate, profile and state.
  await live.getByTestId('tile-statistics-toggle').click();
  const statistics = live.getByTestId('tile-statistics');
  await expect(statistics).toContainText('延迟');
  await expect(statistics).toContainText(/帧率\s*2[0-9]/);
  await expect(statistics).toContainText('子码流');
  await expect(statistics).toContainText('播放中');
  await page.screenshot({ path: 'test-results/screens/video-statistics.png' });
});

test('a media server that refuses the viewer (HTTP 403) shows 无权限, and the tile plays once permitted', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto(video.host.urls.get('wall:left')!);
  const refused = page.locator('[data-testid="video-tile"][data-camera-id="cam-http"]');
  await expect(refused).toHaveAttribute('data-state', 'playing', { timeout: 20_000 });
  const media = mediaControl(video.host);
  // An auth hook starts refusing; a new publishing session drops the open connection, so the tile asks again.
  await media.forbid('cam-05');
  await media.restart('cam-05');
  await expect(refused).toHaveAttribute('data-state', 'forbidden', { timeout: 20_000 });
  await expect(refused.getByTestId('tile-state')).toContainText('无权限');
  await expect(refused.getByTestId('tile-state')).toContainText(/即将第 \d+ 次重连/);
  await page.screenshot({ path: 'test-results/screens/video-forbidden.png' });
  await media.permit('cam-05');
  await expect(refused).toHaveAttribute('data-state', 'playing', { timeout: 40_000 });
});
