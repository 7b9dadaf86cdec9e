// Playback (回放) end to end on the demo: an operator opens a camera in the console preview, opens its playback,
// picks a time on the timeline — the tile is framed amber with 回放 and a running recorded time, its frames advance
// — seeks, changes speed, and goes back to live (no 回放, frames advance, the core's playback stopped). An
// incident's 回看事发前 2 分钟 plays its nearest camera from two minutes before it was raised.
import { test, expect, type Locator, type Page } from '@playwright/test';
import type { Camera } from '../../shared/model/camera';
import type { Incident } from '../../shared/model/incident';
import { nearestCameras } from '../../shared/geo/nearest-cameras';
import { startHost, type RunningHost } from '../support/browser-host';
import { coreRequest } from '../support/core-requests';

test.describe.configure({ mode: 'serial' });

let host: RunningHost;

test.beforeAll(async () => {
  // No new demo incident during the test: the seeded ones stay where they are.
  host = await startHost(['--demo-incident-seconds', '3600', '--fault-injection']);
});
test.afterAll(async () => {
  await host?.stop();
});

/** Playbacks open on the demo media server (its test-only stats). */
async function openPlaybacks(): Promise<number> {
  const wallUrl = [...host.urls].find(([key]) => key.startsWith('wall:'))![1];
  const token = new URL(wallUrl).searchParams.get('token') ?? '';
  const response = await fetch(`${host.origin}/test/media/stats?token=${encodeURIComponent(token)}`);
  return ((await response.json()) as { playbacks: number }).playbacks;
}

/** Decoded frames of the first <video> inside `scope`. */
function framesIn(scope: Locator): Promise<number> {
  return scope
    .locator('video')
    .first()
    .evaluate((video: HTMLVideoElement) => video.getVideoPlaybackQuality().totalVideoFrames);
}

async function expectFramesAdvance(scope: Locator): Promise<void> {
  await expect.poll(() => framesIn(scope), { timeout: 20_000 }).toBeGreaterThan(0);
  const before = await framesIn(scope);
  await expect.poll(() => framesIn(scope), { timeout: 5_000 }).toBeGreaterThan(before + 10);
}

const recordedTime = async (page: Page) =>
  Number(await page.getByTestId('playback-badge').getAttribute('data-recorded-time'));

/** Clicks the timeline at a fraction of its width; returns the time under the click. */
async function pickOnTimeline(page: Page, fraction: number): Promise<number> {
  const timeline = page.getByTestId('playback-timeline');
  const box = (await timeline.boundingBox())!;
  const from = Number(await timeline.getAttribute('data-from'));
  const to = Number(await timeline.getAttribute('data-to'));
  await timeline.click({ position: { x: box.width * fraction, y: 12 } });
  return from + fraction * (to - from);
}

