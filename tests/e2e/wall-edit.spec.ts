// The wall edited live from the console's mimic (issue 18, point 2): a display changed from 4 to 9 tiles plays
// 9 tiles on the wall and 返回 restores the 4 exactly (same state hash); 另存为场景 reaches a second console at once
// and is there after the host restarts; a tile dragged between cells of the mimic swaps on the wall.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startHost, type RunningHost } from '../support/browser-host';
import { tempDemoWorkspace, type TempWorkspace } from '../support/temp-workspace';

test.describe.configure({ mode: 'serial' });
// Nine live tiles, five drags and a host restart on a shared 2-core machine.
test.setTimeout(300_000);

let workspace: TempWorkspace;
let host: RunningHost;
let pages: { console: Page; secondConsole: Page; right: Page };

const hostArgs = () => ['--workspace', workspace.workspaceDir, '--state-dir', workspace.stateDir];
const camera = (cameraId: string) => ({ kind: 'video.camera', options: { cameraId, profile: 'auto' } });

/** Two scenarios whose right display is 2×2 cameras (the demo has none), made from the daily one. */
async function addQuadScenarios(): Promise<void> {
  const folder = path.join(workspace.workspaceDir, 'scenarios');
  const daily = JSON.parse(await readFile(path.join(folder, 'daily.json'), 'utf8'));
  const quads = {
    'quad-a': ['cam-0001', 'cam-0017', 'cam-0031', 'cam-0041'],
    'quad-b': ['cam-0051', 'cam-0149', 'cam-0061', 'cam-0155'],
  };
  for (const [id, cameraIds] of Object.entries(quads)) {
    const scenario = {
      ...daily,
      id,
      name: { zh: `四分屏 ${id.slice(-1)}`, en: `Quad ${id.slice(-1)}` },
      triggers: [],
      displays: {
        ...daily.displays,
        right: { layout: { rows: 2, columns: 2, merges: [] }, cells: cameraIds.map(camera) },
      },
    };
    await writeFile(path.join(folder, `${id}.json`), `${JSON.stringify(scenario, null, 2)}\n`);
  }
}

async function openAll(browser: Browser): Promise<void> {
  const open = async (name: string) => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(host.urls.get(name)!);
    return page;
  };
  pages = {
    console: await open('console'),
    secondConsole: await open('console'),
    right: await open('wall:right'),
  };
  for (const page of [pages.console, pages.secondConsole])
    await expect(page.getByTestId('console')).toHaveAttribute('data-state-hash', /^[0-9a-f]{64}$/);
}

async function closeAll(): Promise<void> {
  await Promise.all(Object.values(pages ?? {}).map((page) => page.close()));
}

const hashOf = (page: Page) => page.locator('[data-state-hash]').first().getAttribute('data-state-hash');
const rightMimic = () => pages.console.locator('[data-testid="mimic-display"][data-display-id="right"]');
const scenarioButton = (page: Page, scenarioId: string) =>
  page.locator(`[data-testid="scenario-button"][data-scenario-id="${scenarioId}"]`);

/** Decoded frames of the video in one wall cell. */
function cellFrames(page: Page, cellIndex: number): Promise<number> {
  return page
    .locator(`[data-testid="wall-cell"][data-cell-index="${cellIndex}"] video`)
    .evaluate((video: HTMLVideoElement) => video.getVideoPlaybackQuality().totalVideoFrames);
}

test.beforeAll(async ({ browser }) => {
  workspace = await tempDemoWorkspace();
  await addQuadScenarios();
  host = await startHost(hostArgs());
  await openAll(browser);
});
test.afterAll(async () => {
  await closeAll();
  await host?.stop();
  await workspace?.remove();
});

