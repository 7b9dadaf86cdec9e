// Block patrol (分组轮巡): a 2×2 block in one merged cell pages through 10 cameras together. 下一路 on the console
// moves the whole block to the next page, 暂停 holds the page across a dwell, 继续 pages on (with the next page
// prefetched), 60 page changes leave one player, one <video> and one media connection per tile, and no tile ever
// shows anything but a live picture while its next camera connects (the old picture is held).
import { test, expect, type Page } from '@playwright/test';
import { useVideoHost } from '../support/video-host';
import { mediaControl, videoCounts } from '../support/video-page';

const tiles = 4;
/** The group of the left block: cam-0001 … cam-0010 (see video-workspace.ts), 3 pages of 4. */
const groupSize = 10;
const pages = Math.ceil(groupSize / tiles);
const dwellMs = 6_000;

const video = useVideoHost('patrol-block');

/** The rule, written out independently of the app: page p shows group[(p × 4 + tile) mod 10]; the last wraps. */
function pageCameras(step: number): string[] {
  const page = ((step % pages) + pages) % pages;
  return Array.from({ length: tiles }, (_, tile) => {
    const index = (page * tiles + tile) % groupSize;
    return `cam-${String(index + 1).padStart(4, '0')}`;
  });
}

interface BlockTile {
  readonly tile: number;
  readonly camera: string;
  readonly state: string;
  readonly step: number;
  readonly isPaused: boolean;
}

function blockTiles(wall: Page): Promise<BlockTile[]> {
  return wall.$$eval('[data-testid="patrol-block"] [data-testid="video-tile"]', (elements) =>
    elements.map((element) => ({
      tile: Number(element.dataset.blockTile),
      camera: element.dataset.cameraId ?? '',
      state: element.dataset.state ?? '',
      step: Number(element.dataset.patrolStep),
      isPaused: element.dataset.patrolPaused === 'true',
    })),
  );
}

/** The block's step (the same on every tile). */
async function blockStep(wall: Page): Promise<number> {
  const steps = new Set((await blockTiles(wall)).map((tile) => tile.step));
  expect(steps.size, 'every tile of the block is on the same step').toBe(1);
  return [...steps][0]!;
}

/** Every tile shows its camera of `step`'s page, playing; one player, <video> and connection per tile. */
async function expectPage(wall: Page, step: number): Promise<void> {
  const expected = pageCameras(step).map((camera, tile) => `${tile} ${camera} playing`);
  await expect
    .poll(async () => (await blockTiles(wall)).map((tile) => `${tile.tile} ${tile.camera} ${tile.state}`), {
      timeout: 30_000,
    })
    .toEqual(expected);
  await expect
    .poll(() => videoCounts(wall), { timeout: 10_000 })
    .toEqual({ players: tiles, engines: tiles, videoElements: tiles, videosInDocument: tiles });
  await expect.poll(mediaControl(video.host).connections, { timeout: 10_000 }).toBe(tiles);
}

/**
 * Watches the block every 16 ms until stopped: a sample is bad when a tile is not `playing`, is frozen, or has
 * no visible <video> that has decoded a picture (a black gap). Also records the tiles whose camera came later
 * than their step (their next camera was not already playing) and the most players alive at once.
 */
async function startGapWatch(wall: Page): Promise<void> {
  await wall.evaluate(() => {
    const scope = window as unknown as { __gapWatch?: { stop(): unknown } };
    const bad: string[] = [];
    /** Tiles whose step changed in a sample where their camera did not (the new camera was not ready). */
    const late = new Set<string>();
    const seen = new Map<string, { step?: string; camera?: string }>();
    let samples = 0;
    let mostPlayers = 0;
    const timer = setInterval(() => {
      samples++;
      const counts = (window as unknown as { __tianmuVideo?: { players: number } }).__tianmuVideo;
      mostPlayers = Math.max(mostPlayers, counts?.players ?? 0);
      const tiles = document.querySelectorAll<HTMLElement>(
        '[data-testid="patrol-block"] [data-testid="video-tile"]',
      );
      for (const tile of tiles) {
        const { blockTile = '', patrolStep: step, cameraId: camera } = tile.dataset;
        const last = seen.get(blockTile);
        if (last && last.step !== step && last.camera === camera) late.add(blockTile);
        seen.set(blockTile, { step, camera });
        const videos = [...tile.querySelectorAll('video')];
        // A <video> that has decoded a frame keeps showing one (also while the latency control seeks and its
        // readyState drops to HAVE_METADATA); a visible one with no decoded frame is black.
        const hasPicture = videos.some(
          (video) =>
            getComputedStyle(video).visibility === 'visible' &&
            video.videoWidth > 0 &&
            video.getVideoPlaybackQuality().totalVideoFrames > 0,
        );
        if (tile.dataset.state !== 'playing' || tile.dataset.frozen || !hasPicture) {
          const layers = videos.map(
            (video) =>
              `${getComputedStyle(video).visibility} ${video.videoWidth}px ${video.getVideoPlaybackQuality().totalVideoFrames} frames`,
          );
          bad.push(
            `tile ${tile.dataset.blockTile} ${tile.dataset.cameraId} ${tile.dataset.state}: ${layers.join(', ')}`,
          );
        }
      }
    }, 16);
    scope.__gapWatch = {
      stop: () => {
        clearInterval(timer);
        return { samples, bad: [...new Set(bad)], late: [...late], mostPlayers };
      },
    };
  });
}

