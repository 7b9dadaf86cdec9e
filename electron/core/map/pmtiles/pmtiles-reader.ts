// Reads tiles from a local PMTiles v3 file with positional reads on one file handle: the header and root
// directory once, leaf directories on demand (kept in a bounded LRU cache), a tile's bytes per request. Every
// offset and length is checked against its section and the file size first, so a damaged or truncated file gives a
// PmtilesError naming the problem, never a read outside the file.
import type { FileHandle } from 'node:fs/promises';
import { openRegularFile } from '../../files/read-text-file';
import { decodeDirectory, directoryBytes, findEntry, type Directory } from './directory';
import { decompress, isGzip } from './decompress';
import { headerLength, parseHeader, type Compression, type PmtilesHeader, type Section } from './header';
import { LruCache } from './lru-cache';
import { PmtilesError } from './pmtiles-error';
import { zxyToTileId } from './tile-id';

export interface PmtilesReaderOptions {
  /** Bytes of decoded leaf directories kept in memory (default 16 MiB, about 700,000 entries). */
  readonly directoryCacheBytes?: number;
  /** Largest tile served; a bigger entry is treated as damage (default 16 MiB). */
  readonly maxTileBytes?: number;
}

/** A tile's bytes as stored in the file, and how they are compressed. */
export interface PmtilesTile {
  readonly data: Buffer;
  /** 'none', 'gzip', 'brotli' or 'zstd' ('unknown' in the header is resolved by looking at the bytes). */
  readonly compression: Exclude<Compression, 'unknown'>;
  /** Where the bytes are in the file (tiles repeated by a run share it): a cache validator. */
  readonly fileOffset: number;
}

/** Directories may nest: root → leaf → leaf …; the spec discourages more than one level of leaves. */
const maxDirectoryDepth = 4;
/** Decompressed size allowed for one directory (a full one of a planet file is a few MiB). */
const maxDirectoryBytes = 64 * 1024 * 1024;
const maxMetadataBytes = 16 * 1024 * 1024;

export class PmtilesReader {
  private readonly leaves: LruCache<number, Directory>;
  private readonly loadingLeaves = new Map<number, Promise<Directory>>();
  private isClosed = false;

  private constructor(
    /** The file's path, as given to open(). */
    readonly file: string,
    private readonly handle: FileHandle,
    readonly fileSize: number,
    readonly header: PmtilesHeader,
    private readonly root: Directory,
    private readonly maxTileBytes: number,
    directoryCacheBytes: number,
  ) {
    this.leaves = new LruCache(directoryCacheBytes, directoryBytes);
  }

