// The PMTiles reader against files from the test writer: header fields, root-only and leaf directories, runs and
// deduplicated tiles, compressed tiles, and damaged or truncated files giving PmtilesErrors rather than crashes.
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encodePmtiles,
  encodePng,
  rasterFixtureTiles,
  vectorFixtureTiles,
  type FixtureTile,
  type PmtilesFixtureOptions,
} from '../../../../tests/support/pmtiles-fixture';
import { PmtilesError } from './pmtiles-error';
import { PmtilesReader } from './pmtiles-reader';
import { tileIdToZxy } from './tile-id';

let directory: string;
let fileCount = 0;
beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'tianmu-pmtiles-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Writes bytes to a new file and returns its path. */
async function fileWith(bytes: Uint8Array): Promise<string> {
  const file = path.join(directory, `fixture-${++fileCount}.pmtiles`);
  await writeFile(file, bytes);
  return file;
}

async function withReader<T>(file: string, use: (reader: PmtilesReader) => Promise<T>): Promise<T> {
  const reader = await PmtilesReader.open(file);
  try {
    return await use(reader);
  } finally {
    await reader.close();
  }
}

/** The demo district's area. */
const districtBounds = [121.449, 31.195, 121.543, 31.265] as const;
const districtTiles = rasterFixtureTiles(districtBounds, [10, 11, 12, 13, 14, 15]);

const tileAt = (tileId: number, data: Uint8Array): FixtureTile => ({ ...tileIdToZxy(tileId), data });
const pictureA = encodePng(4, () => [200, 30, 30]);
const pictureB = encodePng(4, () => [30, 200, 30]);
/** Level 2 (ids 5–20): a run of 3 (5–7), a gap (8), a run of 2 (9–10), a repeat of A stored once (11), then nothing. */
const runTiles: FixtureTile[] = [
  tileAt(5, pictureA),
  tileAt(6, pictureA),
  tileAt(7, pictureA),
  tileAt(9, pictureB),
  tileAt(10, pictureB),
  tileAt(11, pictureA),
];

async function expectEveryTile(file: string, tiles: readonly FixtureTile[]): Promise<void> {
  await withReader(file, async (reader) => {
    const results = await Promise.all(tiles.map((tile) => reader.tile(tile.z, tile.x, tile.y)));
    const wrong = tiles.filter(
      (tile, index) => !results[index] || !Buffer.from(tile.data).equals(results[index].data),
    );
    expect(wrong.map((tile) => `${tile.z}/${tile.x}/${tile.y}`)).toEqual([]);
  });
}

