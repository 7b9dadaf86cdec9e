// 平急转换 end to end in the browser host (two simulated displays and the console): switch and exact 返回
// by state hash (two levels deep too), a camera dragged onto the mimic plays on the wall, maximise/restore,
// scenario packs, and the wall and its 返回 history coming back with the same hash after `kill -9` of the host.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { startHost, type RunningHost } from '../support/browser-host';
import { tempDemoWorkspace, type TempWorkspace } from '../support/temp-workspace';

test.describe.configure({ mode: 'serial' });

let workspace: TempWorkspace;
let host: RunningHost;
let pages: { console: Page; left: Page; right: Page };
/** What each wall window asked the core: stream resolves one by one, and whether its prefetch was answered. */
const coreTraffic = new Map<Page, { resolves: string[]; isPrefetched: boolean }>();

const hostArgs = () => ['--workspace', workspace.workspaceDir, '--state-dir', workspace.stateDir];

async function openAll(browser: Browser): Promise<void> {
  const open = async (name: string) => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const traffic = { resolves: [] as string[], isPrefetched: false };
    coreTraffic.set(page, traffic);
    page.on('websocket', (socket) => {
      if (!new URL(socket.url()).pathname.endsWith('/ws')) return;
      socket.on('framesent', ({ payload }) => {
        if (String(payload).includes('"name":"media.resolve"')) traffic.resolves.push(String(payload));
      });
      socket.on('framereceived', ({ payload }) => {
        if (String(payload).includes('"sources":[')) traffic.isPrefetched = true;
      });
    });
    await page.goto(host.urls.get(name)!);
    return page;
  };
  pages = { console: await open('console'), left: await open('wall:left'), right: await open('wall:right') };
  await expect(pages.console.getByTestId('console')).toHaveAttribute('data-state-hash', /^[0-9a-f]{64}$/);
}

async function closeAll(): Promise<void> {
  await Promise.all(Object.values(pages ?? {}).map((page) => page.close()));
}

const hashOf = (page: Page) => page.locator('[data-state-hash]').first().getAttribute('data-state-hash');

/** Every window shows the same state hash, and it is `expected` when given; returns it. */
async function expectSameHashEverywhere(expected?: string): Promise<string> {
  const hash = expected ?? (await hashOf(pages.console))!;
  for (const page of [pages.console, pages.left, pages.right]) {
    await expect(page.locator('[data-state-hash]').first()).toHaveAttribute('data-state-hash', hash);
  }
  return hash;
}

async function expectScenario(scenarioId: string, leftCells: number, rightCells: number): Promise<void> {
  for (const page of [pages.left, pages.right]) {
    await expect(page.locator('.wall-display')).toHaveAttribute('data-scenario-id', scenarioId);
  }
  await expect(pages.left.getByTestId('wall-cell')).toHaveCount(leftCells);
  await expect(pages.right.getByTestId('wall-cell')).toHaveCount(rightCells);
  for (const [displayId, count] of [
    ['left', leftCells],
    ['right', rightCells],
  ] as const) {
    await expect(
      pages.console.locator(
        `[data-testid="mimic-display"][data-display-id="${displayId}"] [data-testid="mimic-cell"]`,
      ),
    ).toHaveCount(count);
  }
}

/** Decoded frames of the video in one wall cell. */
function cellFrames(page: Page, cellIndex: number): Promise<number> {
  return page
    .locator(`[data-testid="wall-cell"][data-cell-index="${cellIndex}"] video`)
    .evaluate((video: HTMLVideoElement) => video.getVideoPlaybackQuality().totalVideoFrames);
}

async function cellBox(page: Page, cellIndex: number) {
  return (await page.locator(`[data-testid="wall-cell"][data-cell-index="${cellIndex}"]`).boundingBox())!;
}

test.beforeAll(async ({ browser }) => {
  workspace = await tempDemoWorkspace();
  host = await startHost(hostArgs());
  await openAll(browser);
});
test.afterAll(async () => {
  await closeAll();
  await host?.stop();
  await workspace?.remove();
});

test('日常 → 防汛防台 → 返回 shows the right layouts on both displays and restores the exact state hash', async () => {
  await expectScenario('daily', 6, 9);
  // The daily left display is 1+5: the map is a 2×2 block of a 3×3 grid.
  const map = await cellBox(pages.left, 0);
  const small = await cellBox(pages.left, 1);
  expect(map.width).toBeGreaterThan(1.9 * small.width);
  expect(map.height).toBeGreaterThan(1.9 * small.height);
  const daily = await expectSameHashEverywhere();

  await pages.console.locator('[data-testid="scenario-button"][data-scenario-id="flood-typhoon"]').click();
  await expectScenario('flood-typhoon', 4, 16);
  await expect(pages.right.getByTestId('scenario-name')).toHaveText('防汛防台');
  const flood = await expectSameHashEverywhere();
  expect(flood).not.toBe(daily);
  // 4×4 on the right: sixteen equal tiles in four columns.
  const first = await cellBox(pages.right, 0);
  const last = await cellBox(pages.right, 15);
  expect(Math.abs(first.width - last.width)).toBeLessThanOrEqual(1);
  expect(last.x).toBeGreaterThan(first.x + 2.9 * first.width);
  await pages.console.screenshot({ path: 'test-results/screens/walls-console-flood.png' });

  await pages.console.getByTestId('return-button').click();
  await expectScenario('daily', 6, 9);
  await expectSameHashEverywhere(daily);
  await expect(pages.console.getByTestId('return-button')).toBeDisabled();
});