test('an operator plays a camera back from the timeline, seeks, and returns to live', async ({ page }) => {
  test.setTimeout(180_000); // several steps, each waiting for a tile to play on a shared two-core machine
  await page.goto(host.urls.get('console')!);
  await page
    .locator(
      '[data-testid="mimic-display"][data-display-id="right"] [data-testid="mimic-cell"][data-cell-index="0"]',
    )
    .click({ position: { x: 10, y: 30 } });
  await page.getByTestId('tile-preview-toggle').click();
  const preview = page.getByTestId('tile-preview');
  await expect(preview.getByTestId('video-tile')).toHaveAttribute('data-state', 'playing', {
    timeout: 20_000,
  });
  const cameraId = await preview.getByTestId('video-tile').getAttribute('data-camera-id');

  await preview.getByTestId('tile-preview-playback').click();
  const panel = page.getByTestId('playback-panel');
  await expect(panel).toHaveAttribute('data-camera-id', cameraId!);
  await expect(panel.getByTestId('playback-recording').first()).toBeVisible();
  expect(await panel.getByTestId('playback-recording').count()).toBeGreaterThanOrEqual(2); // a gap or more

  // Six hours back (or the end of the gap there).
  const picked = await pickOnTimeline(page, 0.75);
  const badge = panel.getByTestId('playback-badge');
  await expect(badge).toContainText('回放');
  await expect(badge.getByTestId('playback-time')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  const startedAt = Number(await panel.getAttribute('data-starts-at'));
  expect(startedAt).toBeGreaterThanOrEqual(picked - 1_000);
  expect(startedAt - picked).toBeLessThan(45 * 60_000);
  const frame = panel.getByTestId('playback-frame');
  await expect(frame.getByTestId('video-tile')).toHaveAttribute('data-state', 'playing', { timeout: 20_000 });
  await expectFramesAdvance(frame);
  // Unmistakable: an amber frame, and never the green live dot.
  expect(await frame.evaluate((element) => getComputedStyle(element).borderTopColor)).toBe(
    'rgb(217, 164, 65)',
  );
  await expect(frame.locator('.live-dot')).toHaveCount(0);
  // The recorded time runs.
  const first = await recordedTime(page);
  await expect.poll(() => recordedTime(page), { timeout: 5_000 }).toBeGreaterThan(first + 1_500);
  expect(await openPlaybacks()).toBe(1);
  await page.screenshot({ path: 'test-results/screens/playback-console.png' });
  await frame.screenshot({ path: 'test-results/screens/playback-tile.png' });

  // Seek: twenty hours back; the badge jumps there and the picture goes on.
  const seekTarget = await pickOnTimeline(page, 1 / 6);
  await expect.poll(() => recordedTime(page)).toBeLessThan(first - 10 * 3600_000);
  expect(Math.abs((await recordedTime(page)) - seekTarget)).toBeLessThan(45 * 60_000);
  expect(await panel.getAttribute('data-playback-id')).not.toBeNull();
  await expectFramesAdvance(frame);

  // Speeds: 2× is real on the demo; 8× is not, and says so.
  await panel.locator('[data-testid="playback-speed"][data-speed="2"]').click();
  await expect(badge).toContainText('2×');
  const eight = panel.locator('[data-testid="playback-speed"][data-speed="8"]');
  await expect(eight).toBeDisabled();
  await expect(eight.locator('..')).toHaveAttribute('title', /只支持 1、2、4 倍速/);
  const atTwo = await recordedTime(page);
  await page.waitForTimeout(2_000);
  expect((await recordedTime(page)) - atTwo).toBeGreaterThan(3_000);

  // Pause holds the recorded time.
  await panel.getByTestId('playback-pause').click();
  await expect(badge).toContainText('已暂停');
  const paused = await recordedTime(page);
  await page.waitForTimeout(1_500);
  expect(await recordedTime(page)).toBe(paused);
  await panel.getByTestId('playback-pause').click();
  await expect(badge).not.toContainText('已暂停');

  // 回到实时: the live tile again, no 回放 anywhere, frames advance, and the core let the recording go.
  await panel.getByTestId('playback-live').click();
  await expect(page.getByTestId('playback-badge')).toHaveCount(0);
  await expect(page.getByTestId('playback-panel')).toHaveCount(0);
  const live = preview.getByTestId('video-tile');
  await expect(live).toHaveAttribute('data-state', 'playing', { timeout: 20_000 });
  await expect(live).toHaveAttribute('data-camera-id', cameraId!);
  await expectFramesAdvance(preview);
  await expect(live.locator('.live-dot')).toHaveCount(1);
  await expect.poll(openPlaybacks).toBe(0);
  await page.screenshot({ path: 'test-results/screens/playback-back-to-live.png' });
});

test('instant replay plays the last 30 seconds', async ({ page }) => {
  await page.goto(host.urls.get('console')!);
  await page
    .locator(
      '[data-testid="mimic-display"][data-display-id="right"] [data-testid="mimic-cell"][data-cell-index="1"]',
    )
    .click({ position: { x: 10, y: 30 } });
  await page.getByTestId('tile-preview-toggle').click();
  await page.getByTestId('tile-preview-playback').click();
  const before = Date.now();
  await page.getByTestId('playback-instant-replay').click();
  const panel = page.getByTestId('playback-panel');
  await expect(panel).toHaveAttribute('data-starts-at', /\d+/);
  const startsAt = Number(await panel.getAttribute('data-starts-at'));
  expect(startsAt).toBeGreaterThanOrEqual(before - 31_000);
  expect(startsAt).toBeLessThanOrEqual(Date.now() - 29_000);
  await expectFramesAdvance(panel.getByTestId('playback-frame'));
});

test("an incident's 回看事发前 2 分钟 plays its nearest camera from two minutes before it", async ({
  page,
}) => {
  await page.goto(host.urls.get('console')!);
  const row = page.getByTestId('incident-row').first();
  await expect(row).toBeVisible({ timeout: 20_000 });
  const incidentId = (await row.getAttribute('data-incident-id'))!;
  const { incidents } = await coreRequest<{ incidents: Incident[] }>(
    host.urls.get('console')!,
    'incidents.list',
  );
  const { cameras, crs } = await coreRequest<{ cameras: Camera[]; crs: 'wgs84' }>(
    host.urls.get('console')!,
    'cameras.get',
  );
  const incident = incidents.find((candidate) => candidate.id === incidentId)!;
  const nearest = nearestCameras(cameras, {
    position: incident.position,
    count: 1,
    radiusMetres: 1_000,
    cameraCrs: crs,
  })[0]!;

  // Two minutes before it, or the end of the recording gap those two minutes fall in (the demo's recordings have
  // a gap or two a day, as an NVR's do): the first recorded instant from then on.
  const wanted = incident.raisedAt - 120_000;
  const { spans } = await coreRequest<{ spans: Array<{ start: number; end: number }> }>(
    host.urls.get('console')!,
    'playback.recordings',
    { cameraId: nearest.camera.id, from: wanted, to: Date.now() },
  );
  const expectedStart = Math.max(wanted, spans[0]!.start);

  await row.getByTestId('incident-replay').click();
  const panel = page.getByTestId('playback-panel');
  await expect(panel).toHaveAttribute('data-camera-id', nearest.camera.id);
  await expect(panel).toHaveAttribute('data-starts-at', String(expectedStart), {
    timeout: 10_000,
  });
  await expect(panel.getByTestId('playback-badge')).toContainText('回放');
  await expectFramesAdvance(panel.getByTestId('playback-frame'));
  await page.screenshot({ path: 'test-results/screens/playback-incident.png' });
});
