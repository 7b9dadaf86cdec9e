// The journal's writer: group commit, validation at entry, the chain across day files, recovery of a torn tail,
// a tail cut off while the core was down, the clock going back, and retention.
import { afterEach, describe, expect, it } from 'vitest';
import { appendFile, mkdtemp, readFile, readdir, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Journal, JournalInputError } from './journal';
import { verifyJournal } from './verify-journal';
import { journalDirectory, readAnchor, readHead } from './journal-files';

const dayMs = 86_400_000;
const start = Date.UTC(2026, 11, 1, 9, 0, 0);
const directories: string[] = [];
const journals: Journal[] = [];

async function temporaryStateDir(): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'tianmu-journal-'));
  directories.push(directory);
  return directory;
}

/** A journal on a clock the test moves. */
async function openJournal(stateDir: string, clock = { ms: start }, retentionDays?: number) {
  const logLines: string[] = [];
  const journal = await Journal.open({
    stateDir,
    now: () => clock.ms,
    log: (line) => logLines.push(line),
    ...(retentionDays !== undefined ? { retentionDays } : {}),
  });
  journals.push(journal);
  return { journal, clock, logLines };
}

const command = (index: number) => ({
  actor: { userId: 'operator-1', role: 'operator', window: 'console', address: '127.0.0.1' },
  action: 'command' as const,
  target: { kind: 'wall', id: 'left' },
  result: 'ok' as const,
  detail: { index },
});

async function lines(stateDir: string, file: string): Promise<string[]> {
  return (await readFile(path.join(journalDirectory(stateDir), file), 'utf8')).split('\n').filter(Boolean);
}

