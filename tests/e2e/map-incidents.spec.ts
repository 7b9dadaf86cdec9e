// The incident map end to end: the demo base map draws with nothing leaving 127.0.0.1, and clicking an incident
// puts its 4 nearest online cameras into 4 tiles of the video display, which play.
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import type { Camera } from '../../shared/model/camera';
import type { Incident } from '../../shared/model/incident';
import { nearestCameras } from '../../shared/geo/nearest-cameras';
import { startHost, type RunningHost } from '../support/browser-host';
import { coreRequest } from '../support/core-requests';

let host: RunningHost;

test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

/** Fails the test for any request (HTTP or WebSocket) to a host other than 127.0.0.1, and blocks it. */
async function guardOffline(context: BrowserContext): Promise<string[]> {
  const outside: string[] = [];
  const isLocal = (address: string) => {
    const url = new URL(address);
    if (url.protocol === 'data:' || url.protocol === 'blob:') return true;
    return url.hostname === '127.0.0.1';
  };
  await context.route('**/*', (route) => {
    if (isLocal(route.request().url())) return route.continue();
    outside.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  context.on('request', (request) => {
    if (!isLocal(request.url())) outside.push(request.url());
  });
  context.on('page', (page) =>
    page.on('websocket', (socket) => {
      if (!isLocal(socket.url())) outside.push(socket.url());
    }),
  );
  return outside;
}

/** Share of sampled canvas pixels of the map that are painted (the base map really drew). */
function paintedShare(page: Page): Promise<number> {
  return page
    .getByTestId('incident-map')
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext('2d');
      if (!context) return 0;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      let sampled = 0;
      for (let index = 3; index < data.length; index += 4 * 64) {
        sampled++;
        if (data[index]! > 0) painted++;
      }
      return painted / sampled;
    });
}

function decodedFrames(page: Page, cameraIds: readonly string[]): Promise<number[]> {
  return page.evaluate(
    (ids) =>
      ids.map((id) => {
        const video = document.querySelector<HTMLVideoElement>(
          `[data-testid="video-tile"][data-camera-id="${id}"] video`,
        );
        return video ? video.getVideoPlaybackQuality().totalVideoFrames : -1;
      }),
    cameraIds,
  );
}

test('the map draws the offline base map with no request leaving 127.0.0.1; an incident click plays its 4 nearest cameras', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const outside = await guardOffline(context);
  const left = await context.newPage();
  const right = await context.newPage();
  await left.goto(host.urls.get('wall:left')!);
  await right.goto(host.urls.get('wall:right')!);

  const map = left.getByTestId('incident-map');
  await expect(map).toHaveAttribute('data-camera-count', '240');
  await expect.poll(() => paintedShare(left), { timeout: 15_000 }).toBeGreaterThan(0.3);
  await expect(map).not.toHaveAttribute('data-incident-targets', '[]');
  await left.screenshot({ path: 'test-results/screens/map-wall-left.png' });

  // The wall's map is read only: a wall window is a machine, so hovering shows the tooltip and a click
  // commands nothing. The operator pulls the cameras from the console's map, which is the same widget.
  const wallTargets = JSON.parse((await map.getAttribute('data-incident-targets'))!) as {
    x: number;
    y: number;
  }[];
  const wallBox = (await map.boundingBox())!;
  await left.mouse.click(wallBox.x + wallTargets[0]!.x, wallBox.y + wallTargets[0]!.y);
  await left.waitForTimeout(1_000);
  await expect(left.getByTestId('map-message')).toHaveCount(0);

  const consolePage = await context.newPage();
  await consolePage.goto(host.urls.get('console')!);
  const consoleMap = consolePage.getByTestId('incident-map');
  await expect(consoleMap).toHaveAttribute('data-camera-count', '240');
  await expect(consoleMap).not.toHaveAttribute('data-incident-targets', '[]');

  // The incident to click: one drawn as a single symbol (at the pixel the map reports for it) with at least
  // 4 online cameras within 500 m, as the core's own data says.
  const targets = JSON.parse((await consoleMap.getAttribute('data-incident-targets'))!) as {
    id: string;
    x: number;
    y: number;
  }[];
  const consoleUrl = host.urls.get('console')!;
  const { incidents } = await coreRequest<{ incidents: Incident[] }>(consoleUrl, 'incidents.list');
  const { crs, cameras } = await coreRequest<{ crs: 'wgs84'; cameras: Camera[] }>(consoleUrl, 'cameras.get');
  const candidates = targets.flatMap((candidate) => {
    const incident = incidents.find((entry) => entry.id === candidate.id);
    if (!incident) return [];
    const nearest = nearestCameras(cameras, {
      position: incident.position,
      count: 4,
      radiusMetres: 500,
      cameraCrs: crs,
    });
    return nearest.length === 4
      ? [{ target: candidate, incident, expected: nearest.map((entry) => entry.camera.id) }]
      : [];
  });
  expect(candidates.length, 'an incident on screen with 4 cameras within 500 m').toBeGreaterThan(0);
  const { target, incident, expected } = candidates[0]!;

  const box = (await consoleMap.boundingBox())!;
  await consolePage.mouse.move(box.x + target.x, box.y + target.y);
  await expect(consolePage.getByTestId('map-tooltip')).toContainText(incident.title);
  await consolePage.mouse.click(box.x + target.x, box.y + target.y);
  await expect(consolePage.getByTestId('map-message')).toContainText('已调阅周边视频');

  // The daily wall's right display is 3 × 3 video: the 4 cameras fill its top-left 2 × 2 block, nearest first.
  const tileIds = () =>
    right.$$eval('[data-testid="video-tile"]', (tiles) =>
      tiles.map((tile) => tile.getAttribute('data-camera-id')),
    );
  await expect
    .poll(async () => (await tileIds()).filter((_, index) => [0, 1, 3, 4].includes(index)))
    .toEqual(expected);

  await expect
    .poll(async () => (await decodedFrames(right, expected)).every((frames) => frames > 0), {
      timeout: 20_000,
    })
    .toBe(true);
  const before = await decodedFrames(right, expected);
  await right.waitForTimeout(2_000);
  const after = await decodedFrames(right, expected);
  after.forEach((frames, index) =>
    expect(frames, `${expected[index]} advanced`).toBeGreaterThan(before[index]!),
  );
  await right.screenshot({ path: 'test-results/screens/map-nearest-cameras.png' });

  expect(outside, 'requests that left 127.0.0.1').toEqual([]);
  await context.close();
});
