// The map's demo-fed layers end to end: risk shading over the 85 grids from the demo risk map, IoT sensors with
// alarmed ones highlighted, and follow-incident mode moving the view to a new incident.
import { test, expect, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../support/browser-host';
import { coreRequest } from '../support/core-requests';
import type { Incident } from '../../shared/model/incident';
import { distanceMetres } from '../../shared/geo/distance';

let host: RunningHost;

test.beforeAll(async () => {
  // New demo incidents every ~2 s instead of ~25 s, so follow-incident mode has something to follow quickly.
  host = await startHost(['--demo-incident-seconds', '2']);
});
test.afterAll(async () => {
  await host?.stop();
});

/** Puts a map widget with these options into the big top-left cell of the left display. */
async function showMap(options: Record<string, unknown>): Promise<void> {
  await coreRequest(host.urls.get('console')!, 'wall.command', {
    command: {
      type: 'cell.assign',
      displayId: 'left',
      cellIndex: 0,
      widget: { kind: 'map.incidents', options },
    },
  });
}

/** Share of sampled map pixels (over every canvas of the map) shaded in the risk ramp's purple. */
function purpleShare(page: Page): Promise<number> {
  return page.getByTestId('incident-map').evaluate((element) => {
    let purple = 0;
    let sampled = 0;
    for (const canvas of element.querySelectorAll('canvas')) {
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0) continue;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      for (let index = 0; index < data.length; index += 4 * 97) {
        sampled++;
        const [red, green, blue] = [data[index]!, data[index + 1]!, data[index + 2]!];
        // Red and blue both well above green: the ramp's purples, not the map's blues or the warning colours.
        if (red > green + 25 && blue > green + 40) purple++;
      }
    }
    return sampled === 0 ? 0 : purple / sampled;
  });
}

test('the risk layer shades all 85 grids from the demo risk map, with a legend', async ({ page }) => {
  await showMap({ layers: ['district', 'grids', 'risk'] });
  await page.goto(host.urls.get('wall:left')!);
  const map = page.getByTestId('incident-map');
  await expect(map).toHaveAttribute('data-risk-shaded', '85');
  await expect(page.getByTestId('risk-legend')).toContainText('风险指数');
  await expect.poll(() => purpleShare(page), { timeout: 15_000 }).toBeGreaterThan(0.1);
  await page.screenshot({ path: 'test-results/screens/map-risk.png' });
});

test('the sensors layer draws the demo IoT sensors, alarmed ones counted, with a plain-text tooltip', async ({
  page,
}) => {
  await showMap({ layers: ['district', 'grids', 'sensors'] });
  await page.goto(host.urls.get('wall:left')!);
  const map = page.getByTestId('incident-map');
  await expect(map).not.toHaveAttribute('data-sensor-targets', '[]');
  const alarms = Number(await map.getAttribute('data-sensor-alarms'));
  expect(alarms).toBeGreaterThan(0);
  await expect(map.locator('.legend')).toContainText('物联感知 45');

  const [target] = JSON.parse((await map.getAttribute('data-sensor-targets'))!) as { x: number; y: number }[];
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + target!.x, box.y + target!.y);
  const tooltip = page.getByTestId('map-tooltip');
  await expect(tooltip).toContainText(/告警|正常/);
  expect(await tooltip.locator('b, script, img').count()).toBe(0);
  await page.screenshot({ path: 'test-results/screens/map-sensors.png' });
});

test('follow-incident mode moves the view to a new incident', async ({ page }) => {
  // Looking at the district's south-west corner: new demo incidents are raised all over the district.
  const start: [number, number] = [121.445, 31.2];
  await showMap({
    layers: ['district', 'grids', 'incidents'],
    center: start,
    zoom: 16,
    followIncidents: 'blue',
  });
  const openedAt = Date.now();
  await page.goto(host.urls.get('wall:left')!);
  const map = page.getByTestId('incident-map');
  await expect(page.getByText('跟随新事件')).toBeVisible();
  await expect(map).not.toHaveAttribute('data-view-center', '');
  const center = async () =>
    ((await map.getAttribute('data-view-center')) ?? '').split(',').map(Number) as [number, number];

  // The view leaves the configured centre and comes to rest on an incident raised after the map opened (the demo
  // raises one every ~2 s here, so the first may arrive before the map has drawn once: no check of the start).
  await expect
    .poll(
      async () => {
        const here = await center();
        const { incidents } = await coreRequest<{ incidents: Incident[] }>(
          host.urls.get('console')!,
          'incidents.list',
        );
        return incidents.some(
          (incident) => incident.raisedAt >= openedAt && distanceMetres(incident.position, here) < 5,
        );
      },
      { timeout: 30_000, intervals: [500] },
    )
    .toBe(true);
  expect(distanceMetres(await center(), start)).toBeGreaterThan(100);
  await page.screenshot({ path: 'test-results/screens/map-follow.png' });
});
