// Where the journal lives in the state folder: one file per UTC day, the head (newest seq and hash) and the
// anchor (where the chain starts after retention removed older files) beside them, outside the day files.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic-file';

/** `<stateDir>/journal/`: the day files, and `quarantine/` for torn tails cut off at recovery. */
export function journalDirectory(stateDir: string): string {
  return path.join(stateDir, 'journal');
}

export function headPath(stateDir: string): string {
  return path.join(stateDir, 'journal.head');
}

export function anchorPath(stateDir: string): string {
  return path.join(stateDir, 'journal.anchor');
}

const dayFilePattern = /^(\d{4})-(\d{2})-(\d{2})\.jsonl$/;

/**
 * The day file a record of `ms` goes to: `YYYY-MM-DD.jsonl` of its UTC day. UTC, not the room's local day,
 * because the name must not depend on a machine's time-zone setting (two PCs of one room, a misconfigured
 * clock) and must never repeat or go back (no daylight saving); the records carry exact times, and queries
 * go by time, not by file.
 */
export function dayFileName(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 10)}.jsonl`;
}

/** Epoch milliseconds of the start of a day file's UTC day, or null for a name that is not a day file. */
export function dayFileStart(name: string): number | null {
  const match = dayFilePattern.exec(name);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(ms) || dayFileName(ms) !== name ? null : ms;
}

/** The day files of a journal, oldest first (names sort by date); none when the folder does not exist. */
export async function listDayFiles(stateDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(journalDirectory(stateDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.filter((name) => dayFileStart(name) !== null).sort();
}

const pointSchema = z.object({
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

/** The newest record known to be on disk: written after its fdatasync, so never ahead of the files. */
export const journalHeadSchema = pointSchema.extend({
  file: z.string().optional(),
  ts: z.string().optional(),
});
export type JournalHead = z.infer<typeof journalHeadSchema>;

/**
 * Where the chain starts once retention removed older files: the first kept record's seq and its `prev` (the
 * hash of the last removed record). Without an anchor the chain must start at seq 1 from the genesis hash.
 */
export const journalAnchorSchema = z.object({
  seq: z.number().int().positive(),
  prev: z.string().regex(/^[0-9a-f]{64}$/),
  file: z.string(),
  removed: z.array(z.string()),
  ts: z.string(),
});
export type JournalAnchor = z.infer<typeof journalAnchorSchema>;

/** A side file read and validated: absent, present, or unreadable with the reason. */
export type SideFile<T> =
  { state: 'absent' } | { state: 'present'; value: T } | { state: 'bad'; problem: string };

async function readSideFile<T>(file: string, schema: z.ZodType<T>): Promise<SideFile<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent' };
    return { state: 'bad', problem: `${path.basename(file)}: ${(error as Error).message}` };
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return { state: 'present', value: parsed.data };
    const issue = parsed.error.issues[0];
    return {
      state: 'bad',
      problem: `${path.basename(file)}: ${issue?.path.join('.') || '(file)'}: ${issue?.message}`,
    };
  } catch (error) {
    return { state: 'bad', problem: `${path.basename(file)}: not JSON (${(error as Error).message})` };
  }
}

export function readHead(stateDir: string): Promise<SideFile<JournalHead>> {
  return readSideFile(headPath(stateDir), journalHeadSchema);
}

export function readAnchor(stateDir: string): Promise<SideFile<JournalAnchor>> {
  return readSideFile(anchorPath(stateDir), journalAnchorSchema);
}

export function writeHead(stateDir: string, head: JournalHead): Promise<void> {
  return writeFileAtomic(headPath(stateDir), `${JSON.stringify(head)}\n`);
}

export function writeAnchor(stateDir: string, anchor: JournalAnchor): Promise<void> {
  return writeFileAtomic(anchorPath(stateDir), `${JSON.stringify(anchor)}\n`);
}
