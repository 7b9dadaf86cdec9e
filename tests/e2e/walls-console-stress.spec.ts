// The console's camera tree with a district's 26,000 cameras: it loads, searches and drags without building a
// DOM row per camera.
import { test, expect } from '@playwright/test';
import { startHost, type RunningHost } from '../support/browser-host';
import { createStressWorkspace, type StressWorkspace } from '../fixtures/stress-workspace';

let workspace: StressWorkspace;
let host: RunningHost;

test.beforeAll(async () => {
  workspace = await createStressWorkspace();
  host = await startHost(['--workspace', workspace.workspaceDir, '--state-dir', workspace.stateDir]);
});
test.afterAll(async () => {
  await host?.stop();
  await workspace?.remove();
});

test('26,000 cameras: the tree stays virtual, search finds one, and it goes onto the wall', async ({
  page,
}) => {
  await page.goto(host.urls.get('console')!);
  const tree = page.getByTestId('camera-tree');
  await expect(tree).toHaveAttribute('data-camera-count', '26000');
  await page.getByTestId('camera-tree').getByRole('tab', { name: '按标签' }).click();
  const rows = page.getByTestId('camera-rows');
  // Open the biggest tag: thousands of rows in the list, a few dozen in the DOM.
  await page.getByTestId('camera-group').first().click();
  expect(Number(await rows.getAttribute('data-row-count'))).toBeGreaterThan(1_000);
  expect(await page.locator('.virtual-row').count()).toBeLessThan(80);
  await rows.evaluate((element) => (element.scrollTop = element.scrollHeight / 2));
  await expect(page.getByTestId('camera-row').first()).toBeVisible();

  const started = Date.now();
  await page.getByTestId('camera-search').fill(workspace.sample.id);
  await expect(page.getByTestId('camera-matches')).toHaveText(/找到 1 路/);
  const searchMs = Date.now() - started;
  expect(searchMs, 'search answers within a second (120 ms of it is the typing debounce)').toBeLessThan(
    1_000,
  );

  const row = page.locator(`[data-testid="camera-row"][data-camera-id="${workspace.sample.id}"]`).first();
  const cell = page.locator(
    '[data-testid="mimic-display"][data-display-id="right"] [data-testid="mimic-cell"][data-cell-index="0"]',
  );
  await row.dragTo(cell);
  await expect(cell).toHaveAttribute('data-camera-id', workspace.sample.id);
  await expect(cell).toContainText(workspace.sample.name);
  await page.screenshot({ path: 'test-results/screens/walls-console-stress.png' });
});
