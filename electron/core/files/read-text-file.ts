// Opens workspace files only after checking what they are: a regular file, not a FIFO, device or folder, and for
// whole-file reads no larger than the cap of its kind — so a link to /dev/zero or a named pipe is refused at once,
// naming the file, instead of filling memory or waiting forever for a writer.
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/** Largest JSON file of a workspace (the district map is the biggest; the demo's is under 1 MB). */
export const maxJsonFileBytes = 32 * 1024 * 1024;

/**
 * Opening a FIFO for reading waits for a writer unless O_NONBLOCK is given; on a regular file the flag does
 * nothing. Windows has no FIFOs in the file system and no O_NONBLOCK.
 */
const readWithoutWaiting = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** A file that is there but cannot be used as one; the message is the problem, e.g. "is a folder, not …". */
export class FileKindError extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = 'FileKindError';
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'something else';
}

/**
 * Opens `file` for reading if it is a regular file (symbolic links are followed); returns its handle and size.
 * Throws FileKindError for anything else, or the file system's error (ENOENT …). The caller closes the handle.
 */
export async function openRegularFile(file: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(file, readWithoutWaiting);
  } catch (error) {
    // Windows refuses to open a folder: the same answer as everywhere else.
    if ((error as NodeJS.ErrnoException).code === 'EISDIR')
      throw new FileKindError('is a folder, not a regular file');
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new FileKindError(`is ${kindOf(stats)}, not a regular file`);
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * The text of a regular file of at most `maxBytes` (checked before reading, and never more read), without a
 * UTF-8 byte order mark (Windows editors write one; it is no part of the JSON).
 */
export async function readTextFile(file: string, maxBytes: number): Promise<string> {
  const { handle, size } = await openRegularFile(file);
  try {
    if (size > maxBytes) throw new FileKindError(`is ${size} bytes, more than the ${maxBytes} allowed`);
    // One byte more than fstat said, to notice a file that grows while it is read.
    const buffer = Buffer.alloc(size + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > size) throw new FileKindError('grew while it was read: try again once it is written');
    const text = buffer.toString('utf8', 0, filled);
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } finally {
    await handle.close();
  }
}
