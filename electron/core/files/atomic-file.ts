// Crash-safe file writes: the new content goes to a temporary file, is flushed to the disk, and only then
// renamed over the old file, so a reader (or a restart after a power cut) sees the old file or the new one,
// never half of one.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** fsync on a directory makes a rename durable on Linux; Windows cannot open directories and needs none. */
export async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Not supported here (Windows, some network file systems): the rename is as durable as it gets.
  } finally {
    await handle?.close();
  }
}

/**
 * Writes `text` (or bytes) to a new, uniquely named temporary file beside `target` and flushes it; returns the
 * temporary path.
 */
export async function writeTemporary(target: string, text: string | Uint8Array): Promise<string> {
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const handle = await open(temporary, 'w', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return temporary;
}

/** One file of an atomic write: where it goes and what it holds. */
export interface AtomicFile {
  readonly target: string;
  readonly content: string | Uint8Array;
}

export interface AtomicWriteOptions {
  /**
   * Runs once every new file is on disk and before any replaces its target; if it throws, nothing is replaced.
   * The wall state store keeps the file about to be replaced as its last good copy here.
   */
  beforeReplace?: () => Promise<void> | void;
}

/** Replaces `target` with `content` atomically and durably (temporary file, fsync, rename, folder fsync). */
export async function writeFileAtomic(
  target: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  await writeFilesAtomic([{ target, content }], options);
}

/**
 * Writes several files the same way, all flushed before the first is renamed into place: a failure while
 * writing (a full disk, a bad folder) replaces none of them, and leaves no temporary file behind.
 */
export async function writeFilesAtomic(
  files: readonly AtomicFile[],
  options: AtomicWriteOptions = {},
): Promise<void> {
  const written: { temporary: string; target: string }[] = [];
  try {
    for (const { target, content } of files)
      written.push({ temporary: await writeTemporary(target, content), target });
    await options.beforeReplace?.();
    for (const { temporary, target } of written) await rename(temporary, target);
  } catch (error) {
    // Those already renamed are gone from their temporary name: the unlink fails quietly for them.
    await Promise.all(written.map(({ temporary }) => unlink(temporary).catch(() => undefined)));
    throw error;
  }
  for (const directory of new Set(files.map(({ target }) => path.dirname(target))))
    await syncDirectory(directory);
}
