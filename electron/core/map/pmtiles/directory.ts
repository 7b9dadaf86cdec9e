// PMTiles directories (spec §4): entry count, then delta-coded tile ids, run lengths, lengths and offsets, each a
// column of little-endian base-128 varints. Decoded into typed arrays (24 bytes an entry) and checked as they are
// read, so a damaged directory is an error, never a wrong read.
import { PmtilesError } from './pmtiles-error';

/**
 * One decoded directory, in ascending tile-id order. `runLengths[i]` 0 marks a leaf directory (its bytes at
 * `offsets[i]` in the leaf section); otherwise tiles `tileIds[i]` … `tileIds[i] + runLengths[i] - 1` share the
 * bytes at `offsets[i]` in the tile-data section.
 */
export interface Directory {
  readonly tileIds: Float64Array;
  readonly offsets: Float64Array;
  readonly lengths: Uint32Array;
  readonly runLengths: Uint32Array;
}

/** What a directory entry points at: a tile's bytes or a leaf directory's. */
export type DirectoryEntry =
  | { readonly kind: 'tile'; readonly offset: number; readonly length: number }
  | { readonly kind: 'leaf'; readonly offset: number; readonly length: number };

/** Memory a decoded directory holds (for the cache's budget). */
export function directoryBytes(directory: Directory): number {
  return directory.tileIds.length * 24;
}

/** Reads varints from a buffer, refusing values beyond 2^53 and reads past its end. */
class VarintReader {
  private position = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.position;
  }

  next(what: string): number {
    let value = 0;
    let scale = 1;
    for (let index = 0; ; index++) {
      if (this.position >= this.bytes.length) throw new PmtilesError(`directory ends inside ${what}`);
      const byte = this.bytes[this.position++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 128;
      if (index >= 7) throw new PmtilesError(`${what} is a varint longer than 8 bytes`);
    }
    if (!Number.isSafeInteger(value)) throw new PmtilesError(`${what} (${value}) is beyond 2^53`);
    return value;
  }
}

/** Decodes an (already decompressed) directory. */
export function decodeDirectory(bytes: Uint8Array): Directory {
  const reader = new VarintReader(bytes);
  const count = reader.next('the entry count');
  if (count === 0) throw new PmtilesError('directory has no entries');
  // Every entry takes at least 4 bytes: a damaged count must not allocate gigabytes.
  if (count * 4 > reader.remaining)
    throw new PmtilesError(`directory claims ${count} entries in ${reader.remaining} bytes`);
  const tileIds = new Float64Array(count);
  const offsets = new Float64Array(count);
  const lengths = new Uint32Array(count);
  const runLengths = new Uint32Array(count);

  let tileId = 0;
  for (let index = 0; index < count; index++) {
    tileId += reader.next(`tile id ${index}`);
    if (!Number.isSafeInteger(tileId)) throw new PmtilesError(`tile id ${index} is beyond 2^53`);
    if (index > 0 && tileId === tileIds[index - 1])
      throw new PmtilesError(`tile id ${tileId} appears twice in one directory`);
    tileIds[index] = tileId;
  }
  for (let index = 0; index < count; index++) {
    const runLength = reader.next(`run length ${index}`);
    if (runLength > 0xffff_ffff) throw new PmtilesError(`run length ${index} (${runLength}) is beyond 2^32`);
    runLengths[index] = runLength;
  }
  for (let index = 0; index < count; index++) {
    const length = reader.next(`length ${index}`);
    if (length === 0) throw new PmtilesError(`entry ${index} has length 0`);
    if (length > 0xffff_ffff) throw new PmtilesError(`length ${index} (${length}) is beyond 2^32`);
    lengths[index] = length;
  }
  for (let index = 0; index < count; index++) {
    const value = reader.next(`offset ${index}`);
    if (value === 0) {
      // 0: right after the previous entry's bytes; the first entry has none before it.
      if (index === 0) throw new PmtilesError('the first entry continues a previous one that does not exist');
      offsets[index] = offsets[index - 1]! + lengths[index - 1]!;
    } else {
      offsets[index] = value - 1;
    }
  }
  // Run lengths say how many ids an entry covers: the next entry must start after them.
  for (let index = 1; index < count; index++) {
    if (runLengths[index - 1]! > 0 && tileIds[index - 1]! + runLengths[index - 1]! > tileIds[index]!)
      throw new PmtilesError(`entry ${index - 1}'s run overlaps tile id ${tileIds[index]}`);
  }
  return { tileIds, offsets, lengths, runLengths };
}

/**
 * The entry for `tileId`: its tile, the leaf directory that may hold it, or null when the directory says the
 * tile is not in the file.
 */
export function findEntry(directory: Directory, tileId: number): DirectoryEntry | null {
  const { tileIds, offsets, lengths, runLengths } = directory;
  // The last entry starting at or before tileId.
  let low = 0;
  let high = tileIds.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (tileIds[middle]! <= tileId) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (found < 0) return null;
  const runLength = runLengths[found]!;
  const offset = offsets[found]!;
  const length = lengths[found]!;
  if (runLength === 0) return { kind: 'leaf', offset, length };
  return tileId < tileIds[found]! + runLength ? { kind: 'tile', offset, length } : null;
}