test('a display changed from 4 to 9 tiles on the mimic plays 9 tiles on the wall, and 返回 restores the 4 exactly', async () => {
  await scenarioButton(pages.console, 'quad-a').click();
  await expect(pages.right.getByTestId('wall-cell')).toHaveCount(4);
  await expect(pages.right.locator('.wall-display')).toHaveAttribute('data-scenario-id', 'quad-a');
  const beforeSwitch = (await hashOf(pages.console))!;

  await scenarioButton(pages.console, 'quad-b').click();
  await expect(pages.right.locator('.wall-display')).toHaveAttribute('data-scenario-id', 'quad-b');
  await expect(pages.right.getByTestId('wall-cell')).toHaveCount(4);

  await rightMimic().getByTestId('split-select').selectOption('9');
  await expect(pages.right.getByTestId('wall-cell')).toHaveCount(9);
  await expect(rightMimic().getByTestId('mimic-cell')).toHaveCount(9);
  // The five new cells get cameras from the tree, as an operator fills them.
  const added = ['cam-0001', 'cam-0017', 'cam-0031', 'cam-0041', 'cam-0092'];
  for (const [offset, cameraId] of added.entries()) {
    await pages.console.getByTestId('camera-search').fill(cameraId);
    const target = rightMimic().locator(`[data-testid="mimic-cell"][data-cell-index="${4 + offset}"]`);
    await pages.console.locator(`[data-testid="camera-row"][data-camera-id="${cameraId}"]`).dragTo(target);
    await expect(target).toHaveAttribute('data-camera-id', cameraId);
  }
  await expect
    .poll(
      () =>
        pages.right.evaluate(() => {
          const tiles = [...document.querySelectorAll<HTMLElement>('[data-testid="video-tile"]')];
          return tiles.filter((tile) => tile.dataset.state === 'playing').length;
        }),
      { timeout: 30_000 },
    )
    .toBe(9);
  const before = await Promise.all([...Array(9).keys()].map((index) => cellFrames(pages.right, index)));
  await pages.right.waitForTimeout(1_500);
  const after = await Promise.all([...Array(9).keys()].map((index) => cellFrames(pages.right, index)));
  after.forEach((frames, index) =>
    expect(frames, `frames of tile ${index} advance`).toBeGreaterThan(before[index]!),
  );
  await pages.console.screenshot({ path: 'test-results/screens/wall-edit-nine.png' });

  // 撤销 takes back the last camera only; 返回 then goes to the wall before the switch, exactly.
  await pages.console.getByTestId('undo-button').click();
  await expect(rightMimic().locator('[data-testid="mimic-cell"][data-cell-index="8"]')).toHaveAttribute(
    'data-kind',
    'empty',
  );
  await pages.console.getByTestId('return-button').click();
  await expect(pages.right.locator('.wall-display')).toHaveAttribute('data-scenario-id', 'quad-a');
  await expect(pages.right.getByTestId('wall-cell')).toHaveCount(4);
  await expect(pages.console.getByTestId('console')).toHaveAttribute('data-state-hash', beforeSwitch);
  await expect(pages.right.locator('[data-state-hash]').first()).toHaveAttribute(
    'data-state-hash',
    beforeSwitch,
  );
  await expect(pages.console.getByTestId('undo-button')).toBeDisabled();
});

test('a tile dragged onto another mimic cell swaps on the wall; 另存为场景 is in a second console’s list at once, asks before overwriting, and survives a restart', async ({
  browser,
}) => {
  // A tile dragged onto another cell of the mimic trades places with it on the wall.
  const mimicCell = (index: number) =>
    rightMimic().locator(`[data-testid="mimic-cell"][data-cell-index="${index}"]`);
  const wallTile = (index: number) =>
    pages.right.locator(`[data-testid="wall-cell"][data-cell-index="${index}"] [data-testid="video-tile"]`);
  await expect(mimicCell(0)).toHaveAttribute('data-camera-id', 'cam-0001');
  await mimicCell(0).dragTo(mimicCell(1));
  await expect(wallTile(0)).toHaveAttribute('data-camera-id', 'cam-0017');
  await expect(wallTile(1)).toHaveAttribute('data-camera-id', 'cam-0001');

  await rightMimic().getByTestId('split-select').selectOption('1+5');
  await expect(pages.right.getByTestId('wall-cell')).toHaveCount(6);
  await pages.console.getByTestId('save-scenario-button').click();
  await pages.console.getByTestId('save-scenario-name').fill('夜间值守');
  await pages.console.getByTestId('save-scenario-submit').click();
  await expect(pages.console.getByTestId('save-scenario-dialog')).toHaveCount(0);
  const saved = pages.secondConsole.getByTestId('scenario-button').filter({ hasText: '夜间值守' });
  await expect(saved).toHaveCount(1);
  const savedId = (await saved.getAttribute('data-scenario-id'))!;

  // Overwriting asks once more; only the second click writes.
  await rightMimic().getByTestId('split-select').selectOption('16');
  await pages.console.getByTestId('save-scenario-button').click();
  await pages.console.getByTestId('save-scenario-target').selectOption(savedId);
  await pages.console.getByTestId('save-scenario-submit').click();
  await expect(pages.console.getByTestId('save-scenario-confirm')).toContainText('夜间值守');
  await pages.console.getByTestId('save-scenario-submit').click();
  await expect(pages.console.getByTestId('save-scenario-dialog')).toHaveCount(0);

  await host.stop();
  await closeAll();
  host = await startHost(hostArgs());
  await openAll(browser);
  const restored = scenarioButton(pages.secondConsole, savedId);
  await expect(restored).toHaveText(/夜间值守/);
  await restored.click();
  await expect(pages.right.locator('.wall-display')).toHaveAttribute('data-scenario-id', savedId);
  await expect(pages.right.getByTestId('wall-cell')).toHaveCount(16);
});
