// The audit page (审计日志) end to end: an operator switches the scenario, the administrator signs in, opens the
// journal page, filters by that user and the switch, sees its record, and exports CSV with the header and the
// record; an operator has no way to the page, and a journal.query straight from their session is refused.
import { readFile } from 'node:fs/promises';
import { test, expect, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../support/browser-host';
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
  await page.getByTestId('login-user').fill(userId);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('console')).toBeVisible({ timeout: 15_000 });
}

/** One request over a fresh WebSocket from the page (its cookie comes along), as a hand-made client would. */
function requestFromPage(page: Page, name: string, params: unknown) {
  return page.evaluate(
    ([name, params]) =>
      new Promise<{ ok: boolean; error?: { code: string; message: string } }>((resolve, reject) => {
        const socket = new WebSocket(`ws://${location.host}/ws`);
        socket.onerror = () => reject(new Error('no WebSocket'));
        socket.onopen = () => socket.send(JSON.stringify({ type: 'request', id: 1, name, params }));
        socket.onmessage = (message) => {
          const envelope = JSON.parse(String(message.data));
          if (envelope.type === 'response') resolve(envelope);
        };
      }),
    [name, params] as const,
  );
}

test('the administrator finds an operator’s scenario switch in the audit page and exports it as CSV', async ({
  browser,
}) => {
  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await signIn(operator, 'operator', 'demo-operator');
  await operator.locator('[data-testid="scenario-button"][data-scenario-id="flood-typhoon"]').click();
  await expect(operator.getByTestId('console-message')).toContainText('防汛防台');
  await operatorContext.close();

  const adminContext = await browser.newContext({ acceptDownloads: true });
  const admin = await adminContext.newPage();
  await admin.setViewportSize({ width: 1600, height: 900 });
  await signIn(admin, 'admin', 'demo-admin');
  await admin.getByTestId('journal-link').click();
  await expect(admin).toHaveURL(/#\/console\/journal/);
  await expect(admin.getByTestId('journal-row').first()).toBeVisible();

  await admin.getByTestId('journal-user').fill('operator');
  await admin.getByTestId('journal-action').selectOption('scenario.switched');
  await admin.getByTestId('journal-search').click();
  const rows = admin.getByTestId('journal-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-action', 'scenario.switched');
  await expect(rows.first()).toContainText('operator');
  await expect(rows.first()).toContainText('场景切换');
  await expect(rows.first()).toContainText('scenario：flood-typhoon');
  await expect(rows.first()).toContainText('成功');
  await expect(admin.getByTestId('journal-range')).toHaveText('第 1–1 条，共 1 条');
  await admin.screenshot({ path: 'test-results/screens/journal-page.png' });

  const [download] = await Promise.all([
    admin.waitForEvent('download'),
    admin.getByTestId('journal-export').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^tianmu-journal-\d{8}-\d{4}\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe(
    '\uFEFFseq,time,user,role,window,address,action,target,target id,result,reason,from,to,drill,detail,hash',
  );
  expect(lines).toHaveLength(3); // the header, the record, and the empty piece after the last CRLF
  expect(lines[1]).toMatch(
    /^\d+,\S+Z,operator,operator,console,[^,]*,scenario\.switched,scenario,flood-typhoon,ok,/,
  );
  await expect(admin.getByTestId('journal-message')).toHaveText('已导出 1 条记录');

  // Looking was journaled too: the administrator's own queries are on the page.
  await admin.getByTestId('journal-user').fill('admin');
  await admin.getByTestId('journal-action').selectOption('journal.queried');
  await admin.getByTestId('journal-search').click();
  await expect(rows.first()).toContainText('查阅日志');
  await adminContext.close();
});

test('an operator has no way to the audit page, and journal.query from their session is refused', async ({
  page,
}) => {
  await signIn(page, 'operator', 'demo-operator');
  await expect(page.getByTestId('console-account')).toHaveAttribute('data-role', 'operator');
  await expect(page.getByTestId('journal-link')).toHaveCount(0);
  // Typed into the address bar: the page shows no filters and no rows.
  await page.goto(`${host.urls.get('console')!.split('#')[0]}#/console/journal`);
  await expect(page.getByTestId('journal-page')).toBeVisible();
  await expect(page.getByTestId('journal-filters')).toHaveCount(0);

  for (const name of ['journal.query', 'journal.export']) {
    const answer = await requestFromPage(page, name, { filter: {} });
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/^无权限：需要管理员角色/),
    });
  }
});