test("a switch's tiles find their streams resolved ahead: not one is resolved on the way", async () => {
  await expectScenario('daily', 6, 9);
  const walls = [pages.left, pages.right];
  for (const page of walls) await expect.poll(() => coreTraffic.get(page)!.isPrefetched).toBe(true);
  for (const page of walls) coreTraffic.get(page)!.resolves.length = 0;

  // 重大活动 has not been on the wall yet: only the prefetch can have resolved its streams.
  await pages.console.locator('[data-testid="scenario-button"][data-scenario-id="major-event"]').click();
  await expectScenario('major-event', 4, 10);
  await expect
    .poll(() =>
      pages.right.evaluate(() => {
        const tiles = [...document.querySelectorAll<HTMLElement>('[data-testid="video-tile"]')];
        return tiles.length >= 9 && tiles.every((tile) => tile.dataset.state === 'playing');
      }),
    )
    .toBe(true);
  for (const page of walls) expect(coreTraffic.get(page)!.resolves).toEqual([]);

  await pages.console.getByTestId('return-button').click();
  await expectScenario('daily', 6, 9);
});

test('日常 → 防汛防台 → 火灾 → 返回 → 返回 comes back to the exact 日常 hash; 返回 says where it goes', async () => {
  const returnButton = pages.console.getByTestId('return-button');
  const later = pages.console.getByTestId('return-later');
  const activate = (scenarioId: string) =>
    pages.console.locator(`[data-testid="scenario-button"][data-scenario-id="${scenarioId}"]`).click();
  await expectScenario('daily', 6, 9);
  await expect(returnButton).toBeDisabled();
  await expect(returnButton).toHaveText('↩ 返回上一场景');
  const daily = await expectSameHashEverywhere();

  await activate('flood-typhoon');
  await expectScenario('flood-typhoon', 4, 16);
  await expect(returnButton).toHaveText('↩ 返回 日常');
  await expect(returnButton).toBeEnabled();
  await expect(later).toBeHidden();
  const flood = await expectSameHashEverywhere();

  await activate('fire');
  await expectScenario('fire', 4, 10);
  await expect(returnButton).toHaveText('↩ 返回 防汛防台');
  await expect(later).toHaveText('再返回：日常');
  const fire = await expectSameHashEverywhere();
  expect(new Set([daily, flood, fire]).size).toBe(3);
  await pages.console.screenshot({ path: 'test-results/screens/walls-console-return-two-levels.png' });
  // 火灾 again while 火灾 is shown untouched: nothing changes, and 返回 still goes to 防汛防台.
  await activate('fire');
  await expect(returnButton).toHaveAttribute('data-return-depth', '2');
  await expectSameHashEverywhere(fire);

  await returnButton.click();
  await expectScenario('flood-typhoon', 4, 16);
  await expectSameHashEverywhere(flood);
  await expect(returnButton).toHaveText('↩ 返回 日常');
  await expect(later).toBeHidden();

  await returnButton.click();
  await expectScenario('daily', 6, 9);
  await expectSameHashEverywhere(daily);
  await expect(returnButton).toBeDisabled();
  await expect(returnButton).toHaveText('↩ 返回上一场景');
});

test('a camera dragged from the tree onto a mimic cell plays on the wall, and 返回 brings it back exactly', async () => {
  const cameraId = 'cam-0130';
  await pages.console.getByTestId('camera-search').fill(cameraId);
  await expect(pages.console.getByTestId('camera-matches')).toContainText('1');
  const row = pages.console.locator(`[data-testid="camera-row"][data-camera-id="${cameraId}"]`);
  const target = pages.console.locator(
    '[data-testid="mimic-display"][data-display-id="right"] [data-testid="mimic-cell"][data-cell-index="4"]',
  );
  await row.dragTo(target);
  await expect(target).toHaveAttribute('data-camera-id', cameraId);
  const tile = pages.right.locator(
    '[data-testid="wall-cell"][data-cell-index="4"] [data-testid="video-tile"]',
  );
  await expect(tile).toHaveAttribute('data-camera-id', cameraId);
  await expect.poll(() => cellFrames(pages.right, 4), { timeout: 20_000 }).toBeGreaterThan(0);
  const before = await cellFrames(pages.right, 4);
  await pages.right.waitForTimeout(1_500);
  expect(await cellFrames(pages.right, 4), 'decoded frames advance').toBeGreaterThan(before);
  const changed = await expectSameHashEverywhere();

  // The operator's change survives a round trip through another scenario.
  await pages.console.locator('[data-testid="scenario-button"][data-scenario-id="large-crowd"]').click();
  await expectScenario('large-crowd', 6, 8);
  await pages.console.getByTestId('return-button').click();
  await expectScenario('daily', 6, 9);
  await expectSameHashEverywhere(changed);
  await expect(tile).toHaveAttribute('data-camera-id', cameraId);
});

