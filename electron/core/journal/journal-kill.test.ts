// A real `kill -9` of a process appending in a loop: what it acknowledged is on disk, the journal verifies (a torn
// last line reported, never called tampering), and the next process resumes the chain.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyJournal } from './verify-journal';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const script = path.join(root, 'tests/support/journal-append-loop.ts');
const directories: string[] = [];

/** Starts the append loop, kills it with SIGKILL once it has acknowledged `count` more records, returns the last. */
function appendThenKill(stateDir: string, count: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, stateDir], {
    cwd: root,
    // tsx reads the @shared alias from the Node-side tsconfig (the root one only lists references).
    env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (data) => (stderr += String(data)));
  return new Promise((resolve, reject) => {
    let first: number | null = null;
    let acknowledged = 0;
    child.stdout.on('data', (data: Buffer) => {
      const seqs = String(data).trim().split('\n').map(Number);
      acknowledged = Math.max(acknowledged, ...seqs);
      first ??= acknowledged;
      if (acknowledged - first >= count && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acknowledged);
      else reject(new Error(`the append loop stopped by itself: ${stderr}`));
    });
  });
}

afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

describe('journal under kill -9', () => {
  it('verifies after each of three kills mid-append, with every acknowledged record kept', async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'tianmu-journal-kill-'));
    directories.push(stateDir);
    let torn = 0;
    let recovered = 0;
    for (let round = 0; round < 3; round++) {
      const acknowledged = await appendThenKill(stateDir, 300);
      const result = await verifyJournal(stateDir);
      expect(result.problem).toBeNull();
      expect(result.ok).toBe(true);
      // Acknowledged means written and fdatasync'ed: a killed process loses none of it.
      expect(result.lastSeq).toBeGreaterThanOrEqual(acknowledged);
      if (result.torn) torn++;
      recovered = result.recoveries;
    }
    // Each start after a torn kill notes its recovery in the chain: as many notes as torn tails seen.
    expect(recovered).toBe(torn - ((await verifyJournal(stateDir)).torn ? 1 : 0));
  }, 120_000);
});
