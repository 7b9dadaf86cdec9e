// Saves a video tile's frame (PNG bytes from the renderer) under `<workspace>/snapshots/`, after checking it.
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ProtocolError } from '@shared/protocol';
import { writeFileAtomic } from '../files/atomic-file';

/** The eight bytes every PNG starts with. */
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Snapshots of one camera taken in one millisecond get `-2`, `-3` … up to this; more is refused. */
const maxSameNameSnapshots = 100;

export interface SnapshotOptions {
  readonly maxBytes: number;
  readonly now?: () => Date;
  /** Where a failed write is described (it names server paths, which the page is never told). */
  readonly log?: (line: string) => void;
}

/** `20261121-080321-123` in local time: sortable, and readable by the operator who took it. */
function stamp(date: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return (
    `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-` +
    `${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}-` +
    String(date.getMilliseconds()).padStart(3, '0')
  );
}

/** Target paths being written now: one core writes a workspace's snapshots, so this is every writer. */
const reserved = new Set<string>();

/** Reserves a file name in `directory` that neither exists nor is being written: `<base>.png`, `<base>-2.png` … */
async function reserveName(directory: string, base: string): Promise<string> {
  for (let count = 1; count <= maxSameNameSnapshots; count++) {
    const name = count === 1 ? `${base}.png` : `${base}-${count}.png`;
    const target = path.join(directory, name);
    if (reserved.has(target)) continue;
    reserved.add(target); // before the await, so a concurrent call skips it
    const exists = await access(target).then(
      () => true,
      () => false,
    );
    if (!exists) return name;
    reserved.delete(target);
  }
  throw new ProtocolError('rejected', `too many snapshots of one camera at once (${maxSameNameSnapshots})`);
}

/**
 * Validates `png` (size cap, PNG signature, an IHDR chunk first) and writes it atomically (temp file, fsync,
 * rename) as `snapshots/<cameraId>-<stamp>.png` (`-2`, `-3` … when that name is taken). Returns the path
 * relative to the workspace. A failed write answers a short message; the detail goes to `log`.
 */
export async function saveSnapshot(
  workspaceDir: string,
  cameraId: string,
  png: Buffer,
  options: SnapshotOptions,
): Promise<{ file: string; bytes: number }> {
  if (png.length > options.maxBytes)
    throw new ProtocolError('bad-request', `snapshot is ${png.length} bytes, more than ${options.maxBytes}`);
  if (
    png.length < 33 ||
    !png.subarray(0, 8).equals(pngSignature) ||
    png.toString('latin1', 12, 16) !== 'IHDR'
  )
    throw new ProtocolError('bad-request', 'snapshot is not a PNG image');
  if (!/^[A-Za-z0-9_-]+$/.test(cameraId))
    throw new ProtocolError('bad-request', `camera id '${cameraId}' cannot name a file`);
  const directory = path.join(workspaceDir, 'snapshots');
  let target: string | undefined;
  try {
    await mkdir(directory, { recursive: true });
    const name = await reserveName(directory, `${cameraId}-${stamp(options.now?.() ?? new Date())}`);
    target = path.join(directory, name);
    await writeFileAtomic(target, png);
    return { file: `snapshots/${name}`, bytes: png.length };
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    (options.log ?? logToConsole)(`snapshot of ${cameraId} failed: ${(error as Error).message}`);
    throw new ProtocolError('internal', `the snapshot of ${cameraId} could not be saved`);
  } finally {
    if (target) reserved.delete(target);
  }
}

function logToConsole(line: string): void {
  console.error(`[core] ${line}`);
}
