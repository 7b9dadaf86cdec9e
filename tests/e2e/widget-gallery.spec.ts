// The widget gallery (#/gallery): every registered kind from its fixtures, in three sizes and hidden, renders
// in the browser host without a failed widget or an overlap, and is kept as a screenshot for a human look.
import { test, expect } from '@playwright/test';
import { widgetOptionSchemas } from '../../shared/model/widget';
import { startHost, type RunningHost } from '../support/browser-host';

let host: RunningHost;

test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

test('every widget kind renders from its fixtures in every size and state, side by side', async ({
  page,
}) => {
  const url = new URL(host.urls.get('console')!);
  url.hash = '#/gallery';
  await page.goto(url.toString());
  const gallery = page.getByTestId('gallery');
  await expect(gallery).toBeVisible();

  const kinds = await page
    .getByTestId('gallery-kind')
    .evaluateAll((sections) => sections.map((section) => section.getAttribute('data-kind')));
  expect(kinds.sort()).toEqual(Object.keys(widgetOptionSchemas).sort());
  for (const kind of kinds) {
    const entries = page.locator(`[data-testid="gallery-entry"][data-kind="${kind}"]`);
    const looks = await entries.evaluateAll((elements) =>
      elements.map((element) => `${element.getAttribute('data-size')}/${element.getAttribute('data-state')}`),
    );
    expect(new Set(looks), kind!).toEqual(
      new Set(['medium/shown', 'small/shown', 'large/shown', 'small/hidden']),
    );
  }

  // What each kind draws once its data has come: maps their cameras, KPI tiles, gauges and rankings, the board.
  const shownMaps = page.locator(
    '[data-testid="gallery-entry"][data-state="shown"] [data-testid="incident-map"]',
  );
  await expect(shownMaps).toHaveCount(4);
  for (const map of await shownMaps.all()) await expect(map).not.toHaveAttribute('data-camera-count', '0');
  await expect(page.getByTestId('kpi-tile').first()).toBeVisible();
  await expect(page.getByTestId('gauge').first()).toBeVisible();
  await expect(page.getByTestId('ranking').first()).toBeVisible();
  await expect(page.getByTestId('warnings-board').first()).toBeVisible();
  await expect(gallery).not.toContainText('组件出错');

  // No two entries overlap, and no widget draws outside its cell.
  const boxes = await page.getByTestId('gallery-entry').evaluateAll((elements) =>
    elements.map((element) => {
      const { left, top, right, bottom } = element.getBoundingClientRect();
      return { key: element.getAttribute('data-kind'), left, top, right, bottom };
    }),
  );
  for (const [index, box] of boxes.entries())
    for (const other of boxes.slice(index + 1)) {
      const isApart =
        box.right <= other.left ||
        other.right <= box.left ||
        box.bottom <= other.top ||
        other.bottom <= box.top;
      expect(isApart, `${box.key} overlaps ${other.key}`).toBe(true);
    }

  // A small KPI cell (320×200, two tiles) still shows each tile's name whole: not squeezed under its value.
  const clipped = await page
    .locator('[data-testid="gallery-entry"] [data-testid="kpi-tile"]')
    .evaluateAll((tiles) =>
      tiles.flatMap((tile) => {
        const name = tile.querySelector('.name')!;
        const isWhole = name.scrollHeight <= name.clientHeight + 1;
        return isWhole ? [] : [`${tile.getAttribute('data-indicator-id')} in a ${tile.clientHeight} px tile`];
      }),
    );
  expect(clipped).toEqual([]);

  // The whole gallery on one screenshot: the window as tall as the page (the app frame itself never scrolls).
  const height = await gallery.evaluate((element) => element.scrollHeight);
  await page.setViewportSize({ width: 1920, height: Math.ceil(height) });
  await page.waitForTimeout(1_500); // ECharts animates its first drawing for about a second
  await page.screenshot({ path: 'test-results/screens/gallery.png' });
});
