// The leader view on a phone, end to end: #/leader of a workspace with users opens at the login page and comes
// back to #/leader after sign-in; at 390 × 844 it scrolls only vertically, shows the scenario and its mode, the
// warnings, the open incidents and the key indicators, offers no command, offers only the leader's own street's
// cameras, and plays a tapped camera's sub stream, a 调阅 journaled from the window `leader`. Saves screenshots
// under test-results to look at.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import type { Camera } from '../../shared/model/camera';
import type { JournalRecord } from '../../shared/model/journal';
import type { WallState } from '../../shared/model/wall';
import { videoCellStreams } from '../../shared/model/widget';
import { startHost, type RunningHost } from '../support/browser-host';
import { coreRequest } from '../support/core-requests';
import { tempDemoWorkspace, type TempWorkspace } from '../support/temp-workspace';

/** The demo's leader: a viewer of 豫园街道 (resources/demo/generator/users.ts). */
const leader = { userId: 'leader', password: 'demo-leader', street: 'yuyuan' };

let workspace: TempWorkspace;
let host: RunningHost;

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

test.beforeAll(async () => {
  workspace = await tempDemoWorkspace({ withUsers: true });
  host = await startHost(['--workspace', workspace.workspaceDir, '--state-dir', workspace.stateDir]);
});

test.afterAll(async () => {
  await host?.stop();
  await workspace?.remove();
});

function leaderUrl(): string {
  const url = new URL(host.urls.get('console')!);
  url.hash = '#/leader';
  return url.toString();
}

