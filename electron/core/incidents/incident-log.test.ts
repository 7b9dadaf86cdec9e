import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident } from '@shared/model/incident';
import { IncidentLog, incidentLogFileName, parseIncidentLog } from './incident-log';
import { IncidentStore } from './incident-store';

const incident = (id: string, raisedAt: number): Incident => ({
  id,
  title: `事件 ${id}`,
  category: 'fire',
  severity: 'red',
  position: [121.5, 31.23],
  source: 'hotline-12345',
  status: 'new',
  raisedAt,
  updatedAt: raisedAt,
  isDrill: false,
});
const limin = { userId: 'limin', name: '李敏' };

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'tianmu-incidents-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** A core's start: the store, filled from the state folder, saving every change. */
async function start() {
  const store = new IncidentStore({ now: () => 1_000 });
  const lines: string[] = [];
  const { log, loaded } = await IncidentLog.open({ directory, log: (line) => lines.push(line) }, () =>
    store.list(),
  );
  store.restore(loaded.incidents);
  store.onChanged((changed) => log.append(changed));
  return { store, log, loaded, lines };
}

describe('IncidentLog', () => {
  it('brings back incidents and the history of the room’s steps after a restart', async () => {
    const first = await start();
    first.store.upsert([incident('a', 1), incident('b', 2)]);
    first.store.act('a', { type: 'acknowledge' }, limin);
    first.store.act('a', { type: 'dispatch', department: 'fire-rescue', note: '请出警' }, limin);
    await first.log.sync();
    // No close: a kill -9 closes nothing either.
    const second = await start();
    expect(second.store.list().map((item) => item.id)).toEqual(['b', 'a']);
    expect(second.store.get('a')).toMatchObject({ status: 'dispatched', dispatchedTo: 'fire-rescue' });
    expect(second.store.get('a')?.history?.map((step) => step.action)).toEqual([
      'acknowledged',
      'dispatched',
    ]);
    // The source sending it again after the restart does not undo the step.
    second.store.upsert([incident('a', 1)]);
    expect(second.store.get('a')?.status).toBe('dispatched');
    await second.log.close();
  });

  it('skips a torn last line (a write cut off) and starts with everything before it', async () => {
    const first = await start();
    first.store.upsert([incident('a', 1)]);
    first.store.act('a', { type: 'acknowledge' }, limin);
    await first.log.close();
    const file = path.join(directory, incidentLogFileName);
    const torn = JSON.stringify({ ...incident('a', 1), status: 'closed' }).slice(0, 40);
    await appendFile(file, torn);
    const second = await start();
    expect(second.loaded.skipped).toBe(1);
    expect(second.lines.join('\n')).toContain('skipped 1 damaged line');
    expect(second.store.get('a')).toMatchObject({ status: 'acknowledged', acknowledgedBy: '李敏' });
    // Rewritten at start: the next line starts on a line of its own, and the file reads cleanly.
    second.store.upsert([incident('b', 2)]);
    await second.log.close();
    expect(parseIncidentLog(await readFile(file, 'utf8'))).toMatchObject({ skipped: 0 });
    expect((await start()).store.list().map((item) => item.id)).toEqual(['b', 'a']);
  });

  it('writes nothing when a source re-sends the same record on every poll', async () => {
    const first = await start();
    for (let poll = 0; poll < 5; poll++) first.store.upsert([incident('a', 1)]);
    await first.log.close();
    const text = await readFile(path.join(directory, incidentLogFileName), 'utf8');
    expect(text.trim().split('\n')).toHaveLength(1);
  });

  it('rewrites the file once it holds many more lines than incidents', async () => {
    const store = new IncidentStore({ now: () => 1 });
    const { log } = await IncidentLog.open({ directory, compactAfterLines: 3 }, () => store.list());
    store.onChanged((changed) => log.append(changed));
    for (let update = 0; update < 10; update++) store.upsert([{ ...incident('a', 1), updatedAt: update }]);
    await log.close();
    const lines = (await readFile(path.join(directory, incidentLogFileName), 'utf8')).trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(4);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ updatedAt: 9 });
  });

  it('skips lines that are not incidents and keeps the rest', async () => {
    await writeFile(
      path.join(directory, incidentLogFileName),
      `${JSON.stringify(incident('a', 1))}\n{"id":"x"}\nnot json\n${JSON.stringify(incident('b', 2))}\n`,
    );
    const { loaded, log } = await IncidentLog.open({ directory }, () => []);
    expect(loaded.incidents.map((item) => item.id)).toEqual(['a', 'b']);
    expect(loaded.skipped).toBe(2);
    await log.close();
  });
});
