// The end of the journal at start: the last whole record (where the chain resumes) and a torn tail after it,
// which is moved to quarantine/ and cut off so the next record starts on a line of its own.
import { mkdir, open, readdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readLineFields, type LineFields } from './journal-line';
import { journalDirectory, listDayFiles } from './journal-files';
import { syncDirectory } from '../files/atomic-file';
import { isProcessRunning } from '../wall/wall-state-store';

/** More than the longest record (the input schema bounds every field), so the last whole line is in it. */
const tailWindow = 256 * 1024;

export interface JournalTail {
  /** The newest whole record on disk, with its day file; null for an empty journal. */
  readonly last: (LineFields & { readonly file: string }) | null;
  /** The newest day file and its size after any torn tail was cut off. */
  readonly file: string | null;
  readonly size: number;
  /** Set when the newest line was not a whole record and was quarantined. */
  readonly recovered: { readonly file: string; readonly bytes: number; readonly quarantine: string } | null;
  /** Set when the line before the torn tail is not a record either (damage, not a power cut). */
  readonly damage: string | null;
}

/** Finds the end of the chain and quarantines a torn tail (the bytes after the last whole record). */
export async function recoverTail(stateDir: string, now: number): Promise<JournalTail> {
  const files = await listDayFiles(stateDir);
  let recovered: JournalTail['recovered'] = null;
  let size = 0;
  for (let index = files.length - 1; index >= 0; index--) {
    const file = files[index]!;
    const fullPath = path.join(journalDirectory(stateDir), file);
    const handle = await open(fullPath, 'r+');
    try {
      const fileSize = (await handle.stat()).size;
      const start = Math.max(0, fileSize - tailWindow);
      const window = Buffer.alloc(fileSize - start);
      await handle.read(window, 0, window.length, start);
      let end = window.length;
      // A final piece without its newline, or a final line that is not a record (a block of zeros after a crash).
      let cut = newlineBefore(window, end - 1) + 1;
      if (cut === end && end > 0) {
        const previousNewline = newlineBefore(window, end - 2);
        if (!readLineFields(window.subarray(previousNewline + 1, end - 1))) cut = previousNewline + 1;
      }
      if (cut < end && (start === 0 || cut > 0) && recovered === null && index === files.length - 1) {
        const quarantine = await quarantineBytes(stateDir, file, window.subarray(cut, end), now);
        await handle.truncate(start + cut);
        await handle.sync();
        recovered = { file, bytes: end - cut, quarantine };
        end = cut;
      }
      if (index === files.length - 1) size = start + end;
      if (end === 0) continue;
      const lineStart = newlineBefore(window, end - 2) + 1;
      const fields = readLineFields(window.subarray(lineStart, end - 1));
      if (!fields)
        return {
          last: null,
          file: files.at(-1)!,
          size,
          recovered,
          damage: `${file}: the last line is not a record`,
        };
      return { last: { ...fields, file }, file: files.at(-1)!, size, recovered, damage: null };
    } finally {
      await handle.close();
    }
  }
  return { last: null, file: files.at(-1) ?? null, size, recovered, damage: null };
}

/** Index of the last newline at or before `position`, or -1 (Buffer.lastIndexOf reads a negative one from the end). */
function newlineBefore(buffer: Buffer, position: number): number {
  return position < 0 ? -1 : buffer.lastIndexOf(10, position);
}

async function quarantineBytes(
  stateDir: string,
  file: string,
  bytes: Uint8Array,
  now: number,
): Promise<string> {
  const directory = path.join(journalDirectory(stateDir), 'quarantine');
  await mkdir(directory, { recursive: true });
  const name = `${file}.${new Date(now).toISOString().replace(/[:.]/g, '-')}.torn`;
  await writeFile(path.join(directory, name), bytes, { flush: true });
  await syncDirectory(directory);
  return `quarantine/${name}`;
}

/** Temporary files of the head and anchor writes (atomic-file.ts names them) left by killed processes. */
export async function removeStaleTemporaries(stateDir: string): Promise<void> {
  const names = await readdir(stateDir).catch(() => [] as string[]);
  for (const name of names) {
    const match = /^\.journal\.(?:head|anchor)\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name);
    if (match && !isProcessRunning(Number(match[1])))
      await unlink(path.join(stateDir, name)).catch(() => undefined);
  }
}
