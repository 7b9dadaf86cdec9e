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

/** Replaces `target` with `text` (or bytes) atomically and durably. */
export async function writeFileAtomic(target: string, text: string | Uint8Array): Promise<void> {
  const temporary = await writeTemporary(target, text);
  try {
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(target));
}
