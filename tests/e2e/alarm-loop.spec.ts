// The alarm loop end to end: a red alarm from a backend (this test's own feed server) sounds on the console, and 静音
// shows it muted; an alarm acknowledged, dispatched (派单), in progress and closed (办结) keeps its history through
// kill -9 of the host and a restart, and the source sending it again as new does not reopen it.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import type { Incident } from '../../shared/model/incident';
import { startHost, type RunningHost } from '../support/browser-host';
import { coreRequest } from '../support/core-requests';
import { startWebSocketFeedServer, type WebSocketFeedServer } from '../support/feed-servers';
import { tempDemoWorkspace, type TempWorkspace } from '../support/temp-workspace';

let server: WebSocketFeedServer;
let workspace: TempWorkspace;
let host: RunningHost;

// The demo seeds its incidents but raises no new one for an hour: only the test's alarms arrive.
const hostArgs = () => [
  '--workspace',
  workspace.workspaceDir,
  '--state-dir',
  workspace.stateDir,
  '--demo-incident-seconds',
  '3600',
];

test.beforeAll(async () => {
  server = await startWebSocketFeedServer({ heartbeatMs: 300 });
  workspace = await tempDemoWorkspace();
  await writeFile(
    path.join(workspace.workspaceDir, 'sources.json'),
    JSON.stringify({
      sources: [
        { id: 'demo', kind: 'demo' },
        {
          id: 'test-alarms',
          name: { zh: '测试告警', en: 'Test alarms' },
          kind: 'tianmu-ws',
          url: server.url,
        },
      ],
    }),
  );
  host = await startHost(hostArgs());
});

test.afterAll(async () => {
  await host?.stop();
  await server?.stop();
  await workspace?.remove();
});

function alarm(id: string, severity: Incident['severity'], title = `测试告警 ${id}：道路积水`): Incident {
  const now = Date.now();
  return {
    id,
    title,
    category: 'flood',
    severity,
    position: [121.4905, 31.2335],
    street: 'waitan',
    source: 'test-alarms',
    status: 'new',
    raisedAt: now,
    updatedAt: now,
    isDrill: false,
  };
}

function row(page: Page, incidentId: string) {
  return page.locator(`[data-testid="incident-row"][data-incident-id="${incidentId}"]`);
}

async function openConsole(page: Page) {
  await page.goto(host.urls.get('console')!);
  await expect(page.getByTestId('incident-row').first()).toBeVisible();
  await expect.poll(() => server.clientCount).toBeGreaterThan(0);
}

test('a red alarm sounds until acknowledged, and 静音 shows the console muted', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openConsole(page);
  const sound = page.getByTestId('alarm-sound');
  await expect(sound).toHaveAttribute('data-sounding', 'false');

  const red = alarm('alarm-red-1', 'red');
  server.publish({}, { incidents: [red] });
  await expect(row(page, red.id)).toHaveAttribute('data-status', 'new');
  await expect(sound).toHaveAttribute('data-sounding', 'true');
  await expect(sound).toHaveAttribute('data-severity', 'red');
  await expect(page.getByTestId('alarm-sound-state')).toContainText('告警音播放中');

  await page.getByTestId('alarm-mute').click();
  await expect(sound).toHaveAttribute('data-muted', 'true');
  await expect(sound).toHaveAttribute('data-sounding', 'false');
  await expect(page.getByTestId('alarm-sound-state')).toContainText('静音');
  await page.getByTestId('alarm-mute').click();
  await expect(sound).toHaveAttribute('data-sounding', 'true');

  await row(page, red.id).getByTestId('incident-acknowledge').click();
  await expect(row(page, red.id)).toHaveAttribute('data-status', 'acknowledged');
  await expect(sound).toHaveAttribute('data-sounding', 'false');
});

test('an alarm acknowledged, dispatched and closed keeps its history through kill -9, and is not reopened', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  let page = await context.newPage();
  await openConsole(page);
  const orange = alarm('alarm-loop-1', 'orange');
  server.publish({}, { incidents: [orange] });
  // The page is replaced after the restart: the row is looked up on the current one.
  const target = () => row(page, orange.id);
  await expect(target()).toHaveAttribute('data-status', 'new');

  await target().getByTestId('incident-acknowledge').click();
  await expect(target()).toHaveAttribute('data-status', 'acknowledged');
  await target().getByTestId('incident-dispatch').click();
  const panel = page.getByTestId('incident-panel');
  await panel.getByTestId('incident-department').selectOption({ label: '排水公司' });
  await panel.getByTestId('incident-note').fill('请携带泵车到场');
  await panel.getByTestId('incident-dispatch-confirm').click();
  await expect(target()).toHaveAttribute('data-status', 'dispatched');
  await expect(target().getByTestId('incident-status')).toContainText('已派 排水公司');
  await target().getByTestId('incident-start').click();
  await expect(target()).toHaveAttribute('data-status', 'in-progress');
  await target().getByTestId('incident-close').click();
  await panel.getByTestId('incident-outcome').fill('积水已排除，道路恢复通行');
  await panel.getByTestId('incident-close-confirm').click();
  // Closed incidents leave the default list (未办结) and are found under their state.
  await expect(target()).toHaveCount(0);

  const expectClosedWithHistory = async () => {
    await page.getByTestId('incident-filter-state').selectOption('closed');
    await expect(target()).toHaveAttribute('data-status', 'closed');
    await target().getByTestId('incident-details').click();
    const steps = page.getByTestId('incident-history-step');
    // Newest first: 办结, 处置中, 派单, 确认 — each by the console's user.
    await expect(steps).toHaveCount(4);
    await expect(steps.nth(0)).toHaveAttribute('data-action', 'closed');
    await expect(steps.nth(0)).toContainText('积水已排除，道路恢复通行');
    await expect(steps.nth(2)).toHaveAttribute('data-action', 'dispatched');
    await expect(steps.nth(2)).toContainText('排水公司');
    await expect(steps.nth(2)).toContainText('请携带泵车到场');
    await expect(steps.nth(3)).toHaveAttribute('data-action', 'acknowledged');
    await expect(steps.nth(3)).toContainText('本地管理员');
  };
  await expectClosedWithHistory();

  await host.kill('SIGKILL');
  await page.close();
  host = await startHost(hostArgs());
  page = await context.newPage();
  await openConsole(page);
  await expectClosedWithHistory();

  // The source sends it again, as new, with a changed title: the title updates, the incident stays closed.
  server.publish({}, { incidents: [alarm(orange.id, 'orange', '测试告警 alarm-loop-1：道路积水（续报）')] });
  await expect(target()).toContainText('（续报）');
  await expect(target()).toHaveAttribute('data-status', 'closed');
  const listed = await coreRequest<{ incidents: Incident[] }>(host.urls.get('console')!, 'incidents.list');
  expect(listed.incidents.find((incident) => incident.id === orange.id)).toMatchObject({
    status: 'closed',
    outcome: '积水已排除，道路恢复通行',
    dispatchedTo: 'drainage',
  });
  await context.close();
});
