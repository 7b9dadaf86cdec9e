// Tampering with a 10,000-record journal over three day files: each kind of change fails verify, which names the
// first bad record (seq, file and line).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { JournalRecord } from '@shared/model/journal';
import { Journal } from './journal';
import { serializeRecord } from './journal-line';
import { headPath, journalDirectory } from './journal-files';
import { verifyJournal } from './verify-journal';

const start = Date.UTC(2026, 11, 1, 9, 0, 0);
let pristine: string;
const copies: string[] = [];

/** Every line of the journal, in order, with its file. */
interface Line {
  file: string;
  text: string;
}

async function readLines(stateDir: string): Promise<Line[]> {
  const result: Line[] = [];
  for (const file of (await readdir(journalDirectory(stateDir))).sort()) {
    const text = await readFile(path.join(journalDirectory(stateDir), file), 'utf8');
    for (const line of text.split('\n').filter(Boolean)) result.push({ file, text: line });
  }
  return result;
}

async function writeLines(stateDir: string, lines: Line[]): Promise<void> {
  const files = new Map<string, string>();
  for (const file of await readdir(journalDirectory(stateDir))) files.set(file, '');
  for (const line of lines) files.set(line.file, `${files.get(line.file) ?? ''}${line.text}\n`);
  for (const [file, text] of files) await writeFile(path.join(journalDirectory(stateDir), file), text);
}

/** A copy of the pristine journal, changed by `change` (which edits the list of lines). */
async function tampered(change: (lines: Line[]) => void | Line[]): Promise<string> {
  const copy = await mkdtemp(path.join(os.tmpdir(), 'tianmu-journal-tampered-'));
  copies.push(copy);
  await cp(pristine, copy, { recursive: true });
  const lines = await readLines(copy);
  await writeLines(copy, change(lines) ?? lines);
  return copy;
}

const indexOfSeq = (lines: Line[], seq: number) =>
  lines.findIndex((line) => line.text.startsWith(`{"seq":${seq},`));
const lineNumberInFile = (lines: Line[], index: number) =>
  lines.slice(0, index + 1).filter((line) => line.file === lines[index]!.file).length;

beforeAll(async () => {
  pristine = await mkdtemp(path.join(os.tmpdir(), 'tianmu-journal-pristine-'));
  const clock = { ms: start };
  const journal = await Journal.open({ stateDir: pristine, now: () => clock.ms, log: () => undefined });
  for (let burst = 0; burst < 100; burst++) {
    clock.ms = start + burst * 30 * 60_000;
    await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        journal.append({
          actor: { userId: `user-${index % 7}`, role: 'operator', window: 'console' },
          action: index % 3 === 0 ? 'camera.viewed' : 'command',
          target: index % 3 === 0 ? { kind: 'camera', id: `cam-${index}` } : { kind: 'wall' },
          result: 'ok',
          ...(index % 3 === 0
            ? { period: { from: '2026-12-01T08:00:00Z', to: '2026-12-01T08:01:00Z' } }
            : {}),
          detail: { burst, index, note: '防汛防台 切换' },
        }),
      ),
    );
  }
  await journal.close();
}, 60_000);

afterAll(async () => {
  for (const directory of [pristine, ...copies]) await rm(directory, { recursive: true, force: true });
});