test('maximise fills the display with one cell, restore brings the grid back', async () => {
  const mimicCell = pages.console.locator(
    '[data-testid="mimic-display"][data-display-id="right"] [data-testid="mimic-cell"][data-cell-index="2"]',
  );
  await mimicCell.getByTestId('mimic-maximize').click();
  const cell = pages.right.locator('[data-testid="wall-cell"][data-cell-index="2"]');
  await expect(cell).toHaveAttribute('data-maximized', 'true');
  const box = await cellBox(pages.right, 2);
  expect(box.width).toBeGreaterThan(1900);
  expect(box.height).toBeGreaterThan(1020);
  await expect(pages.right.locator('[data-testid="wall-cell"][data-cell-index="3"]')).toBeHidden();
  await pages.right.screenshot({ path: 'test-results/screens/walls-right-maximized.png' });
  await pages.console
    .locator('[data-testid="mimic-cell"][data-maximized]')
    .getByTestId('mimic-maximize')
    .click();
  await expect(cell).not.toHaveAttribute('data-maximized', 'true');
  expect((await cellBox(pages.right, 2)).width).toBeLessThan(700);
});

test('a malformed scenario pack is refused naming the bad field; the existing scenarios are untouched', async () => {
  const folder = path.join(workspace.workspaceDir, 'scenarios');
  const snapshot = async () =>
    Promise.all(
      (await readdir(folder)).sort().map(async (name) => [name, await readFile(path.join(folder, name))]),
    );
  const before = await snapshot();
  const download = pages.console.waitForEvent('download');
  await pages.console.getByTestId('pack-export').click();
  const pack = JSON.parse(await readFile((await (await download).path())!, 'utf8'));
  expect(pack.format).toBe('tianmu-scenario-pack/1');
  expect(pack.scenarios).toHaveLength(5);

  pack.scenarios[1].displays.left.layout.rows = 'four';
  await pages.console.getByTestId('pack-replace').check();
  await pages.console.getByTestId('pack-file').setInputFiles({
    name: 'broken-pack.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(pack)),
  });
  const message = pages.console.getByTestId('console-message');
  await expect(message).toContainText('scenarios.1.displays.left.layout.rows');
  await expect(message).toHaveClass(/error/);
  expect(await snapshot()).toEqual(before);
  await expect(pages.console.getByTestId('scenario-button')).toHaveCount(5);

  // A good pack with a new scenario appears in every console at once.
  pack.scenarios = [{ ...pack.scenarios[0], id: 'daily-night', name: { zh: '夜间值守', en: 'Night watch' } }];
  await pages.console.getByTestId('pack-file').setInputFiles({
    name: 'night.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(pack)),
  });
  await expect(message).toContainText('daily-night');
  await expect(pages.console.locator('[data-scenario-id="daily-night"]')).toHaveText(/夜间值守/);
});

test('kill -9 of the host during operation: after a restart the wall has the same state hash', async ({
  browser,
}) => {
  await pages.console.locator('[data-testid="scenario-button"][data-scenario-id="large-crowd"]').click();
  await expectScenario('large-crowd', 6, 8);
  await pages.console.locator('[data-testid="scenario-button"][data-scenario-id="fire"]').click();
  await expectScenario('fire', 4, 10);
  await pages.console.getByTestId('camera-search').fill('cam-0131');
  await pages.console
    .locator('[data-testid="camera-row"][data-camera-id="cam-0131"]')
    .dragTo(
      pages.console.locator(
        '[data-testid="mimic-display"][data-display-id="right"] [data-testid="mimic-cell"][data-cell-index="0"]',
      ),
    );
  await expect(pages.right.locator('[data-testid="video-tile"][data-camera-id="cam-0131"]')).toHaveCount(1);
  const hash = await expectSameHashEverywhere();

  await host.kill('SIGKILL');
  await closeAll();
  host = await startHost(hostArgs());
  expect(host.output()).toContain('[wall] resumed state version');
  await openAll(browser);
  await expectSameHashEverywhere(hash);
  await expectScenario('fire', 4, 10);
  await expect(pages.right.locator('[data-testid="video-tile"][data-camera-id="cam-0131"]')).toHaveCount(1);
  // 返回 still knows where the wall was before the fire scenario, and before that.
  await expect(pages.console.getByTestId('return-button')).toHaveText('↩ 返回 大客流');
  await pages.console.getByTestId('return-button').click();
  await expectScenario('large-crowd', 6, 8);
  await pages.console.getByTestId('return-button').click();
  await expectScenario('daily', 6, 9);
  await expect(pages.console.getByTestId('return-button')).toBeDisabled();
});