async function signInAsLeader(page: Page): Promise<void> {
  await page.goto(leaderUrl());
  await expect(page.getByTestId('login')).toBeVisible();
  await expect(page).toHaveURL(/#\/login\?redirect=.*leader/);
  await expect(page.locator('.login h1')).toContainText('登录领导视图');
  await page.getByTestId('login-user').fill(leader.userId);
  await page.getByTestId('login-password').fill(leader.password);
  await page.getByTestId('login-submit').tap();
  await expect(page.getByTestId('leader')).toBeVisible({ timeout: 15_000 });
  await expect(page).toHaveURL(/#\/leader$/);
}

/** Cameras of other streets that the wall does not show now (the core hides those from a street's user). */
async function otherStreetsHiddenCameras(): Promise<Camera[]> {
  const cameras = JSON.parse(await readFile(path.join(workspace.workspaceDir, 'cameras.json'), 'utf8'))
    .cameras as Camera[];
  const { state } = await coreRequest<{ state: WallState }>(host.urls.get('wall:left')!, 'wall.state');
  const shown = new Set(
    Object.values(state.displays).flatMap((display) =>
      videoCellStreams(display.cells).map((stream) => stream.cameraId),
    ),
  );
  return cameras.filter((camera) => camera.street !== leader.street && !shown.has(camera.id));
}

/** Every record of the host's journal (one JSON line each, in the state folder's journal/). */
async function journalRecords(): Promise<JournalRecord[]> {
  const folder = path.join(workspace.stateDir, 'journal');
  const files = (await readdir(folder)).filter((name) => name.endsWith('.jsonl')).sort();
  const lines = await Promise.all(files.map((name) => readFile(path.join(folder, name), 'utf8')));
  return lines
    .flatMap((text) => text.split('\n'))
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as JournalRecord);
}

test('a leader signs in on a phone, sees the situation without horizontal scroll, and plays a camera of the street', async ({
  page,
}, testInfo) => {
  const resolved: { cameraId: string; profile: string }[] = [];
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      const message = JSON.parse(String(payload)) as {
        name?: string;
        params?: { cameraId: string; profile: string };
      };
      if (message.name === 'media.resolve' && message.params) resolved.push(message.params);
    }),
  );
  await signInAsLeader(page);

  // The situation: scenario and mode, warnings by level, incidents, key indicators, the map.
  await expect(page.getByTestId('leader-user')).toContainText('领导 孙九');
  await expect(page.getByTestId('leader-scenario')).toHaveAttribute('data-scenario-id', 'daily');
  await expect(page.getByTestId('leader-mode')).toHaveText('平时');
  await expect(page.getByTestId('leader-scenario')).toContainText('日常');
  await expect(page.getByTestId('leader-warning-count')).toHaveText([
    /^红色 \d+$/,
    /^橙色/,
    /^黄色/,
    /^蓝色/,
  ]);
  await expect(page.getByTestId('leader-incidents')).toBeVisible();
  // The demo seeds ten incidents at start: the list has some.
  await expect(page.getByTestId('leader-incident').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('leader-indicators').getByTestId('kpi-tile').first()).toBeVisible();
  expect(Number(await page.getByTestId('leader-indicators').getAttribute('data-count'))).toBeGreaterThan(0);
  await expect(page.getByTestId('kpi-tile').first()).not.toHaveAttribute('data-value', '', {
    timeout: 15_000,
  });
  await expect(page.getByTestId('incident-map')).toBeVisible();

  // No command anywhere: the only buttons pick, close or describe a camera tile.
  for (const command of ['scenario-button', 'return-button', 'incident-acknowledge', 'incident-show-nearby'])
    await expect(page.getByTestId(command)).toHaveCount(0);
  const buttons = await page.$$eval('button', (elements) =>
    elements.map((button) => button.dataset.testid ?? ''),
  );
  expect(buttons.filter((id) => id !== 'leader-camera')).toEqual([]);

  // Only the street's own cameras are offered; one of another street (not on the wall) is not, and the core
  // refuses its stream to this session as well.
  const offered = await page
    .getByTestId('leader-camera')
    .evaluateAll((elements) => elements.map((element) => (element as HTMLElement).dataset.cameraId ?? ''));
  const cameras = JSON.parse(await readFile(path.join(workspace.workspaceDir, 'cameras.json'), 'utf8'))
    .cameras as Camera[];
  const streetOf = new Map(cameras.map((camera) => [camera.id, camera.street]));
  expect(offered.length).toBe(cameras.filter((camera) => camera.street === leader.street).length);
  expect(offered.every((id) => streetOf.get(id) === leader.street)).toBe(true);
  const foreign = (await otherStreetsHiddenCameras())[0]!;
  await expect(page.locator(`[data-testid="leader-camera"][data-camera-id="${foreign.id}"]`)).toHaveCount(0);
  const answer = await page.evaluate(
    (cameraId) =>
      new Promise<{ ok: boolean; error?: { message: string } }>((resolve, reject) => {
        const socket = new WebSocket(`ws://${location.host}/ws`);
        socket.onerror = () => reject(new Error('no WebSocket'));
        socket.onopen = () =>
          socket.send(
            JSON.stringify({
              type: 'request',
              id: 1,
              name: 'media.resolve',
              params: { cameraId, profile: 'sub' },
            }),
          );
        socket.onmessage = (message) => {
          const envelope = JSON.parse(String(message.data));
          if (envelope.type === 'response') resolve(envelope);
        };
      }),
    foreign.id,
  );
  expect(answer.ok).toBe(false);
  expect(answer.error?.message).toMatch(/^无权限/);

  // No horizontal scroll: neither the document nor the view's own scroller, and nothing sticks out on the right.
  const widths = await page.evaluate(() => {
    const scroller = document.querySelector<HTMLElement>('[data-testid="leader"]')!;
    const sticking = [...scroller.querySelectorAll<HTMLElement>('*')]
      .filter((element) => !element.closest('[data-testid="incident-map"], [data-testid="video-tile"]'))
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    return {
      document: [document.scrollingElement!.scrollWidth, document.scrollingElement!.clientWidth],
      view: [scroller.scrollWidth, scroller.clientWidth],
      sticking,
    };
  });
  expect(widths.document[0]).toBeLessThanOrEqual(widths.document[1]!);
  expect(widths.view[0]).toBeLessThanOrEqual(widths.view[1]!);
  expect(widths.sticking).toEqual([]);

  // Tap a camera: its sub stream plays, frame after frame.
  const chosen = page.locator('[data-testid="leader-camera"]').first();
  const chosenId = (await chosen.getAttribute('data-camera-id'))!;
  await chosen.tap();
  const tile = page.getByTestId('leader-player').getByTestId('video-tile');
  await expect(tile).toHaveAttribute('data-camera-id', chosenId);
  await expect(tile).toHaveAttribute('data-profile', 'sub');
  await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });
  const frames = () =>
    page
      .getByTestId('leader-player')
      .locator('video')
      .evaluateAll((videos) =>
        Math.max(
          0,
          ...videos.map((video) => (video as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames),
        ),
      );
  const before = await frames();
  await expect.poll(frames, { timeout: 15_000 }).toBeGreaterThan(before + 10);
  expect(resolved).toContainEqual({ cameraId: chosenId, profile: 'sub' });

  await page.evaluate('document.fonts.ready.then(() => true)');
  // Still nothing that commands: the player adds its close button and the tile's 统计, no 截图.
  const buttonsNow = await page.$$eval('button', (elements) =>
    elements.map((button) => button.dataset.testid ?? ''),
  );
  expect(
    buttonsNow.filter(
      (id) => !['leader-camera', 'leader-player-close', 'tile-statistics-toggle'].includes(id),
    ),
  ).toEqual([]);

  await page.getByTestId('leader').evaluate((element) => (element.scrollTop = 0));
  await page.screenshot({ path: testInfo.outputPath('leader-phone-top.png') });
  await page.getByTestId('leader-indicators').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('leader-phone-middle.png') });
  await page.getByTestId('leader-player').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('leader-phone-player.png') });

  // The play is a 调阅 of the leader from the window `leader`, journaled when the page's session ends.
  await page.close();
  await expect
    .poll(async () => (await journalRecords()).filter((record) => record.action === 'camera.viewed'), {
      timeout: 15_000,
    })
    .toContainEqual(
      expect.objectContaining({
        actor: expect.objectContaining({ userId: 'leader', role: 'viewer', window: 'leader' }),
        target: { kind: 'camera', id: chosenId },
      }),
    );
});

test('a wall window’s credential does not open the leader view', async ({ page }) => {
  const wall = new URL(host.urls.get('wall:left')!);
  wall.hash = '#/leader';
  await page.goto(wall.toString());
  await expect(page.getByTestId('leader-forbidden')).toHaveText('无权限：领导视图需要登录用户');
  await expect(page.getByTestId('leader-camera')).toHaveCount(0);
});
