// Streams a journal file line by line as bytes (no UTF-8 decoding, no per-line promise), in 1 MB reads, so
// verifying a year of records costs little more than reading and hashing it.
import { open } from 'node:fs/promises';

/** One line of a file, without its newline. */
export interface FileLine {
  /** A view into the reader's buffer: copy it to keep it beyond the call. */
  readonly bytes: Buffer;
  /** Byte offset of the line's start in the file. */
  readonly offset: number;
  /** 1-based line number. */
  readonly number: number;
  /** False only for a last line that ends without a newline (a torn write, or a file being written). */
  readonly hasNewline: boolean;
}

const chunkSize = 1 << 20;

/**
 * Calls `onLine` for every line of `file`, in order; `onLine` returns false to stop early. A final piece after
 * the last newline is passed too, with `hasNewline: false`.
 */
export async function forEachLine(file: string, onLine: (line: FileLine) => boolean | void): Promise<void> {
  const handle = await open(file, 'r');
  try {
    // A line cut by a read is moved to the front of the buffer and the next read lands after it; lines are
    // views into the buffer, valid only during the call.
    let buffer = Buffer.allocUnsafe(chunkSize);
    let carried = 0;
    let carryOffset = 0;
    let fileOffset = 0;
    let number = 0;
    for (;;) {
      if (buffer.length - carried < chunkSize / 2) {
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, carried);
        buffer = larger;
      }
      const { bytesRead } = await handle.read(buffer, carried, buffer.length - carried, fileOffset);
      if (bytesRead === 0) break;
      fileOffset += bytesRead;
      const end = carried + bytesRead;
      const data = buffer.subarray(0, end);
      let start = 0;
      for (;;) {
        const newline = data.indexOf(10, start);
        if (newline === -1) break;
        number++;
        const line = {
          bytes: data.subarray(start, newline),
          offset: carryOffset + start,
          number,
          hasNewline: true,
        };
        if (onLine(line) === false) return;
        start = newline + 1;
      }
      buffer.copy(buffer, 0, start, end);
      carried = end - start;
      carryOffset += start;
    }
    if (carried > 0)
      onLine({
        bytes: Buffer.from(buffer.subarray(0, carried)),
        offset: carryOffset,
        number: number + 1,
        hasNewline: false,
      });
  } finally {
    await handle.close();
  }
}
