// Saves a video tile's frame (PNG bytes from the renderer) under `<workspace>/snapshots/`, after checking it.
import { mkdir, rename, writeFile, open } from 'node:fs/promises';
import path from 'node:path';
import { ProtocolError } from '@shared/protocol';

/** The eight bytes every PNG starts with. */
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface SnapshotOptions {
  readonly maxBytes: number;
  readonly now?: () => Date;
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

/**
 * Validates `png` (size cap, PNG signature, an IHDR chunk first) and writes it atomically (temp file, fsync,
 * rename) as `snapshots/<cameraId>-<stamp>.png`. Returns the path relative to the workspace.
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
  await mkdir(directory, { recursive: true });
  const name = `${cameraId}-${stamp(options.now?.() ?? new Date())}.png`;
  const target = path.join(directory, name);
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, png);
  const handle = await open(temporary, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, target);
  return { file: `snapshots/${name}`, bytes: png.length };
}