interface GapWatch {
  readonly samples: number;
  readonly bad: string[];
  readonly late: string[];
  readonly mostPlayers: number;
}

function stopGapWatch(wall: Page): Promise<GapWatch> {
  return wall.evaluate(() => (window as unknown as { __gapWatch: { stop(): GapWatch } }).__gapWatch.stop());
}

test('a 2×2 block patrol pages through its group together: 下一路, 暂停, 继续, and 60 page changes leak nothing', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const wall = await browser.newPage();
  const console = await browser.newPage();
  // Pages of browser.newPage() outlive a failed test: close them in every case.
  try {
    await runBlockPatrol(wall, console);
  } finally {
    await Promise.all([wall.close(), console.close()]);
  }
  await expect.poll(mediaControl(video.host).connections, { timeout: 10_000 }).toBe(0);
});

async function runBlockPatrol(wall: Page, console: Page): Promise<void> {
  await wall.goto(video.host.urls.get('wall:left')!);
  await console.goto(video.host.urls.get('console')!);
  const block = wall.getByTestId('patrol-block');
  await expect(block).toHaveAttribute('data-rows', '2');
  await expect(block).toHaveAttribute('data-columns', '2');
  await expect(block.getByTestId('video-tile')).toHaveCount(tiles);
  const control = console.locator('[data-testid="patrol-control"][data-display-id="left"]');
  const summary = control.getByTestId('patrol-summary');
  const caption = block.locator('[data-block-tile="0"]').getByTestId('tile-caption');

  // 暂停 first (the block runs on the wall clock, 6 s a page), then read where it stopped.
  await control.getByTestId('patrol-pause').click();
  await expect(control).toHaveAttribute('data-paused', 'true');
  await expect.poll(async () => (await blockTiles(wall)).every((tile) => tile.isPaused)).toBe(true);
  let step = await blockStep(wall);
  await expectPage(wall, step);
  const pageText = (at: number) => `第 ${(((at % pages) + pages) % pages) + 1}/${pages} 页`;
  await expect(summary).toHaveText(`2×2 · 10 路 · ${pageText(step)}`);
  await expect(caption).toHaveText(`轮巡已暂停 ${pageText(step)}`);

  // Paused, the page holds across a whole dwell.
  await wall.waitForTimeout(dwellMs + 1_500);
  expect(await blockStep(wall)).toBe(step);
  await expectPage(wall, step);

  // 下一路: all four tiles move to the next page's cameras, each keeping its old picture until the new one plays.
  const before = (await blockTiles(wall)).map((tile) => tile.camera);
  await startGapWatch(wall);
  await control.getByTestId('patrol-next').click();
  step++;
  await expectPage(wall, step);
  const advanced = await stopGapWatch(wall);
  expect(advanced.bad, 'every tile showed a live picture throughout the page change').toEqual([]);
  expect(advanced.samples).toBeGreaterThan(10);
  const after = (await blockTiles(wall)).map((tile) => tile.camera);
  after.forEach((camera, tile) => expect(camera, `tile ${tile} changed camera`).not.toBe(before[tile]));
  await expect(summary).toHaveText(`2×2 · 10 路 · ${pageText(step)}`);
  await wall.screenshot({ path: 'test-results/screens/video-patrol-block.png' });

  // 继续: the next page comes by itself one dwell later, its cameras prefetched (4 more players for a while),
  // and the change shows no gap.
  await startGapWatch(wall);
  await control.getByTestId('patrol-resume').click();
  await expect(control).toHaveAttribute('data-paused', 'false');
  await expect(caption).toHaveText(`轮巡 ${pageText(step)}`);
  await expect.poll(() => blockStep(wall), { timeout: dwellMs + 6_000 }).toBe(step + 1);
  await expect
    .poll(async () => (await blockTiles(wall)).map((tile) => `${tile.camera} ${tile.state}`), {
      timeout: 5_000,
    })
    .toEqual(pageCameras(step + 1).map((camera) => `${camera} playing`));
  const resumed = await stopGapWatch(wall);
  expect(resumed.bad, 'every tile showed a live picture throughout the timed change').toEqual([]);
  expect(resumed.mostPlayers, 'the next page was prefetched: a second player per tile').toBe(2 * tiles);
  expect(
    resumed.late,
    'every tile changed camera together with its step: the prefetched player took over',
  ).toEqual([]);

  // Pause again, then churn: 60 page changes from the console, some landing while the last page still connects.
  await control.getByTestId('patrol-pause').click();
  await expect(control).toHaveAttribute('data-paused', 'true');
  await expect.poll(async () => (await blockTiles(wall)).every((tile) => tile.isPaused)).toBe(true);
  step = await blockStep(wall);
  await expectPage(wall, step);
  await startGapWatch(wall);
  const next = control.getByTestId('patrol-next');
  for (let change = 0; change < 60; change++) {
    // The console's own button handler, without Playwright's per-click actionability waits (slow under load).
    await next.dispatchEvent('click');
    if (change % 10 === 0) await wall.waitForTimeout(300);
  }
  step += 60;
  await expect.poll(() => blockStep(wall), { timeout: 10_000 }).toBe(step);
  await expectPage(wall, step);
  const churned = await stopGapWatch(wall);
  expect(churned.bad, 'no black gap in the churn either').toEqual([]);
  await expect(summary).toHaveText(`2×2 · 10 路 · ${pageText(step)}`);
}