describe('PmtilesReader', () => {
  it('parses the header: sections, counts, compression, tile type, zooms, bounds and centre', async () => {
    const { bytes, layout } = encodePmtiles({
      tiles: runTiles,
      tileType: 'png',
      bounds: [121.4, 31.1, 121.6, 31.3],
    });
    const header = await withReader(await fileWith(bytes), async (reader) => reader.header);
    expect(header).toEqual({
      rootDirectory: layout.rootDirectory,
      metadata: layout.metadata,
      leafDirectories: layout.leafDirectories,
      tileData: layout.tileData,
      addressedTiles: 6,
      tileEntries: 3,
      tileContents: 2,
      isClustered: true,
      internalCompression: 'gzip',
      tileCompression: 'none',
      tileType: 'png',
      minZoom: 2,
      maxZoom: 2,
      bounds: [121.4, 31.1, 121.6, 31.3],
      centerZoom: 2,
      center: [121.5, 31.2],
    });
  });

  it('finds tiles inside runs and nothing in the gaps between or after them', async () => {
    const { bytes, layout } = encodePmtiles({ tiles: runTiles, tileType: 'png' });
    expect(layout.runEntries).toBe(2);
    await withReader(await fileWith(bytes), async (reader) => {
      const at = async (tileId: number) => {
        const { z, x, y } = tileIdToZxy(tileId);
        return (await reader.tile(z, x, y))?.data;
      };
      for (const tileId of [5, 6, 7, 11])
        expect((await at(tileId))?.equals(pictureA), `id ${tileId}`).toBe(true);
      for (const tileId of [9, 10]) expect((await at(tileId))?.equals(pictureB), `id ${tileId}`).toBe(true);
      for (const tileId of [1, 4, 8, 12, 20, 21, 100])
        expect(await at(tileId), `id ${tileId}`).toBeUndefined();
      expect(await reader.tile(0, 0, 0)).toBeNull();
      expect(await reader.tile(22, 100, 100)).toBeNull();
    });
  });

  it('stores a repeated tile once: the same bytes at the same offset', async () => {
    const { bytes } = encodePmtiles({ tiles: runTiles, tileType: 'png' });
    await withReader(await fileWith(bytes), async (reader) => {
      const first = tileIdToZxy(5);
      const repeat = tileIdToZxy(11);
      const a = await reader.tile(first.z, first.x, first.y);
      const b = await reader.tile(repeat.z, repeat.x, repeat.y);
      expect(a!.fileOffset).toBe(b!.fileOffset);
    });
  });

  it.each<[string, Partial<PmtilesFixtureOptions>]>([
    ['a root directory only, uncompressed', { internalCompression: 'none' }],
    ['a root directory only, gzip', { internalCompression: 'gzip' }],
    ['leaf directories of 8 entries, gzip', { leafSize: 8 }],
    ['leaf directories of 1 entry, uncompressed', { leafSize: 1, internalCompression: 'none' }],
    ['leaf directories of 8 entries, brotli', { leafSize: 8, internalCompression: 'brotli' }],
  ])('reads every tile of the district fixture from %s', async (_case, options) => {
    const { bytes, layout } = encodePmtiles({ tiles: districtTiles, tileType: 'png', ...options });
    if (options.leafSize) expect(layout.directoryEntryCounts.length).toBeGreaterThan(2);
    expect(layout.runEntries).toBeGreaterThan(0);
    await expectEveryTile(await fileWith(bytes), districtTiles);
  });

  it('reads leaf directories with a cache too small to keep any (every lookup reads its leaf again)', async () => {
    const { bytes } = encodePmtiles({ tiles: districtTiles, tileType: 'png', leafSize: 8 });
    const file = await fileWith(bytes);
    const reader = await PmtilesReader.open(file, { directoryCacheBytes: 1 });
    try {
      for (const tile of districtTiles.slice(0, 40))
        expect((await reader.tile(tile.z, tile.x, tile.y))?.data.equals(tile.data)).toBe(true);
    } finally {
      await reader.close();
    }
  });

  it('misses tiles outside the fixture on its own levels, and levels it does not hold', async () => {
    const { bytes } = encodePmtiles({ tiles: districtTiles, tileType: 'png', leafSize: 8 });
    await withReader(await fileWith(bytes), async (reader) => {
      // The district is near 13712/6693 at level 14; the tile next to the fixture's first column is empty.
      const first = districtTiles.find((tile) => tile.z === 14)!;
      expect(await reader.tile(14, first.x - 1, first.y)).toBeNull();
      expect(await reader.tile(14, 0, 0)).toBeNull();
      expect(await reader.tile(9, first.x >> 5, first.y >> 5)).toBeNull();
      expect(await reader.tile(16, first.x * 4, first.y * 4)).toBeNull();
    });
  });

  it('reports gzip-compressed tiles as such, with the stored (compressed) bytes', async () => {
    const tiles = runTiles.slice(0, 3);
    const { bytes } = encodePmtiles({ tiles, tileType: 'mvt', tileCompression: 'gzip' });
    await withReader(await fileWith(bytes), async (reader) => {
      expect(reader.header.tileCompression).toBe('gzip');
      const tile = (await reader.tile(tiles[0]!.z, tiles[0]!.x, tiles[0]!.y))!;
      expect(tile.compression).toBe('gzip');
      expect(zlib.gunzipSync(tile.data).equals(pictureA)).toBe(true);
    });
  });

  it('tells gzip tiles by their bytes when the header says the compression is unknown', async () => {
    const gzipped = encodePmtiles({
      tiles: runTiles.slice(0, 1),
      tileType: 'mvt',
      tileCompression: 'gzip',
    }).bytes;
    const plain = encodePmtiles({ tiles: runTiles.slice(0, 1), tileType: 'png' }).bytes;
    gzipped[98] = 0;
    plain[98] = 0;
    const { z, x, y } = runTiles[0]!;
    expect(
      await withReader(await fileWith(gzipped), async (reader) => (await reader.tile(z, x, y))!.compression),
    ).toBe('gzip');
    expect(
      await withReader(await fileWith(plain), async (reader) => (await reader.tile(z, x, y))!.compression),
    ).toBe('none');
  });

  it('gets byte-identical files from the test writer run after run (seeded, no clock)', () => {
    const write = () =>
      encodePmtiles({
        tiles: vectorFixtureTiles(districtBounds, [13, 14]),
        tileType: 'mvt',
        tileCompression: 'gzip',
        leafSize: 8,
      }).bytes;
    expect(write().equals(write())).toBe(true);
  });

  it('reads the JSON metadata', async () => {
    const metadata = { name: '测试底图', attribution: '<a href="x">© 测绘院</a>', vector_layers: [] };
    const { bytes } = encodePmtiles({ tiles: runTiles, tileType: 'png', metadata });
    expect(await withReader(await fileWith(bytes), (reader) => reader.metadata())).toEqual(metadata);
  });

  describe('damaged files', () => {
    const good = () => encodePmtiles({ tiles: districtTiles, tileType: 'png', leafSize: 8 });

    async function openError(bytes: Uint8Array): Promise<Error> {
      const error = await PmtilesReader.open(await fileWith(bytes)).then(
        async (reader) => {
          await reader.close();
          throw new Error('opened a damaged file');
        },
        (caught: Error) => caught,
      );
      return error;
    }

    it('refuses a file that is not PMTiles, too short, or of another version', async () => {
      expect(await openError(Buffer.from('{"type":"FeatureCollection"}'.padEnd(200)))).toMatchObject({
        name: 'PmtilesError',
        message: expect.stringMatching(/too short|not a PMTiles file/),
      });
      expect((await openError(Buffer.alloc(300, 7))).message).toMatch(/not a PMTiles file/);
      expect((await openError(good().bytes.subarray(0, 60))).message).toMatch(/too short/);
      const version2 = Buffer.from(good().bytes);
      version2[7] = 2;
      expect((await openError(version2)).message).toMatch(/version 2 is not supported/);
    });

    it('refuses a truncated file: sections beyond its end', async () => {
      const { bytes } = good();
      const error = await openError(bytes.subarray(0, bytes.length - 100));
      expect(error).toBeInstanceOf(PmtilesError);
      expect(error.message).toMatch(/tile data .* lies beyond the end of the file/);
    });

    it('refuses unknown enums, inverted zooms and impossible bounds', async () => {
      const cases: Array<[number, number, RegExp]> = [
        [97, 9, /internal compression 9/],
        [99, 42, /tile type 42/],
        [100, 16, /min zoom 16 is above max zoom 15/],
      ];
      for (const [at, value, message] of cases) {
        const bytes = Buffer.from(good().bytes);
        bytes[at] = value;
        expect((await openError(bytes)).message).toMatch(message);
      }
      const bytes = Buffer.from(good().bytes);
      bytes.writeInt32LE(95 * 10_000_000, 114);
      expect((await openError(bytes)).message).toMatch(/bounds/);
    });

    it('refuses a root directory that does not decompress', async () => {
      const { bytes, layout } = good();
      const damaged = Buffer.from(bytes);
      damaged.fill(
        0xee,
        layout.rootDirectory.offset + 10,
        layout.rootDirectory.offset + layout.rootDirectory.length,
      );
      expect((await openError(damaged)).message).toMatch(/root directory cannot be decompressed/);
    });

    it('gives an error, not a crash, for a damaged leaf directory', async () => {
      const { bytes, layout } = good();
      const damaged = Buffer.from(bytes);
      damaged.fill(0xee, layout.leafDirectories.offset, layout.leafDirectories.offset + 40);
      await withReader(await fileWith(damaged), async (reader) => {
        const tile = districtTiles[0]!;
        await expect(reader.tile(tile.z, tile.x, tile.y)).rejects.toThrow(PmtilesError);
        await expect(reader.tile(tile.z, tile.x, tile.y)).rejects.toThrow(/leaf directory at byte/);
      });
    });

    it('gives an error for an entry pointing past the end of its section', async () => {
      const { bytes, layout } = encodePmtiles({ tiles: runTiles, tileType: 'png' });
      const damaged = Buffer.from(bytes);
      // The tile-data section claims 10 bytes fewer than the entries use.
      damaged.writeBigUInt64LE(BigInt(layout.tileData.length - 10), 64);
      await withReader(await fileWith(damaged), async (reader) => {
        const { z, x, y } = tileIdToZxy(11);
        expect((await reader.tile(z, x, y))?.data.equals(pictureA)).toBe(true);
        const last = tileIdToZxy(9);
        await expect(reader.tile(last.z, last.x, last.y)).rejects.toThrow(/lies beyond the section/);
      });
    });

    it('gives an error when the file is cut short after it was opened', async () => {
      const { bytes, layout } = good();
      const file = await fileWith(bytes);
      await withReader(file, async (reader) => {
        await truncate(file, layout.tileData.offset + 10);
        const tile = districtTiles.at(-1)!;
        await expect(reader.tile(tile.z, tile.x, tile.y)).rejects.toThrow(/file ends at byte/);
      });
    });

    it('refuses reads after close', async () => {
      const reader = await PmtilesReader.open(await fileWith(good().bytes));
      await reader.close();
      const tile = districtTiles[0]!;
      await expect(reader.tile(tile.z, tile.x, tile.y)).rejects.toThrow(/closed/);
    });
  });
});