  /** Opens a file and reads its header and root directory; throws PmtilesError if either is bad. */
  static async open(file: string, options: PmtilesReaderOptions = {}): Promise<PmtilesReader> {
    // A FIFO or device is refused before anything is read (opening a FIFO would wait for a writer forever).
    const { handle, size } = await openRegularFile(file);
    try {
      const headerBytes = await readSection(
        handle,
        size,
        { offset: 0, length: Math.min(headerLength, size) },
        'the header',
      );
      const header = parseHeader(headerBytes, size);
      const rootBytes = await readSection(handle, size, header.rootDirectory, 'the root directory');
      const root = decodeDirectory(
        await decompress(rootBytes, header.internalCompression, 'the root directory', maxDirectoryBytes),
      );
      return new PmtilesReader(
        file,
        handle,
        size,
        header,
        root,
        options.maxTileBytes ?? 16 * 1024 * 1024,
        options.directoryCacheBytes ?? 16 * 1024 * 1024,
      );
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The file's JSON metadata (an object; {} when the file has none). */
  async metadata(): Promise<Record<string, unknown>> {
    const section = this.header.metadata;
    if (section.length === 0) return {};
    const bytes = await decompress(
      await this.read(section, 'the metadata'),
      this.header.internalCompression,
      'the metadata',
      maxMetadataBytes,
    );
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(bytes).toString('utf8'));
    } catch (error) {
      throw new PmtilesError(`metadata is not valid JSON (${(error as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new PmtilesError('metadata is not a JSON object');
    return value as Record<string, unknown>;
  }

  /**
   * The tile at level `z`, column `x`, row `y` (XYZ, row 0 at the top), or null when the file has none there.
   * Throws RangeError for coordinates outside the level and PmtilesError when the file is damaged.
   */
  async tile(z: number, x: number, y: number): Promise<PmtilesTile | null> {
    // The header's zoom range is not trusted to filter: the directories are the truth.
    const tileId = zxyToTileId(z, x, y);
    let directory = this.root;
    for (let depth = 0; depth < maxDirectoryDepth; depth++) {
      const entry = findEntry(directory, tileId);
      if (!entry) return null;
      if (entry.kind === 'tile') {
        if (entry.length > this.maxTileBytes)
          throw new PmtilesError(
            `tile ${z}/${x}/${y} claims ${entry.length} bytes (more than ${this.maxTileBytes})`,
          );
        const section = inside(this.header.tileData, entry, `tile ${z}/${x}/${y}`, 'tile data');
        const data = await this.read(section, `tile ${z}/${x}/${y}`);
        const stored = this.header.tileCompression;
        const compression = stored === 'unknown' ? (isGzip(data) ? 'gzip' : 'none') : stored;
        return { data, compression, fileOffset: section.offset };
      }
      const section = inside(this.header.leafDirectories, entry, 'a leaf directory', 'leaf directories');
      directory = await this.leaf(section);
    }
    throw new PmtilesError(`directories nest deeper than ${maxDirectoryDepth} levels`);
  }

  /** Closes the file; later calls throw. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.leaves.clear();
    await this.handle.close();
  }

  private leaf(section: Section): Promise<Directory> {
    const cached = this.leaves.get(section.offset);
    if (cached) return Promise.resolve(cached);
    // Tiles of one leaf are usually asked for together: they share one read and one decode.
    let loading = this.loadingLeaves.get(section.offset);
    if (!loading) {
      loading = (async () => {
        const bytes = await this.read(section, `the leaf directory at byte ${section.offset}`);
        const what = `the leaf directory at byte ${section.offset}`;
        const directory = decodeDirectory(
          await decompress(bytes, this.header.internalCompression, what, maxDirectoryBytes),
        );
        this.leaves.set(section.offset, directory);
        return directory;
      })().finally(() => this.loadingLeaves.delete(section.offset));
      this.loadingLeaves.set(section.offset, loading);
    }
    return loading;
  }

  private read(section: Section, what: string): Promise<Buffer> {
    if (this.isClosed) return Promise.reject(new PmtilesError('the file has been closed'));
    return readSection(this.handle, this.fileSize, section, what);
  }
}

/** The absolute byte range of an entry of `container`, which must lie inside it. */
function inside(container: Section, entry: Section, what: string, containerName: string): Section {
  if (entry.offset + entry.length > container.length)
    throw new PmtilesError(
      `${what} (bytes ${entry.offset} to ${entry.offset + entry.length} of the ${containerName} section) ` +
        `lies beyond the section's ${container.length} bytes`,
    );
  return { offset: container.offset + entry.offset, length: entry.length };
}

/** Reads a whole byte range with positional reads; a file shorter than when it was opened is an error. */
async function readSection(
  handle: FileHandle,
  fileSize: number,
  section: Section,
  what: string,
): Promise<Buffer> {
  if (section.offset < 0 || section.offset + section.length > fileSize)
    throw new PmtilesError(`${what} lies beyond the end of the file (${fileSize} bytes)`);
  const buffer = Buffer.alloc(section.length);
  let filled = 0;
  while (filled < section.length) {
    const { bytesRead } = await handle.read(buffer, filled, section.length - filled, section.offset + filled);
    if (bytesRead === 0)
      throw new PmtilesError(
        `the file ends at byte ${section.offset + filled} while reading ${what} (truncated since it was opened?)`,
      );
    filled += bytesRead;
  }
  return buffer;
}
