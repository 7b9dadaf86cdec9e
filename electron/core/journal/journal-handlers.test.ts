// The audit page's requests through a session, as the console calls them: filters, the page-size cap and the
// cursor, the refusal of every role but admin, and each look journaled with who looked and with which filter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { requestSchemas, type RequestHandlers, type RequestResult } from '@shared/protocol';
import type { Role } from '@shared/model/user';
import { Audit } from '../auth/audit';
import { FeedHub } from '../feeds/feed-hub';
import { CoreSession, type SessionContext } from '../session';
import { Journal } from './journal';
import { journalHandlers } from './journal-handlers';

const start = Date.UTC(2026, 11, 7, 8, 0);
let stateDir: string;
let journal: Journal;
const clock = { ms: start };

function sessionOf(role: Role, userId: string = role): CoreSession {
  const session = new CoreSession(
    journalHandlers(journal, new Audit(journal, () => clock.ms)) as RequestHandlers<SessionContext>,
    new FeedHub({ now: () => clock.ms }),
    () => undefined,
    {},
    { principal: { kind: 'user', userId, role, areas: { all: true } }, address: '127.0.0.1' },
  );
  session.role = 'console';
  return session;
}

async function query(session: CoreSession, params: unknown): Promise<RequestResult<'journal.query'>> {
  return (await session.request('journal.query', params)) as RequestResult<'journal.query'>;
}

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(os.tmpdir(), 'tianmu-journal-handlers-'));
  journal = await Journal.open({ stateDir, now: () => clock.ms, log: () => undefined });
  // An hour of a room: two operators switch scenarios and view cameras, one is refused a camera.
  for (let minute = 0; minute < 60; minute++) {
    clock.ms = start + minute * 60_000;
    const userId = minute % 2 === 0 ? 'operator' : 'waitan-operator';
    await journal.append({
      actor: { userId, role: 'operator', window: 'console', address: '127.0.0.1' },
      action: minute % 3 === 0 ? 'scenario.switched' : 'command',
      target: { kind: 'scenario', id: minute % 3 === 0 ? 'flood' : 'normal' },
      result: 'ok',
    });
  }
  await journal.append({
    actor: { userId: 'waitan-operator', role: 'operator' },
    action: 'refused',
    target: { kind: 'camera', id: 'cam-0007' },
    result: 'refused',
    reason: '无权限：摄像机 cam-0007 不在您的管辖区域内',
  });
  clock.ms = start + 2 * 3_600_000;
});
afterAll(async () => {
  await journal.close();
  await rm(stateDir, { recursive: true, force: true });
});