describe('verifyJournal', () => {
  it('passes the untouched journal of 10,000 records in three day files', async () => {
    expect(await verifyJournal(pristine)).toMatchObject({
      ok: true,
      records: 10_000,
      files: ['2026-12-01.jsonl', '2026-12-02.jsonl', '2026-12-03.jsonl'],
      headSeq: 10_000,
      problem: null,
    });
  });

  it('names a record with one byte changed (the byte itself, not the record after it)', async () => {
    let where = { file: '', line: 0 };
    const stateDir = await tampered((lines) => {
      const index = indexOfSeq(lines, 4_321);
      lines[index]!.text = lines[index]!.text.replace('"userId":"user-', '"userId":"usex-');
      where = { file: lines[index]!.file, line: lineNumberInFile(lines, index) };
    });
    const result = await verifyJournal(stateDir);
    expect(result.ok).toBe(false);
    expect(result.problem).toMatchObject({ kind: 'changed', seq: 4_321, ...where });
    expect(result.problem!.message).toMatch(/^record 4321 \(2026-12-0\d\.jsonl:\d+\) was changed/);
  });

  it('names a record whose stored hash was changed', async () => {
    const stateDir = await tampered((lines) => {
      const index = indexOfSeq(lines, 777);
      const text = lines[index]!.text;
      const flipped = text.at(-3) === 'a' ? 'b' : 'a';
      lines[index]!.text = `${text.slice(0, -3)}${flipped}${text.slice(-2)}`;
    });
    expect((await verifyJournal(stateDir)).problem).toMatchObject({ kind: 'changed', seq: 777 });
  });

  it('names the first of a deleted record', async () => {
    const stateDir = await tampered((lines) => {
      lines.splice(indexOfSeq(lines, 5_000), 1);
    });
    const result = await verifyJournal(stateDir);
    expect(result.problem).toMatchObject({ kind: 'deleted', seq: 5_000 });
    expect(result.problem!.message).toMatch(
      /^record 5000 deleted: .* holds record 5001 where 5000 was expected/,
    );
  });

  it('names a record deleted at the start of a day file', async () => {
    let firstOfDay = 0;
    const stateDir = await tampered((lines) => {
      const index = lines.findIndex((line) => line.file === '2026-12-02.jsonl');
      firstOfDay = Number(/"seq":(\d+)/.exec(lines[index]!.text)![1]);
      lines.splice(index, 1);
    });
    expect((await verifyJournal(stateDir)).problem).toMatchObject({
      kind: 'deleted',
      seq: firstOfDay,
      file: '2026-12-02.jsonl',
      line: 1,
    });
  });

  it('names the first of two swapped records as out of order', async () => {
    let where = { file: '', line: 0 };
    const stateDir = await tampered((lines) => {
      const index = indexOfSeq(lines, 3_500);
      [lines[index]!.text, lines[index + 1]!.text] = [lines[index + 1]!.text, lines[index]!.text];
      where = { file: lines[index]!.file, line: lineNumberInFile(lines, index) };
    });
    const result = await verifyJournal(stateDir);
    expect(result.problem).toMatchObject({ kind: 'reordered', seq: 3_501, ...where });
    expect(result.problem!.message).toContain('record 3501');
    expect(result.problem!.message).toContain('out of order: record 3500 comes after it');
  });

  it('names a record inserted between two others', async () => {
    const stateDir = await tampered((lines) => {
      const index = indexOfSeq(lines, 6_000);
      const forged = serializeRecord(6_001, '1'.repeat(64), {
        ts: '2026-12-02T10:00:00.000Z',
        ms: Date.parse('2026-12-02T10:00:00.000Z'),
        action: 'scenario.switched',
        actor: { userId: 'intruder' },
        target: { kind: 'scenario', id: 'fire' },
        result: 'ok',
      } as Omit<JournalRecord, 'seq' | 'prev' | 'hash'>);
      lines.splice(index + 1, 0, { file: lines[index]!.file, text: forged.line.toString('utf8').trimEnd() });
    });
    expect((await verifyJournal(stateDir)).problem).toMatchObject({ kind: 'inserted', seq: 6_001 });
  });

  it('names a copied record inserted again as inserted', async () => {
    const stateDir = await tampered((lines) => {
      const index = indexOfSeq(lines, 2_000);
      lines.splice(index + 5, 0, { ...lines[index]! });
    });
    expect((await verifyJournal(stateDir)).problem).toMatchObject({ kind: 'inserted', seq: 2_000 });
  });

  it('names the first of the last ten records cut off', async () => {
    const stateDir = await tampered((lines) => lines.slice(0, -10));
    const result = await verifyJournal(stateDir);
    expect(result.problem).toMatchObject({ kind: 'cut-off', seq: 9_991 });
    expect(result.problem!.message).toBe(
      'cut off: the head names record 10000, the files end at record 9990; record 9991 is the first missing',
    );
  });

  it('names the head record when the newest record was rewritten with a valid hash', async () => {
    const stateDir = await tampered((lines) => {
      const last = JSON.parse(lines.at(-1)!.text) as JournalRecord;
      const { seq, prev, hash: _hash, ...fields } = last;
      const forged = serializeRecord(seq, prev, { ...fields, actor: { userId: 'someone-else' } });
      lines[lines.length - 1]!.text = forged.line.toString('utf8').trimEnd();
    });
    expect((await verifyJournal(stateDir)).problem).toMatchObject({ kind: 'changed', seq: 10_000 });
  });

  it('fails when the head is deleted beside records', async () => {
    const stateDir = await tampered(() => undefined);
    await unlink(headPath(stateDir));
    expect((await verifyJournal(stateDir)).problem).toMatchObject({ kind: 'head' });
  });

  it('reports a line that is not a record in the middle as changed, not as torn', async () => {
    const stateDir = await tampered((lines) => {
      lines.splice(indexOfSeq(lines, 100), 1, { file: '2026-12-01.jsonl', text: '{"seq":100,"broken' });
    });
    const result = await verifyJournal(stateDir);
    expect(result.problem).toMatchObject({ kind: 'changed', seq: 100, file: '2026-12-01.jsonl', line: 100 });
    expect(result.torn).toBeNull();
  });

  it('reports a torn final line of zeros (a crash after the size grew) as torn, not as tampering', async () => {
    const stateDir = await tampered((lines) => [
      ...lines,
      { file: '2026-12-03.jsonl', text: '\0'.repeat(300) },
    ]);
    const result = await verifyJournal(stateDir);
    expect(result).toMatchObject({
      ok: true,
      records: 10_000,
      torn: { file: '2026-12-03.jsonl', bytes: 301 },
    });
  });
});
