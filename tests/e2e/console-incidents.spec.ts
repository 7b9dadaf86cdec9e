// The console's incident list and map end to end: an alarm raised by a backend (this test's own feed server) appears
// on two open consoles without a reload, 确认 on one shows who acknowledged it on both, 调阅周边视频 fills wall
// tiles with its nearest cameras, and a camera clicked on the console map plays in the mimic cell selected first.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import type { Camera } from '../../shared/model/camera';
import type { Incident } from '../../shared/model/incident';
import { nearestCameras } from '../../shared/geo/nearest-cameras';
import { startHost, type RunningHost } from '../support/browser-host';
import { coreRequest } from '../support/core-requests';
import { startWebSocketFeedServer, type WebSocketFeedServer } from '../support/feed-servers';
import { tempDemoWorkspace, type TempWorkspace } from '../support/temp-workspace';

let server: WebSocketFeedServer;
let workspace: TempWorkspace;
let host: RunningHost;
let cameras: Camera[];

test.beforeAll(async () => {
  server = await startWebSocketFeedServer({ heartbeatMs: 300 });
  workspace = await tempDemoWorkspace();
  // The demo keeps its simulated values and incidents; the test's feed adds the alarms the test raises.
  await writeFile(
    path.join(workspace.workspaceDir, 'sources.json'),
    JSON.stringify({
      sources: [
        { id: 'demo', kind: 'demo' },
        {
          id: 'test-alarms',
          name: { zh: '测试告警', en: 'Test alarms' },
          kind: 'tianmu-ws',
          url: server.url,
        },
      ],
    }),
  );
  // The demo seeds its ten incidents but raises no new one for an hour: a demo alarm arriving mid-test (one
  // every 25 s on average) would take the top row and the count from the test's own alarm on a slow machine.
  host = await startHost([
    '--workspace',
    workspace.workspaceDir,
    '--state-dir',
    workspace.stateDir,
    '--demo-incident-seconds',
    '3600',
  ]);
  ({ cameras } = await coreRequest<{ cameras: Camera[] }>(host.urls.get('console')!, 'cameras.get'));
});

test.afterAll(async () => {
  await host?.stop();
  await server?.stop();
  await workspace?.remove();
});

/** Raises an incident through the feed server, beside an online camera so its nearby video exists. */
function raiseIncident(id: string, beside: Camera): Incident {
  const now = Date.now();
  const incident: Incident = {
    id,
    title: `测试告警 ${id}：道路积水`,
    category: 'flood',
    severity: 'red',
    position: [beside.position[0] + 0.0003, beside.position[1] + 0.0002],
    street: beside.street,
    grid: beside.grid,
    source: 'test-alarms',
    status: 'new',
    raisedAt: now,
    updatedAt: now,
    isDrill: false,
  };
  server.publish({}, { incidents: [incident] });
  return incident;
}

function row(page: Page, incidentId: string) {
  return page.locator(`[data-testid="incident-row"][data-incident-id="${incidentId}"]`);
}

test('a new alarm appears on two consoles, 确认 shows on both, 调阅周边视频 fills wall tiles', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const first = await context.newPage();
  const second = await context.newPage();
  const right = await context.newPage();
  await first.goto(host.urls.get('console')!);
  await second.goto(host.urls.get('console')!);
  await right.goto(host.urls.get('wall:right')!);
  await expect(first.getByTestId('incident-row').first()).toBeVisible();
  await expect.poll(() => server.clientCount).toBeGreaterThan(0);
  const badge = first.getByTestId('incident-unacknowledged-count');
  const countBefore = Number(await badge.getAttribute('data-count'));

  const beside = cameras.find((camera) => camera.isOnline && camera.street === 'waitan')!;
  const incident = raiseIncident('test-00001', beside);

  // Newest first, marked as unacknowledged, counted, in its warning colour — on both consoles, no reload.
  for (const page of [first, second]) {
    await expect(page.getByTestId('incident-row').first()).toHaveAttribute('data-incident-id', incident.id);
    await expect(row(page, incident.id)).toHaveAttribute('data-status', 'new');
    await expect(row(page, incident.id)).toContainText('红色');
    await expect(row(page, incident.id)).toContainText('积水内涝');
    await expect(row(page, incident.id)).toContainText('外滩街道');
    await expect(row(page, incident.id)).toContainText(/\d+ 秒前/);
  }
  await expect(badge).toHaveAttribute('data-count', String(countBefore + 1));

  await row(first, incident.id).getByTestId('incident-acknowledge').click();
  for (const page of [first, second]) {
    await expect(row(page, incident.id)).toHaveAttribute('data-status', 'acknowledged');
    await expect(row(page, incident.id).getByTestId('incident-status')).toContainText(
      /本地管理员 \d\d:\d\d:\d\d 确认/,
    );
    await expect(row(page, incident.id).getByTestId('incident-acknowledge')).toHaveCount(0);
  }
  await expect(badge).toHaveAttribute('data-count', String(countBefore));

  // 调阅周边视频 from the second console: the 4 nearest online cameras fill the daily right display's
  // top-left 2 × 2 block, nearest first (the same rule as a click on the map).
  const expected = nearestCameras(cameras, {
    position: incident.position,
    count: 4,
    radiusMetres: 500,
    cameraCrs: 'wgs84',
  }).map((entry) => entry.camera.id);
  expect(expected.length).toBe(4);
  await row(second, incident.id).getByTestId('incident-show-nearby').click();
  await expect(second.getByTestId('console-message')).toContainText('已调阅周边视频');
  const tileIds = () =>
    right.$$eval('[data-testid="video-tile"]', (tiles) =>
      tiles.map((tile) => tile.getAttribute('data-camera-id')),
    );
  await expect
    .poll(async () => (await tileIds()).filter((_, index) => [0, 1, 3, 4].includes(index)))
    .toEqual(expected);
  await first.screenshot({ path: 'test-results/screens/console-incidents.png' });
  await context.close();
});

