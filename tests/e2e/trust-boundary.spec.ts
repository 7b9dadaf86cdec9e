// The console behind sign-in, end to end: a workspace with users starts its console at the login page; a street
// operator signs in there and sees only that street's cameras (and what the wall shows) in the camera tree, and
// stays signed in over a reload; a viewer sees no scenario buttons.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import type { Camera } from '../../shared/model/camera';
import type { WallState } from '../../shared/model/wall';
import { videoCellStreams } from '../../shared/model/widget';
import { startHost, type RunningHost } from '../support/browser-host';
import { coreRequest } from '../support/core-requests';
import { tempDemoWorkspace, type TempWorkspace } from '../support/temp-workspace';

let workspace: TempWorkspace;
let host: RunningHost;

test.beforeAll(async () => {
  workspace = await tempDemoWorkspace({ withUsers: true });
  host = await startHost(['--workspace', workspace.workspaceDir, '--state-dir', workspace.stateDir]);
});

test.afterAll(async () => {
  await host?.stop();
  await workspace?.remove();
});

async function signIn(page: Page, userId: string, password: string): Promise<void> {
  await page.goto(host.urls.get('console')!);
  await expect(page.getByTestId('login')).toBeVisible();
  await expect(page).toHaveURL(/#\/login/);
  await page.getByTestId('login-user').fill(userId);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('console')).toBeVisible({ timeout: 15_000 });
}

test('the console URL of a workspace with users carries no ticket and opens at the login page', async ({
  page,
}) => {
  expect(new URL(host.urls.get('console')!).searchParams.get('token')).toBeNull();
  await page.goto(host.urls.get('console')!);
  await page.getByTestId('login-user').fill('operator');
  await page.getByTestId('login-password').fill('wrong-password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toContainText('用户名或密码错误');
});

test("a street operator signs in and sees only that street's cameras in the camera tree", async ({
  page,
}) => {
  await signIn(page, 'waitan-operator', 'demo-waitan');
  await expect(page.getByTestId('console-account')).toContainText('外滩街道 陈七');

  // What the operator may see: the 外滩 cameras, and the cameras the shared wall shows now.
  const cameras = JSON.parse(await readFile(path.join(workspace.workspaceDir, 'cameras.json'), 'utf8'))
    .cameras as Camera[];
  const { state } = await coreRequest<{ state: WallState }>(host.urls.get('wall:left')!, 'wall.state');
  const shown = new Set(
    Object.values(state.displays).flatMap((display) =>
      videoCellStreams(display.cells).map((s) => s.cameraId),
    ),
  );
  const visible = cameras.filter((camera) => camera.street === 'waitan' || shown.has(camera.id));
  expect(visible.length).toBeLessThan(cameras.length);
  await expect(page.getByTestId('camera-tree')).toHaveAttribute('data-camera-count', String(visible.length));

  // The session survives a reload (the HttpOnly cookie is read again at the WebSocket upgrade).
  await page.reload();
  await expect(page.getByTestId('console')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('camera-tree')).toHaveAttribute('data-camera-count', String(visible.length));
  // The operator commands the wall: the scenario buttons are there.
  await expect(page.getByTestId('scenario-button').first()).toBeVisible();
});

test('a viewer has no scenario buttons', async ({ page }) => {
  await signIn(page, 'viewer', 'demo-viewer');
  await expect(page.getByTestId('console-account')).toHaveAttribute('data-role', 'viewer');
  await expect(page.getByTestId('camera-tree')).toBeVisible();
  await expect(page.getByTestId('scenario-button')).toHaveCount(0);
  await expect(page.getByTestId('return-button')).toHaveCount(0);

  // The core is the boundary: a wall.command sent straight from this page's session is refused.
  const answer = await page.evaluate(
    () =>
      new Promise<{ ok: boolean; error?: { code: string; message: string } }>((resolve, reject) => {
        const socket = new WebSocket(`ws://${location.host}/ws`);
        socket.onerror = () => reject(new Error('no WebSocket'));
        socket.onopen = () =>
          socket.send(
            JSON.stringify({
              type: 'request',
              id: 1,
              name: 'wall.command',
              params: { command: { type: 'scenario.activate', scenarioId: 'flood-typhoon' } },
            }),
          );
        socket.onmessage = (message) => {
          const envelope = JSON.parse(String(message.data));
          if (envelope.type === 'response') resolve(envelope);
        };
      }),
  );
  expect(answer.ok).toBe(false);
  expect(answer.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/^无权限/) });
});

test('a wall window without its credential gets nothing', async ({ page }) => {
  const wall = new URL(host.urls.get('wall:left')!);
  wall.search = '';
  await page.goto(wall.toString());
  await expect(page.locator('.splash-subtitle')).toContainText('无权限：未登录');
  await expect(page.getByTestId('wall-cell')).toHaveCount(0);
});

test('the embedded demo opens its console signed in as the demo operator, and says so', async ({ page }) => {
  const demo = await startHost();
  try {
    await page.goto(demo.urls.get('console')!);
    await expect(page.getByTestId('console')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('sign-in-notice')).toHaveText('演示：已以 值班员 张三 登录');
    await expect(page.getByTestId('console-account')).toHaveAttribute('data-role', 'operator');
    await expect(page.getByTestId('scenario-button').first()).toBeVisible();
  } finally {
    await demo.stop();
  }
});
