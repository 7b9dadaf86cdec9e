// Time schedules end to end: a temp workspace whose schedules.json has a rule starting at the next whole minute
// (Beijing time, at least 15 s ahead) that switches the wall to 火灾. The console shows 下一次：HH:mm 切换到 火灾
// before it; at that minute the wall window shows the fire scenario with no one touching the console, and the
// journal holds the switch with actor `schedule`. No clock is faked: the host runs on the real clock.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startHost, type RunningHost } from '../support/browser-host';
import { tempDemoWorkspace, type TempWorkspace } from '../support/temp-workspace';

let workspace: TempWorkspace;
let host: RunningHost;

/** A Beijing (UTC+8) local time's parts: the schedule's default zone. */
function beijing(ms: number) {
  const shifted = new Date(ms + 8 * 3_600_000);
  return {
    time: `${String(shifted.getUTCHours()).padStart(2, '0')}:${String(shifted.getUTCMinutes()).padStart(2, '0')}`,
    weekday: ((shifted.getUTCDay() + 6) % 7) + 1,
  };
}

/** The first whole minute at least 50 s from now (on a busy 2-core machine the host and pages take 20–40 s). */
const ruleStartsAt = Math.ceil((Date.now() + 50_000) / 60_000) * 60_000;
const start = beijing(ruleStartsAt);

test.beforeAll(async () => {
  workspace = await tempDemoWorkspace();
  const schedule = {
    format: 'tianmu-schedules/1',
    rules: [
      {
        id: 'test-fire-drill',
        name: { zh: '火灾演练时段', en: 'Fire drill period' },
        kind: 'weekly',
        days: [start.weekday],
        from: start.time,
        to: beijing(ruleStartsAt + 30 * 60_000).time,
        action: 'switch',
        scenarioId: 'fire',
      },
    ],
  };
  await writeFile(path.join(workspace.workspaceDir, 'schedules.json'), JSON.stringify(schedule, null, 2));
  host = await startHost(['--workspace', workspace.workspaceDir, '--state-dir', workspace.stateDir]);
});

/** The journal's record of the switch to 火灾, if written yet. */
async function readSwitch() {
  const directory = path.join(workspace.stateDir, 'journal');
  const files = (await readdir(directory)).filter((name) => name.endsWith('.jsonl'));
  const lines = (await Promise.all(files.map((name) => readFile(path.join(directory, name), 'utf8'))))
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  return lines.find((record) => record.action === 'scenario.switched' && record.target?.id === 'fire');
}

test.afterAll(async () => {
  await host?.stop();
  await workspace?.remove();
});

test("a schedule rule switches the wall at its time, shown beforehand on the console and journaled as actor 'schedule'", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const context = await browser.newContext();
  const wall = await context.newPage();
  const console = await context.newPage();
  await wall.goto(host.urls.get('wall:left')!);
  await console.goto(host.urls.get('console')!);
  await expect(wall.locator('.wall-display')).toHaveAttribute('data-scenario-id', 'daily');

  const next = console.getByTestId('schedule-next');
  await expect(next).toHaveText(`下一次：${start.time} 切换到 火灾`);
  // Shown before the minute: once it has passed, the next start is a week later and is shown with its date.
  await expect(next).toHaveAttribute('data-at', String(ruleStartsAt));

  // The wall switches by itself at the rule's minute (within the window's own event delivery).
  await expect(wall.locator('.wall-display')).toHaveAttribute('data-scenario-id', 'fire', {
    timeout: ruleStartsAt - Date.now() + 10_000,
  });
  expect(Date.now()).toBeGreaterThanOrEqual(ruleStartsAt);
  await expect(console.getByTestId('schedule-current')).toHaveAttribute('data-rule-id', 'test-fire-drill');
  await expect(console.locator('[data-testid="scenario-button"][data-scenario-id="fire"]')).toHaveClass(
    /active/,
  );

  await expect.poll(readSwitch).toMatchObject({
    actor: { userId: 'schedule', role: 'system' },
    detail: { schedule: 'test-fire-drill' },
  });
  await context.close();
});