test('a camera clicked on the console map plays in the mimic cell selected first', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const consolePage = await context.newPage();
  const right = await context.newPage();
  await consolePage.goto(host.urls.get('console')!);
  await right.goto(host.urls.get('wall:right')!);

  const cell = consolePage.locator(
    '[data-testid="mimic-display"][data-display-id="right"] [data-testid="mimic-cell"][data-cell-index="8"]',
  );
  await cell.click();
  await expect(cell).toHaveAttribute('data-selected', 'true');
  await expect(consolePage.getByTestId('selected-tile')).toContainText('右屏 第 9 格');

  // Where a camera is drawn: the map reports its incidents' pixels; a straight fit of those against their
  // positions places any point of the district to within a pixel or two (the district spans a few kilometres).
  const map = consolePage.getByTestId('console-map').getByTestId('incident-map');
  await expect(map).toHaveAttribute('data-camera-count', '240');
  await expect(map).not.toHaveAttribute('data-incident-targets', '[]');
  const { incidents } = await coreRequest<{ incidents: Incident[] }>(
    host.urls.get('console')!,
    'incidents.list',
  );
  const targets = (
    JSON.parse((await map.getAttribute('data-incident-targets'))!) as { id: string; x: number; y: number }[]
  )
    .map((target) => ({ ...target, incident: incidents.find((entry) => entry.id === target.id)! }))
    .filter((target) => target.incident);
  const fit = (pick: (target: (typeof targets)[number]) => [number, number]) => {
    const points = targets.map(pick);
    const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
    const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
    const slope =
      points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0) /
      points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
    return (value: number) => meanY + slope * (value - meanX);
  };
  const toX = fit((target) => [target.incident.position[0], target.x]);
  const toY = fit((target) => [target.incident.position[1], target.y]);

  // A camera on its own: nothing else drawn within 20 px, so the click can only mean it.
  const pixel = (position: readonly [number, number]) => [toX(position[0]), toY(position[1])] as const;
  const drawn = [
    ...cameras.map((camera) => pixel(camera.position)),
    ...incidents
      .filter((incident) => incident.status !== 'closed')
      .map((incident) => pixel(incident.position)),
  ];
  const box = (await map.boundingBox())!;
  const candidates = cameras.filter((camera) => {
    if (!camera.isOnline) return false;
    const [x, y] = pixel(camera.position);
    if (x < 40 || y < 40 || x > box.width - 40 || y > box.height - 60) return false;
    const neighbours = drawn.filter(([otherX, otherY]) => Math.hypot(otherX - x, otherY - y) < 20);
    return neighbours.length === 1;
  });
  expect(candidates.length, 'a camera drawn on its own').toBeGreaterThan(0);
  const camera = candidates[0]!;
  const [x, y] = pixel(camera.position);
  await consolePage.mouse.move(box.x + x, box.y + y);
  await expect(map.getByTestId('map-tooltip')).toContainText(camera.name);
  await consolePage.mouse.click(box.x + x, box.y + y);
  await expect(map.getByTestId('map-message')).toContainText('已上墙');

  await expect(
    right.locator('[data-testid="wall-cell"][data-cell-index="8"] [data-testid="video-tile"]'),
  ).toHaveAttribute('data-camera-id', camera.id);
  await expect(cell).toHaveAttribute('data-camera-id', camera.id);
  await expect
    .poll(
      () =>
        right
          .locator('[data-testid="wall-cell"][data-cell-index="8"] video')
          .evaluate((video: HTMLVideoElement) => video.getVideoPlaybackQuality().totalVideoFrames),
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
  await context.close();
});
