// `tianmu journal verify|list`: exit 0 for a whole chain (and for a torn tail, said in a line), 1 naming the first
// bad record, 2 for a usage error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Journal } from './journal';
import { journalDirectory } from './journal-files';
import { runJournalCli } from './journal-cli';

let stateDir: string;
const directories: string[] = [];
const file = () => path.join(journalDirectory(stateDir), '2026-12-01.jsonl');

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runJournalCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

async function copy(): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'tianmu-journal-cli-copy-'));
  directories.push(directory);
  await cp(stateDir, directory, { recursive: true });
  return directory;
}

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(os.tmpdir(), 'tianmu-journal-cli-'));
  directories.push(stateDir);
  const journal = await Journal.open({ stateDir, now: () => Date.UTC(2026, 11, 1, 9), log: () => undefined });
  for (let index = 0; index < 30; index++)
    await journal.append({
      actor: { userId: index % 2 ? 'op-a' : 'op-b' },
      action: 'command',
      target: { kind: 'wall' },
      result: 'ok',
    });
  await journal.close();
});
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

describe('tianmu journal', () => {
  it('verify prints the range and exits 0 for a whole chain', async () => {
    expect(await run('verify', '--state-dir', stateDir)).toEqual({
      code: 0,
      stdout: '30 records in 1 files (records 1–30), head at 30\njournal ok: the chain is whole\n',
      stderr: '',
    });
  });

  it('verify names the changed record and exits 1', async () => {
    const changed = await copy();
    const target = path.join(journalDirectory(changed), '2026-12-01.jsonl');
    const text = await readFile(target, 'utf8');
    const lines = text.split('\n');
    lines[11] = lines[11]!.replace('"userId":"op-', '"userId":"oq-');
    await writeFile(target, lines.join('\n'));
    const result = await run('verify', '--state-dir', changed);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'journal BAD — changed: record 12 (2026-12-01.jsonl:12) was changed: its bytes do not give its hash',
    );
  });

  it('verify of a folder without a journal says so and exits 1 (a mistyped path is not an empty journal)', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'tianmu-journal-cli-empty-'));
    directories.push(empty);
    const result = await run('verify', '--state-dir', empty);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `journal BAD — head: no journal in ${empty} (no journal.head, no day files)`,
    );
  });

  it('verify reports a torn last line and exits 0', async () => {
    const torn = await copy();
    await appendFile(path.join(journalDirectory(torn), '2026-12-01.jsonl'), '{"seq":31,"prev":"ab');
    const result = await run('verify', '--state-dir', torn);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('torn last line: 2026-12-01.jsonl:31 (20 bytes at offset');
    expect(result.stdout).toContain('journal ok');
  });

  it('list filters by user as JSON lines, and exports CSV', async () => {
    const listed = await run('list', '--state-dir', stateDir, '--user', 'op-a', '--limit', '3');
    expect(
      listed.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).seq),
    ).toEqual([30, 28, 26]);
    const csv = await run('list', '--state-dir', stateDir, '--csv', '--limit', '2');
    expect(
      csv.stdout
        .split('\r\n')
        .slice(1, 3)
        .map((row) => row.split(',')[0]),
    ).toEqual(['30', '29']);
  });

  it('says what is wrong with the arguments and exits 2', async () => {
    expect(await run('verify')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--state-dir is required'),
    });
    expect(await run('list', '--state-dir', stateDir, '--from', 'yesterday')).toMatchObject({
      code: 2,
      stderr: "journal list: --from 'yesterday' is not an ISO time\n",
    });
    expect(await run('rewrite', '--state-dir', stateDir)).toMatchObject({ code: 2 });
    expect(file()).toContain('2026-12-01.jsonl');
  });
});