test('a block larger than its group shows each camera once and says the other tile is empty', async ({
  page,
}) => {
  await page.goto(video.host.urls.get('wall:right')!);
  const block = page.getByTestId('patrol-block');
  await expect
    .poll(
      () =>
        block
          .getByTestId('video-tile')
          .evaluateAll((elements) =>
            elements.map((element) => `${element.dataset.cameraId} ${element.dataset.state}`),
          ),
      { timeout: 30_000 },
    )
    .toEqual(['cam-0011 playing', 'cam-0012 playing', 'cam-0013 playing']);
  const vacant = block.getByTestId('patrol-vacant-tile');
  await expect(vacant).toHaveAttribute('data-block-tile', '3');
  await expect(vacant).toHaveText('空位（轮巡组仅 3 路）');
  await expect(block.locator('[data-block-tile="0"]').getByTestId('tile-caption')).toHaveText(
    '轮巡 第 1/1 页',
  );
  await expect
    .poll(() => videoCounts(page), { timeout: 10_000 })
    .toEqual({ players: 3, engines: 3, videoElements: 3, videosInDocument: 3 });
  await page.screenshot({ path: 'test-results/screens/video-patrol-block-small-group.png' });
});

test('on a display of 2 × 2 panels the block keeps its tiles off the bezel that runs through its merged cell', async ({
  browser,
}) => {
  const wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  try {
    await wall.goto(video.host.urls.get('wall:left')!);
    await expect(wall.locator('[data-testid="patrol-block"] .block-tile')).toHaveCount(tiles);
    // 1920 × 1080 over 2 × 2 panels, 20 px behind each bezel: the bands are x 950–970 and y 530–550.
    const columnBand = { start: 950, end: 970 };
    const rowBand = { start: 530, end: 550 };
    const across = (start: number, length: number, band: { start: number; end: number }) =>
      start < band.end && start + length > band.start;
    const block = (await wall.getByTestId('patrol-block').boundingBox())!;
    expect(across(block.y, block.height, rowBand), 'the row bezel runs through the merged cell').toBe(true);
    const boxes = await wall.$$eval('[data-testid="patrol-block"] .block-tile', (elements) =>
      elements.map((element) => {
        const { x, y, width, height } = element.getBoundingClientRect();
        return { x, y, width, height };
      }),
    );
    for (const box of boxes) {
      expect(across(box.x, box.width, columnBand), `${JSON.stringify(box)} across a column bezel`).toBe(
        false,
      );
      expect(across(box.y, box.height, rowBand), `${JSON.stringify(box)} across a row bezel`).toBe(false);
    }
    await wall.screenshot({ path: 'test-results/screens/patrol-block-bezels.png' });
  } finally {
    await wall.close();
  }
});
