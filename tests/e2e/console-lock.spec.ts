// The console's idle lock, end to end: a workspace whose consoles lock after 15 s without input (users.json's
// `policy.lockAfterIdleMinutes: 0.25`, the shortest it allows); an operator signs in, leaves the console alone,
// the lock screen covers it while the wall window's tiles keep decoding frames; the locked session's own
// wall.command is refused with 已锁定, a reload stays locked, a wrong password is refused, the right one unlocks,
// and the journal holds the lock, the refusals and the unlock.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../support/browser-host';
import { tempDemoWorkspace, type TempWorkspace } from '../support/temp-workspace';

const lockAfterIdleMs = 15_000;
let workspace: TempWorkspace;
let host: RunningHost;

test.beforeAll(async () => {
  workspace = await tempDemoWorkspace({ withUsers: true });
  const file = path.join(workspace.workspaceDir, 'users.json');
  const users = JSON.parse(await readFile(file, 'utf8'));
  users.policy.lockAfterIdleMinutes = lockAfterIdleMs / 60_000;
  await writeFile(file, JSON.stringify(users, null, 2));
  host = await startHost(['--workspace', workspace.workspaceDir, '--state-dir', workspace.stateDir]);
});

test.afterAll(async () => {
  await host?.stop();
  await workspace?.remove();
});

/** A wall.command sent straight from the page over a WebSocket of its own (the session cookie rides along). */
function directCommand(page: Page) {
  return page.evaluate(
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
          if (envelope.type === 'response') {
            socket.close();
            resolve(envelope);
          }
        };
      }),
  );
}

/** Decoded frames per camera shown on a wall page (a patrol tile changes its camera, so tiles are by camera). */
function framesByCamera(page: Page): Promise<Record<string, number>> {
  return page.$$eval('[data-testid="video-tile"][data-camera-id]', (tiles) =>
    Object.fromEntries(
      tiles.map((tile) => [
        (tile as HTMLElement).dataset.cameraId!,
        tile.querySelector('video')?.getVideoPlaybackQuality().totalVideoFrames ?? 0,
      ]),
    ),
  );
}

/** Every journal record so far (action, result, reason). */
async function journalRecords(): Promise<Array<{ action: string; result: string; reason?: string }>> {
  const directory = path.join(workspace.stateDir, 'journal');
  const files = (await readdir(directory)).filter((name) => name.endsWith('.jsonl')).sort();
  const lines = (await Promise.all(files.map((name) => readFile(path.join(directory, name), 'utf8'))))
    .join('')
    .split('\n')
    .filter(Boolean);
  return lines.map((line) => JSON.parse(line));
}

test('the console locks after the idle time, the wall keeps playing, and only the password unlocks it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const wallContext = await browser.newContext();
  const wall = await wallContext.newPage();
  await wall.goto(host.urls.get('wall:left')!);
  await expect
    .poll(async () => Object.values(await framesByCamera(wall)).some((count) => count > 0), {
      timeout: 30_000,
    })
    .toBe(true);

  const consoleContext = await browser.newContext();
  const page = await consoleContext.newPage();
  await page.goto(host.urls.get('console')!);
  await page.getByTestId('login-user').fill('operator');
  await page.getByTestId('login-password').fill('demo-operator');
  const lastInputAt = Date.now();
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('console')).toBeVisible({ timeout: 15_000 });

  // Nobody touches the console: it locks, not before the lock time.
  const lock = page.getByTestId('console-lock');
  await expect(lock).toBeVisible({ timeout: lockAfterIdleMs + 20_000 });
  expect(Date.now() - lastInputAt).toBeGreaterThanOrEqual(lockAfterIdleMs);
  await expect(lock).toContainText('已锁定');
  await expect(page.getByTestId('lock-user')).toContainText('值班员 张三');
  await expect(page.getByTestId('lock-sign-out')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/console-lock.png' });

  // The wall is a machine: it never locks and keeps playing behind the locked console.
  const before = await framesByCamera(wall);
  await wall.waitForTimeout(3_000);
  const after = await framesByCamera(wall);
  const playing = Object.keys(before).filter((camera) => before[camera]! > 0 && camera in after);
  expect(playing.length).toBeGreaterThan(0);
  for (const camera of playing) expect(after[camera], `${camera} advanced`).toBeGreaterThan(before[camera]!);

  // The core is the boundary: the locked session's own command is refused.
  const refused = await directCommand(page);
  expect(refused.ok).toBe(false);
  expect(refused.error).toMatchObject({ code: 'locked', message: expect.stringMatching(/^已锁定/) });

  // A reload does not get past the lock (the lock lives in the core's session).
  await page.reload();
  await expect(lock).toBeVisible({ timeout: 15_000 });

  await page.getByTestId('lock-password').fill('not-the-password');
  await page.getByTestId('lock-unlock').click();
  await expect(page.getByTestId('lock-error')).toContainText('密码错误');
  await expect(lock).toBeVisible();

  await page.getByTestId('lock-password').fill('demo-operator');
  await page.getByTestId('lock-unlock').click();
  await expect(lock).toBeHidden();
  await expect(page.getByTestId('console')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('scenario-button').first()).toBeVisible();
  expect((await directCommand(page)).ok).toBe(true);

  await expect
    .poll(async () =>
      (await journalRecords())
        .filter((record) => record.action.startsWith('session.') || record.reason?.startsWith('已锁定'))
        .map((record) => `${record.action} ${record.result}`),
    )
    .toEqual(
      expect.arrayContaining([
        'session.locked ok',
        'refused refused',
        'session.unlocked refused',
        'session.unlocked ok',
      ]),
    );
  await wallContext.close();
  await consoleContext.close();
});