describe('journal.query', () => {
  it('filters by user, action and time, newest first, with the count of what matched', async () => {
    const page = await query(sessionOf('admin'), {
      filter: {
        userId: 'operator',
        action: 'scenario.switched',
        fromMs: start + 10 * 60_000,
        toMs: start + 40 * 60_000,
      },
    });
    // operator at even minutes, switches at minutes divisible by 3: 12, 18, 24, 30, 36 within [10, 40).
    expect(page.records.map((record) => (record.ms - start) / 60_000)).toEqual([36, 30, 24, 18, 12]);
    expect(page.records.every((record) => record.actor.userId === 'operator')).toBe(true);
    expect([page.total, page.isTotalExact, page.nextCursor]).toEqual([5, true, null]);
  });

  it('finds a camera refusal by camera and result', async () => {
    const page = await query(sessionOf('admin'), { filter: { cameraId: 'cam-0007', result: 'refused' } });
    expect(page.records.map((record) => record.reason)).toEqual([
      '无权限：摄像机 cam-0007 不在您的管辖区域内',
    ]);
  });

  it('pages with the cursor and refuses a page larger than the cap', async () => {
    const admin = sessionOf('admin');
    const filter = { action: 'command' };
    const first = await query(admin, { filter, pageSize: 15 });
    const second = await query(admin, { filter, pageSize: 200, cursor: first.nextCursor });
    expect(first.records).toHaveLength(15);
    expect([first.total, second.total, second.records.length, second.nextCursor]).toEqual([40, 25, 25, null]);
    expect(first.records.at(-1)!.seq).toBeGreaterThan(second.records[0]!.seq);
    await expect(query(admin, { filter, pageSize: 201 })).rejects.toThrow(/journal\.query: pageSize.*200/);
  });

  it('refuses an operator, a trainer and a viewer with 无权限 and journals no look for them', async () => {
    for (const role of ['operator', 'trainer', 'viewer'] as const)
      await expect(query(sessionOf(role, `someone-${role}`), {})).rejects.toThrow(/^无权限：需要管理员角色/);
    const looks = await journal.query({ action: 'journal.queried', limit: 1000 });
    expect(looks.filter((record) => record.actor.userId?.startsWith('someone-'))).toEqual([]);
  });

  it('journals each look with who looked and the filter, before answering', async () => {
    const page = await query(sessionOf('admin', 'admin-li'), { filter: { userId: 'operator' }, pageSize: 3 });
    const [look] = await journal.query({ action: 'journal.queried', userId: 'admin-li' });
    expect(look).toMatchObject({
      actor: { userId: 'admin-li', role: 'admin', window: 'console', address: '127.0.0.1' },
      target: { kind: 'journal' },
      result: 'ok',
      detail: { filter: { userId: 'operator' }, pageSize: 3 },
    });
    // Durable before the answer: a later page finds it (it is newer than everything on the first).
    expect(look!.seq).toBeGreaterThan(page.records[0]!.seq);
  });
});

describe('journal.export', () => {
  it('answers the matching records as CSV with a BOM and the header, and journals the export', async () => {
    const answer = (await sessionOf('admin', 'admin-li').request('journal.export', {
      filter: { action: 'refused' },
    })) as RequestResult<'journal.export'>;
    expect(
      answer.csv.startsWith('\uFEFFseq,time,user,role,window,address,action,target,target id,result'),
    ).toBe(true);
    expect(answer.csv).toContain('waitan-operator,operator,,,refused,camera,cam-0007,refused,无权限');
    expect([answer.count, answer.isTruncated]).toEqual([1, false]);
    const [exported] = await journal.query({ action: 'export' });
    expect(exported).toMatchObject({
      actor: { userId: 'admin-li' },
      detail: { filter: { action: 'refused' }, records: 1, isTruncated: false },
    });
  });

  it('is refused to an operator', async () => {
    await expect(sessionOf('operator').request('journal.export', {})).rejects.toThrow(/^无权限/);
  });
});

describe('a hand-edited journal', () => {
  it('still answers a page the console accepts, counting the records that are not records any more', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'tianmu-journal-edited-'));
    try {
      const edited = await Journal.open({ stateDir: directory, now: () => start, log: () => undefined });
      await edited.append({
        actor: { userId: 'operator' },
        action: 'login',
        target: { kind: 'session' },
        result: 'ok',
      });
      await edited.close();
      // Valid JSON, but no actor and a formula for a result: verify names it; the page must not break on it.
      const file = path.join(directory, 'journal', '2026-12-07.jsonl');
      await appendFile(file, `{"seq":2,"ms":${start},"action":"login","result":"=1+1"}\n`);
      const session = new CoreSession(
        journalHandlers({ stateDir: directory }, new Audit(null)) as RequestHandlers<SessionContext>,
        new FeedHub({ now: () => start }),
        () => undefined,
        {},
        { principal: { kind: 'user', userId: 'admin', role: 'admin', areas: { all: true } } },
      );
      const page = await session.request('journal.query', { filter: { action: 'login' } });
      const checked = requestSchemas['journal.query'].result.safeParse(page);
      expect(
        checked.success ? checked.data.records.map((record) => record.seq) : checked.error.message,
      ).toEqual([1]);
      expect(page).toMatchObject({ malformed: 1 });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
