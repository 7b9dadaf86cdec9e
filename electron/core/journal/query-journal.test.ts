// The admin page's view of the journal: filters by user, camera, action and time, newest first with a limit, and a
// CSV export a spreadsheet opens safely.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { JournalRecord } from '@shared/model/journal';
import { Journal } from './journal';
import { journalCsv, queryJournal, queryJournalPage } from './query-journal';

const hourMs = 3_600_000;
const start = Date.UTC(2026, 11, 1, 20, 0, 0);
let stateDir: string;

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(os.tmpdir(), 'tianmu-journal-query-'));
  const clock = { ms: start };
  const journal = await Journal.open({ stateDir, now: () => clock.ms, log: () => undefined });
  // Twelve hours across midnight UTC: two day files. Each hour: a view by one of two users, a switch, a refusal.
  for (let hour = 0; hour < 12; hour++) {
    clock.ms = start + hour * hourMs;
    const user = hour % 2 === 0 ? 'op-a' : 'op-b';
    await journal.append({
      actor: { userId: user, role: 'operator' },
      action: 'camera.viewed',
      target: { kind: 'camera', id: `cam-000${hour % 3}` },
      result: 'ok',
      period: { from: new Date(clock.ms - 60_000).toISOString(), to: new Date(clock.ms).toISOString() },
    });
    await journal.append({
      actor: { userId: user },
      action: 'scenario.switched',
      target: { kind: 'scenario', id: 'fire' },
      result: 'ok',
      isDrill: hour === 5,
    });
    await journal.append({
      actor: { userId: 'viewer-1' },
      action: 'refused',
      target: { kind: 'camera', id: 'cam-0001' },
      result: 'refused',
      reason: '无权限',
    });
  }
  await journal.close();
});
afterAll(() => rm(stateDir, { recursive: true, force: true }));

describe('queryJournal', () => {
  it('lists the newest records first, at most the limit', async () => {
    const records = await queryJournal(stateDir, { limit: 4 });
    expect(records.map((record) => record.seq)).toEqual([36, 35, 34, 33]);
  });

  it('filters by user, camera, action and time range together', async () => {
    const records = await queryJournal(stateDir, {
      userId: 'op-a',
      cameraId: 'cam-0000',
      action: 'camera.viewed',
      fromMs: start + 2 * hourMs,
      toMs: start + 10 * hourMs,
    });
    // op-a views at even hours; cam-0000 at hours divisible by 3: hour 6 only in [2, 10).
    expect(records.map((record) => [record.actor.userId, record.target.id, record.ms])).toEqual([
      ['op-a', 'cam-0000', start + 6 * hourMs],
    ]);
  });

  it('finds every record about a camera, refusals included, across both day files', async () => {
    const records = await queryJournal(stateDir, { cameraId: 'cam-0001', limit: 100 });
    expect(records.filter((record) => record.action === 'refused')).toHaveLength(12);
    expect(records.filter((record) => record.action === 'camera.viewed')).toHaveLength(4);
    expect(new Set(records.map((record) => record.ts.slice(0, 10)))).toEqual(
      new Set(['2026-12-01', '2026-12-02']),
    );
  });

  it('keeps drill records apart', async () => {
    const drills = await queryJournal(stateDir, { isDrill: true });
    expect(drills.map((record) => record.action)).toEqual(['scenario.switched']);
  });
});

describe('queryJournalPage', () => {
  it('pages newest first with a cursor, each page counting what is left exactly', async () => {
    const first = await queryJournalPage(stateDir, { action: 'refused', limit: 5 });
    expect(first.records.map((record) => record.seq)).toEqual([36, 33, 30, 27, 24]);
    expect([first.total, first.isTotalExact, first.nextCursor]).toEqual([12, true, 24]);
    const last = await queryJournalPage(stateDir, { action: 'refused', limit: 10, beforeSeq: 24 });
    expect(last.records.map((record) => record.seq)).toEqual([21, 18, 15, 12, 9, 6, 3]);
    expect([last.total, last.isTotalExact, last.nextCursor]).toEqual([7, true, null]);
  });

  it('stops reading once the page is full and the counting budget is spent, the total then a lower bound', async () => {
    const page = await queryJournalPage(stateDir, { limit: 2 }, { countBudget: 3 });
    expect(page.records.map((record) => record.seq)).toEqual([36, 35]);
    expect(page.scannedLines).toBe(5);
    expect([page.total, page.isTotalExact, page.nextCursor]).toEqual([5, false, 35]);
  });
});

describe('journalCsv', () => {
  const record = (fields: Partial<JournalRecord>): JournalRecord => ({
    seq: 7,
    prev: '0'.repeat(64),
    ts: '2026-12-01T08:00:00.000Z',
    ms: 0,
    action: 'refused',
    actor: { userId: 'op-a', role: 'operator' },
    target: { kind: 'camera', id: 'cam-0001' },
    result: 'refused',
    reason: '无权限',
    hash: 'a'.repeat(64),
    ...fields,
  });

  it('quotes commas, quotes and newlines, with a BOM and CRLF rows', () => {
    const csv = journalCsv([record({ reason: 'outside "街道A", see\nrule 3' })]);
    expect(csv.startsWith('\uFEFFseq,time,user,')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe(
      `7,2026-12-01T08:00:00.000Z,op-a,operator,,,refused,camera,cam-0001,refused,"outside ""街道A"", see\nrule 3",,,,,${'a'.repeat(64)}`,
    );
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    const csv = journalCsv([
      record({
        actor: { userId: '=HYPERLINK("http://x","y")' },
        reason: '+1',
        target: { kind: 'camera', id: '-2' },
      }),
      record({ actor: { userId: '@SUM(A1)' }, reason: '\tcmd' }),
    ]);
    const [, first, second] = csv.split('\r\n');
    expect(first).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(first).toContain(",'-2,refused,'+1,");
    expect(second).toContain(",'@SUM(A1),");
    expect(second).toContain(",'\tcmd,");
  });

  it('defuses every cell of a hand-edited record and a leading NUL, space or newline before a formula', () => {
    // queryJournal reads lines with JSON.parse, not the schema: an edited file (verify flags it, the export
    // still shows it) can put any text in the result, time or hash columns.
    const edited = record({
      result: '=1+1' as JournalRecord['result'],
      ts: '@A1',
      hash: '-3+3',
      reason: '\0=cmd',
      actor: { userId: ' =HYPERLINK("http://x")', role: '\n+1' },
    });
    const row = journalCsv([edited]).split('\r\n')[1]!;
    expect(row).toContain(",'=1+1,");
    expect(row.startsWith("7,'@A1,")).toBe(true);
    expect(row.endsWith(",'-3+3")).toBe(true);
    expect(row).toContain(",'\0=cmd,");
    expect(row).toContain(`"' =HYPERLINK(""http://x"")"`);
    expect(row).toContain(`"'\n+1"`);
  });
});
