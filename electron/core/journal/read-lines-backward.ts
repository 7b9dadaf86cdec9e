// Streams a journal file's lines from its end to its start in 1 MB reads, so the admin page's newest-first
// query reads only as far back as its page needs and gives the event loop a turn between reads.
import { open } from 'node:fs/promises';

const chunkSize = 1 << 20;

/**
 * Calls `onLine` for every newline-terminated line of `file`, last line first; `onLine` returns false to stop.
 * A piece after the last newline (a torn write, or a line being written right now) is skipped: what is listed
 * is whole. `bytes` is a view valid only during the call.
 */
export async function forEachLineBackward(
  file: string,
  onLine: (bytes: Buffer) => boolean | void,
): Promise<void> {
  const handle = await open(file, 'r');
  try {
    // Bytes of the line cut by the last read (its start lies in the next, earlier read).
    let pending = Buffer.alloc(0);
    let isTail = true;
    let position = (await handle.stat()).size;
    while (position > 0) {
      const length = Math.min(chunkSize, position);
      position -= length;
      const data = Buffer.allocUnsafe(length + pending.length);
      let read = 0;
      while (read < length) {
        const { bytesRead } = await handle.read(data, read, length - read, position + read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      pending.copy(data, length);
      let end = data.length;
      let newline = data.lastIndexOf(10, end - 1);
      while (newline !== -1) {
        // The piece after the file's last newline is the tail: empty, or torn.
        if (!isTail && onLine(data.subarray(newline + 1, end)) === false) return;
        isTail = false;
        end = newline;
        newline = end > 0 ? data.lastIndexOf(10, end - 1) : -1;
      }
      pending = Buffer.from(data.subarray(0, end));
    }
    if (!isTail && pending.length > 0) onLine(pending);
  } finally {
    await handle.close();
  }
}
