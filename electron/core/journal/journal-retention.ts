// Retention: day files whose every record is older than the retention period are removed, and only those. The
// anchor note is written first, so the chain stays verifiable from the oldest kept file and a file deleted
// within the period (by hand) still shows as records missing after the anchor.
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { readLineFields } from './journal-line';
import { dayFileStart, journalDirectory, listDayFiles, readAnchor, writeAnchor } from './journal-files';
import { forEachLine } from './read-lines';
import { syncDirectory } from '../files/atomic-file';

export const defaultRetentionDays = 180;
const dayMs = 86_400_000;

/**
 * Removes the day files that ended more than `retentionDays` before `now` (never the newest file, which is being
 * written) and returns their names. The Cybersecurity Law asks for at least six months: hence 180 by default.
 */
export async function applyRetention(
  stateDir: string,
  retentionDays: number,
  now: number,
): Promise<string[]> {
  const files = await listDayFiles(stateDir);
  const cutoff = now - retentionDays * dayMs;
  const old = files.slice(0, -1).filter((name) => dayFileStart(name)! + dayMs <= cutoff);
  if (old.length === 0) return [];
  const kept = files[old.length]!;
  const first = await firstRecord(path.join(journalDirectory(stateDir), kept));
  if (!first) return [];
  const previous = await readAnchor(stateDir);
  const removedBefore = previous.state === 'present' ? previous.value.removed : [];
  await writeAnchor(stateDir, {
    seq: first.seq,
    prev: first.prev,
    file: kept,
    removed: [...removedBefore, ...old].slice(-1_000),
    ts: new Date(now).toISOString(),
  });
  for (const name of old) await unlink(path.join(journalDirectory(stateDir), name));
  await syncDirectory(journalDirectory(stateDir));
  return old;
}

async function firstRecord(file: string): Promise<{ seq: number; prev: string } | null> {
  let found: { seq: number; prev: string } | null = null;
  await forEachLine(file, (line) => {
    const fields = line.hasNewline ? readLineFields(line.bytes) : null;
    if (fields) found = { seq: fields.seq, prev: fields.prev };
    return false;
  });
  return found;
}