afterEach(async () => {
  for (const journal of journals.splice(0)) await journal.close().catch(() => undefined);
  for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

describe('Journal', () => {
  it('writes appends that arrive together with one write and one fdatasync, in seq order', async () => {
    const { journal } = await openJournal(await temporaryStateDir());
    const records = await Promise.all(
      Array.from({ length: 100 }, (_, index) => journal.append(command(index))),
    );
    expect(records.map((record) => record.seq)).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
    expect(journal.stats).toEqual({ appends: 100, batches: 1 });
    await journal.append(command(100));
    expect(journal.stats).toEqual({ appends: 101, batches: 2 });
  });

  it('returns the stored record, chained to the one before and dated by the clock', async () => {
    const { journal } = await openJournal(await temporaryStateDir());
    const first = await journal.append(command(1));
    const second = await journal.append({
      actor: { userId: 'viewer-1', role: 'viewer' },
      action: 'camera.viewed',
      target: { kind: 'camera', id: 'cam-0042' },
      result: 'ok',
      period: { from: '2026-12-01T08:00:00.000Z', to: '2026-12-01T08:05:00.000Z' },
    });
    expect(first).toMatchObject({ seq: 1, prev: '0'.repeat(64), ts: '2026-12-01T09:00:00.000Z', ms: start });
    expect(second).toMatchObject({ seq: 2, prev: first.hash, target: { kind: 'camera', id: 'cam-0042' } });
  });

  it('refuses a bad record naming the field, and stores nothing for it', async () => {
    const stateDir = await temporaryStateDir();
    const { journal } = await openJournal(stateDir);
    await expect(journal.append({ ...command(1), result: 'refused' })).rejects.toThrow(
      new JournalInputError("journal record: reason: a 'refused' record needs a reason"),
    );
    await expect(
      journal.append({ ...command(1), action: 'camera.viewed', target: { kind: 'camera', id: 'cam-1' } }),
    ).rejects.toThrow(/period: camera.viewed needs the period watched/);
    await expect(journal.append({ ...command(1), action: 'format-disk' as never })).rejects.toThrow(/action/);
    await journal.close();
    expect((await verifyJournal(stateDir)).records).toBe(0);
  });

  it('after 10,000 mixed appends over three days verifies whole', async () => {
    const stateDir = await temporaryStateDir();
    const { journal, clock } = await openJournal(stateDir);
    for (let burst = 0; burst < 100; burst++) {
      clock.ms = start + burst * 30 * 60_000; // 100 bursts 30 minutes apart: three UTC days
      await Promise.all(
        Array.from({ length: 100 }, (_, index) =>
          journal.append(
            index % 10 === 0
              ? {
                  actor: { userId: 'street-a' },
                  action: 'refused',
                  target: { kind: 'camera', id: `cam-${index}` },
                  result: 'refused',
                  reason: '无权限',
                }
              : command(burst * 100 + index),
          ),
        ),
      );
    }
    await journal.close();
    const result = await verifyJournal(stateDir);
    expect(result).toMatchObject({
      ok: true,
      records: 10_000,
      firstSeq: 1,
      lastSeq: 10_000,
      headSeq: 10_000,
      torn: null,
    });
    expect(result.files).toEqual(['2026-12-01.jsonl', '2026-12-02.jsonl', '2026-12-03.jsonl']);
  });

  it('quarantines a torn last line at the next start, notes the recovery, and the chain resumes', async () => {
    const stateDir = await temporaryStateDir();
    const first = await openJournal(stateDir);
    for (let index = 0; index < 20; index++) await first.journal.append(command(index));
    await first.journal.close();
    const [file] = await readdir(journalDirectory(stateDir));
    const whole = await lines(stateDir, file!);
    // The power went while record 21 was being written: half of a line, never fsync'ed, never in the head.
    const torn = whole[5]!.replace('"seq":6', '"seq":21').slice(0, 90);
    await appendFile(path.join(journalDirectory(stateDir), file!), torn);

    const before = await verifyJournal(stateDir);
    expect(before).toMatchObject({ ok: true, records: 20, torn: { file, line: 21, bytes: 90 } });

    const second = await openJournal(stateDir);
    expect(second.logLines.join('\n')).toMatch(
      /torn last line of 2026-12-01.jsonl \(90 bytes\) moved to quarantine/,
    );
    const next = await second.journal.append(command(99));
    await second.journal.close();
    expect(next.seq).toBe(22);
    const after = await verifyJournal(stateDir);
    expect(after).toMatchObject({ ok: true, records: 22, torn: null, recoveries: 1 });
    const [quarantined] = await readdir(path.join(journalDirectory(stateDir), 'quarantine'));
    expect(await readFile(path.join(journalDirectory(stateDir), 'quarantine', quarantined!), 'utf8')).toBe(
      torn,
    );
  });

  it('does not excuse a durable record cut mid-line as torn: the head shows it was cut off', async () => {
    const stateDir = await temporaryStateDir();
    const { journal } = await openJournal(stateDir);
    for (let index = 0; index < 20; index++) await journal.append(command(index));
    await journal.close();
    const file = path.join(journalDirectory(stateDir), '2026-12-01.jsonl');
    const text = await readFile(file);
    await truncate(file, text.length - 40);
    const result = await verifyJournal(stateDir);
    expect(result.problem).toMatchObject({ kind: 'cut-off', seq: 20 });
    expect(result.torn).toMatchObject({ line: 20 });
  });

  it('keeps a tail cut off while the core was down visible after the next start', async () => {
    const stateDir = await temporaryStateDir();
    const first = await openJournal(stateDir);
    for (let index = 0; index < 30; index++) await first.journal.append(command(index));
    await first.journal.close();
    const file = path.join(journalDirectory(stateDir), '2026-12-01.jsonl');
    const kept = (await lines(stateDir, '2026-12-01.jsonl')).slice(0, 20);
    await writeFile(file, kept.map((line) => `${line}\n`).join(''));

    const second = await openJournal(stateDir);
    expect(second.logLines.join('\n')).toMatch(
      /TAMPERING OR DAMAGE: the head names record 30, the files end at 20/,
    );
    await second.journal.append(command(31));
    await second.journal.close();
    const result = await verifyJournal(stateDir);
    expect(result.problem).toMatchObject({ kind: 'deleted', seq: 21, line: 21 });
    expect(result.problem!.message).toContain('record 21–30 deleted');
  });

  it('writes the head at once, then at most once per interval, and the newest at close', async () => {
    const stateDir = await temporaryStateDir();
    const journal = await Journal.open({ stateDir, headIntervalMs: 3_600_000, log: () => undefined });
    journals.push(journal);
    await journal.append(command(1));
    // The first head write is on its way (not awaited by the append): wait until it has landed.
    let head = await readHead(stateDir);
    while (head.state !== 'present' || head.value.seq < 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      head = await readHead(stateDir);
    }
    for (let index = 2; index <= 10; index++) await journal.append(command(index));
    expect(await readHead(stateDir)).toMatchObject({ state: 'present', value: { seq: 1 } });
    await journal.close();
    expect(await readHead(stateDir)).toMatchObject({ state: 'present', value: { seq: 10 } });
  });

  it('stays in the newer day file when the clock goes back, so the files keep seq order', async () => {
    const stateDir = await temporaryStateDir();
    const { journal, clock } = await openJournal(stateDir);
    await journal.append(command(1));
    clock.ms = start + dayMs;
    await journal.append(command(2));
    clock.ms = start; // an NTP step back across midnight
    await journal.append(command(3));
    await journal.close();
    expect(await readdir(journalDirectory(stateDir))).toEqual(['2026-12-01.jsonl', '2026-12-02.jsonl']);
    expect((await lines(stateDir, '2026-12-02.jsonl')).length).toBe(2);
    expect((await verifyJournal(stateDir)).ok).toBe(true);
  });
});

describe('retention', () => {
  /** Ten day files, 2026-12-01 … 2026-12-10, five records each. */
  async function tenDays(stateDir: string) {
    const { journal, clock } = await openJournal(stateDir);
    for (let day = 0; day < 10; day++) {
      clock.ms = start + day * dayMs;
      for (let index = 0; index < 5; index++) await journal.append(command(day * 5 + index));
    }
    await journal.close();
  }

  it('removes only the files whose every record is older than the retention, and the rest verifies', async () => {
    const stateDir = await temporaryStateDir();
    await tenDays(stateDir);
    // 2026-12-10 12:00 with 5 days kept: 12-04 ended at 12-05 00:00, later than the cut-off (12-05 12:00 − 5 d + …).
    const clock = { ms: Date.UTC(2026, 11, 10, 12) };
    const { logLines } = await openJournal(stateDir, clock, 5);
    expect(logLines.join('\n')).toContain(
      'retention removed 2026-12-01.jsonl, 2026-12-02.jsonl, 2026-12-03.jsonl, 2026-12-04.jsonl',
    );
    expect((await readdir(journalDirectory(stateDir))).sort()).toEqual(
      ['2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10'].map(
        (day) => `${day}.jsonl`,
      ),
    );
    const anchor = await readAnchor(stateDir);
    expect(anchor).toMatchObject({ state: 'present', value: { seq: 21, file: '2026-12-05.jsonl' } });
    await journals.at(-1)!.close();
    expect(await verifyJournal(stateDir)).toMatchObject({ ok: true, records: 30, firstSeq: 21 });
  });

  it('keeps everything within the retention (default 180 days)', async () => {
    const stateDir = await temporaryStateDir();
    await tenDays(stateDir);
    await openJournal(stateDir, { ms: start + 179 * dayMs });
    expect((await readdir(journalDirectory(stateDir))).length).toBe(10);
  });

  it('still sees a kept file deleted by hand after retention removed older ones', async () => {
    const stateDir = await temporaryStateDir();
    await tenDays(stateDir);
    const { journal } = await openJournal(stateDir, { ms: Date.UTC(2026, 11, 10, 12) }, 5);
    await journal.close();
    await unlink(path.join(journalDirectory(stateDir), '2026-12-05.jsonl'));
    const result = await verifyJournal(stateDir);
    expect(result.problem).toMatchObject({ kind: 'deleted', seq: 21, file: '2026-12-06.jsonl', line: 1 });
  });
});
