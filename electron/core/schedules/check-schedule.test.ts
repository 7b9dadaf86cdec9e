import { afterEach, describe, expect, it } from 'vitest';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWorkspace } from '../workspace/load-workspace';
import { WorkspaceError } from '../files/workspace-error';

const demo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources/demo');
const copies: string[] = [];
const name = (zh: string) => ({ zh, en: zh });

/** A copy of the demo workspace whose `schedules.json` is `content`. */
async function demoWithSchedule(content: unknown): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'tianmu-schedules-'));
  copies.push(directory);
  await cp(demo, directory, { recursive: true });
  await writeFile(
    path.join(directory, 'schedules.json'),
    typeof content === 'string' ? content : JSON.stringify(content),
  );
  return directory;
}

async function refusal(content: unknown): Promise<WorkspaceError> {
  const error = await loadWorkspace(await demoWithSchedule(content)).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WorkspaceError);
  return error as WorkspaceError;
}

const weekly = (fields: Record<string, unknown>) => ({
  id: 'night',
  name: name('夜间'),
  kind: 'weekly',
  days: [1, 2, 3, 4, 5, 6, 7],
  from: '22:00',
  to: '06:00',
  action: 'switch',
  scenarioId: 'daily',
  ...fields,
});
const file = (rules: unknown[], extra: Record<string, unknown> = {}) => ({
  format: 'tianmu-schedules/1',
  rules,
  ...extra,
});

afterEach(async () => {
  await Promise.all(copies.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

describe('schedules.json at load', () => {
  it('the demo workspace loads with its schedule; a workspace without the file has none', async () => {
    const workspace = await loadWorkspace(demo);
    expect(workspace.schedules?.rules.map((rule) => rule.id)).toContain('holiday-patrol');
    const directory = await demoWithSchedule('{}');
    await rm(path.join(directory, 'schedules.json'));
    expect((await loadWorkspace(directory)).schedules).toBeNull();
  });

  it('two weekly rules that overlap at the same priority are refused, naming both rules', async () => {
    const error = await refusal(
      file([weekly({}), weekly({ id: 'friday-evening', days: [5], from: '18:00', to: '23:00' })]),
    );
    expect(error.file).toBe('schedules.json');
    expect(error.field).toBe('rules.1');
    expect(error.problem).toMatch(/'friday-evening' overlaps rule 'night'.*周五.*same priority 0/);
  });

  it('a time that is not HH:mm is refused naming the field', async () => {
    const error = await refusal(file([weekly({ from: '7:00' })]));
    expect(error.message).toBe('schedules.json → rules.0.from: a time is HH:mm, 00:00 to 24:00');
  });

  it('a weekday 0 is refused naming the field', async () => {
    const error = await refusal(file([weekly({ days: [0] })]));
    expect(error.field).toBe('rules.0.days.0');
    expect(error.problem).toBe('a weekday is 1 (Monday) to 7 (Sunday)');
  });

  it('an unknown scenario, an unknown calendar and an unknown time zone are refused', async () => {
    expect((await refusal(file([weekly({ scenarioId: 'night-mode' })]))).message).toBe(
      "schedules.json → rules.0.scenarioId: no scenario has id 'night-mode'",
    );
    const dated = { ...weekly({}), kind: 'dated', days: undefined, calendar: 'holidays' };
    expect((await refusal(file([dated]))).message).toBe(
      "schedules.json → rules.0.calendar: no holiday calendar has id 'holidays'",
    );
    expect((await refusal(file([], { timeZone: 'Asia/Beijing' }))).message).toBe(
      "schedules.json → timeZone: unknown time zone 'Asia/Beijing'",
    );
  });

  it('a dated rule with no dates and no calendar, a date that does not exist and a rule lasting no time are refused', async () => {
    const dated = { ...weekly({}), kind: 'dated', days: undefined };
    expect((await refusal(file([dated]))).field).toBe('rules.0.dates');
    expect(
      (await refusal(file([{ ...dated, dates: { from: '2027-02-30', to: '2027-03-01' } }]))).message,
    ).toBe('schedules.json → rules.0.dates.from: no such date');
    expect((await refusal(file([weekly({ from: '08:00', to: '08:00' })]))).field).toBe('rules.0.to');
  });

  it('a date range of more than 366 days (2027 typed as 2072) is refused, so loading never expands decades of days', async () => {
    const dated = {
      ...weekly({}),
      kind: 'dated',
      days: undefined,
      dates: { from: '2027-01-01', to: '2072-01-01' },
    };
    expect((await refusal(file([dated]))).message).toBe(
      'schedules.json → rules.0.dates.to: a range spans at most 366 days',
    );
  });

  it('a file that is not JSON is refused naming the file', async () => {
    expect((await refusal('{"format":')).message).toMatch(/^schedules\.json: not valid JSON/);
  });
});
