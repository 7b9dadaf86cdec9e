// Test support: writes small PMTiles v3 files (our own writer, independent of the core's reader except for the
// tile-id numbering, which the reader's tests pin to the spec's reference values), with tiny PNG and MVT tiles
// encoded in code. Deterministic: the same options give the same bytes (seeded randomness, no clock).
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { createSeededRandom } from '../../shared/base/seeded-random';
import { zxyToTileId } from '../../electron/core/map/pmtiles/tile-id';

export type FixtureCompression = 'none' | 'gzip' | 'brotli';
export type FixtureTileType = 'mvt' | 'png' | 'jpeg' | 'webp';

export interface FixtureTile {
  readonly z: number;
  readonly x: number;
  readonly y: number;
  readonly data: Uint8Array;
}

export interface PmtilesFixtureOptions {
  readonly tiles: readonly FixtureTile[];
  readonly tileType: FixtureTileType;
  /** Compression of the directories and metadata (default gzip). */
  readonly internalCompression?: FixtureCompression;
  /** Compression of the tiles as stored (default none); the tiles are compressed here accordingly. */
  readonly tileCompression?: FixtureCompression;
  /** Entries per leaf directory; without it every entry is in the root directory. */
  readonly leafSize?: number;
  readonly metadata?: Record<string, unknown>;
  /** West, south, east, north (default: the whole Web Mercator world). */
  readonly bounds?: readonly [number, number, number, number];
}

/** Where the sections landed in a written file (tests damage them on purpose). */
export interface PmtilesFixtureLayout {
  readonly rootDirectory: { offset: number; length: number };
  readonly metadata: { offset: number; length: number };
  readonly leafDirectories: { offset: number; length: number };
  readonly tileData: { offset: number; length: number };
  /** Entries per directory: the root's first, then each leaf's. */
  readonly directoryEntryCounts: readonly number[];
  /** Entries with a run length above 1. */
  readonly runEntries: number;
}

interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

const compressionCodes: Record<FixtureCompression, number> = { none: 1, gzip: 2, brotli: 3 };
const tileTypeCodes: Record<FixtureTileType, number> = { mvt: 1, png: 2, jpeg: 3, webp: 4 };

function pushVarint(out: number[], value: number): void {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

/** A directory as the spec's §4.2 writes it: count, delta ids, run lengths, lengths, offsets (0 = contiguous). */
function encodeDirectory(entries: readonly Entry[]): Buffer {
  const out: number[] = [];
  pushVarint(out, entries.length);
  let previousId = 0;
  for (const entry of entries) {
    pushVarint(out, entry.tileId - previousId);
    previousId = entry.tileId;
  }
  for (const entry of entries) pushVarint(out, entry.runLength);
  for (const entry of entries) pushVarint(out, entry.length);
  entries.forEach((entry, index) => {
    const previous = entries[index - 1];
    const isContiguous = previous !== undefined && entry.offset === previous.offset + previous.length;
    pushVarint(out, isContiguous ? 0 : entry.offset + 1);
  });
  return Buffer.from(out);
}

function compress(bytes: Uint8Array, compression: FixtureCompression): Buffer {
  if (compression === 'gzip') return zlib.gzipSync(bytes, { level: 9 });
  if (compression === 'brotli') return zlib.brotliCompressSync(bytes);
  return Buffer.from(bytes);
}

/** Encodes a PMTiles v3 file: header, root directory, metadata, leaf directories, tile data (clustered). */
export function encodePmtiles(options: PmtilesFixtureOptions): {
  bytes: Buffer;
  layout: PmtilesFixtureLayout;
} {
  const internal = options.internalCompression ?? 'gzip';
  const tileCompression = options.tileCompression ?? 'none';
  const tiles = options.tiles
    .map((tile) => ({ tileId: zxyToTileId(tile.z, tile.x, tile.y), tile }))
    .sort((a, b) => a.tileId - b.tileId);

  // Tile data in tile-id order; equal contents stored once; consecutive ids with equal contents become one run.
  const blobs: Buffer[] = [];
  const offsetsByHash = new Map<string, { offset: number; length: number }>();
  let dataLength = 0;
  const entries: Entry[] = [];
  for (const { tileId, tile } of tiles) {
    const stored = compress(tile.data, tileCompression);
    const hash = createHash('sha256').update(stored).digest('hex');
    let place = offsetsByHash.get(hash);
    if (!place) {
      place = { offset: dataLength, length: stored.length };
      offsetsByHash.set(hash, place);
      blobs.push(stored);
      dataLength += stored.length;
    }
    const last = entries.at(-1);
    if (last && last.tileId + last.runLength === tileId && last.offset === place.offset) last.runLength++;
    else entries.push({ tileId, offset: place.offset, length: place.length, runLength: 1 });
  }
  if (entries.length === 0) throw new Error('a PMTiles file needs at least one tile');

  let root: Buffer;
  const leafBlobs: Buffer[] = [];
  const directoryEntryCounts: number[] = [];
  if (options.leafSize) {
    const pointers: Entry[] = [];
    let leafOffset = 0;
    for (let start = 0; start < entries.length; start += options.leafSize) {
      const chunk = entries.slice(start, start + options.leafSize);
      const leaf = compress(encodeDirectory(chunk), internal);
      pointers.push({ tileId: chunk[0]!.tileId, offset: leafOffset, length: leaf.length, runLength: 0 });
      directoryEntryCounts.push(chunk.length);
      leafBlobs.push(leaf);
      leafOffset += leaf.length;
    }
    root = compress(encodeDirectory(pointers), internal);
    directoryEntryCounts.unshift(pointers.length);
  } else {
    root = compress(encodeDirectory(entries), internal);
    directoryEntryCounts.push(entries.length);
  }
  const metadata = compress(Buffer.from(JSON.stringify(options.metadata ?? {}), 'utf8'), internal);
  const leaves = Buffer.concat(leafBlobs);
  const data = Buffer.concat(blobs);

  const rootOffset = 127;
  const metadataOffset = rootOffset + root.length;
  const leavesOffset = metadataOffset + metadata.length;
  const dataOffset = leavesOffset + leaves.length;
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'utf8');
  header[7] = 3;
  const sections: Array<[number, number]> = [
    [rootOffset, root.length],
    [metadataOffset, metadata.length],
    [leavesOffset, leaves.length],
    [dataOffset, data.length],
  ];
  sections.forEach(([offset, length], index) => {
    header.writeBigUInt64LE(BigInt(offset), 8 + index * 16);
    header.writeBigUInt64LE(BigInt(length), 16 + index * 16);
  });
  header.writeBigUInt64LE(BigInt(entries.reduce((sum, entry) => sum + entry.runLength, 0)), 72);
  header.writeBigUInt64LE(BigInt(entries.length), 80);
  header.writeBigUInt64LE(BigInt(blobs.length), 88);
  header[96] = 1;
  header[97] = compressionCodes[internal];
  header[98] = compressionCodes[tileCompression];
  header[99] = tileTypeCodes[options.tileType];
  const zooms = options.tiles.map((tile) => tile.z);
  header[100] = Math.min(...zooms);
  header[101] = Math.max(...zooms);
  const [west, south, east, north] = options.bounds ?? [-180, -85.0511287, 180, 85.0511287];
  const degrees = (value: number, at: number) => header.writeInt32LE(Math.round(value * 10_000_000), at);
  degrees(west, 102);
  degrees(south, 106);
  degrees(east, 110);
  degrees(north, 114);
  header[118] = header[100];
  degrees((west + east) / 2, 119);
  degrees((south + north) / 2, 123);

  return {
    bytes: Buffer.concat([header, root, metadata, leaves, data]),
    layout: {
      rootDirectory: { offset: rootOffset, length: root.length },
      metadata: { offset: metadataOffset, length: metadata.length },
      leafDirectories: { offset: leavesOffset, length: leaves.length },
      tileData: { offset: dataOffset, length: data.length },
      directoryEntryCounts,
      runEntries: entries.filter((entry) => entry.runLength > 1).length,
    },
  };
}

/** Writes a fixture to `file` (creating its folder) and returns its layout. */
export async function writePmtiles(
  file: string,
  options: PmtilesFixtureOptions,
): Promise<PmtilesFixtureLayout> {
  const { bytes, layout } = encodePmtiles(options);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
  return layout;
}

// ---- PNG -----------------------------------------------------------------------------------------------------

const crcTable = Array.from({ length: 256 }, (_, index) => {
  let value = index;
  for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

export type Rgb = readonly [number, number, number];

/** An RGB PNG (8 bits per channel, no filtering) of `size` × `size` pixels coloured by `pixel(x, y)`. */
export function encodePng(size: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const rows = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const rowStart = y * (1 + size * 3);
    rows[rowStart] = 0;
    for (let x = 0; x < size; x++) {
      const [red, green, blue] = pixel(x, y);
      rows.set([red, green, blue], rowStart + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

// ---- Tiles over an area --------------------------------------------------------------------------------------

/** Columns and rows of level `z` covering west/south/east/north (XYZ, row 0 at the top). */
export function tileRange(
  bounds: readonly [number, number, number, number],
  z: number,
): { minX: number; maxX: number; minY: number; maxY: number } {
  const [west, south, east, north] = bounds;
  const size = 2 ** z;
  const column = (longitude: number) => Math.floor(((longitude + 180) / 360) * size);
  const row = (latitude: number) => {
    const radians = (latitude * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(radians) + 1 / Math.cos(radians)) / Math.PI) / 2) * size);
  };
  const clamp = (value: number) => Math.min(size - 1, Math.max(0, value));
  return {
    minX: clamp(column(west)),
    maxX: clamp(column(east)),
    minY: clamp(row(north)),
    maxY: clamp(row(south)),
  };
}

/** The two fill colours of the raster fixture and its tile outline, for pixel checks in tests. */
export const rasterFixtureColours = {
  /** Dark teal: tiles whose grandparent (two levels up) has an even column + row. */
  even: [31, 78, 95] as Rgb,
  /** Dark slate blue: the others. */
  odd: [52, 58, 110] as Rgb,
  outline: [120, 140, 160] as Rgb,
};

/**
 * Raster tiles for every level of `zooms` over `bounds`. A tile's colour follows its grandparent tile, so the 16
 * tiles under one grandparent are equal and — being consecutive on the Hilbert curve — collapse into one run.
 */
export function rasterFixtureTiles(
  bounds: readonly [number, number, number, number],
  zooms: readonly number[],
): FixtureTile[] {
  const pictures = new Map<string, Buffer>();
  const picture = (parity: 'even' | 'odd') => {
    let png = pictures.get(parity);
    if (!png) {
      const fill = rasterFixtureColours[parity];
      png = encodePng(256, (x, y) => (x === 255 || y === 255 ? rasterFixtureColours.outline : fill));
      pictures.set(parity, png);
    }
    return png;
  };
  const tiles: FixtureTile[] = [];
  for (const z of zooms) {
    const { minX, maxX, minY, maxY } = tileRange(bounds, z);
    for (let x = minX; x <= maxX; x++)
      for (let y = minY; y <= maxY; y++) {
        const parity = ((x >> 2) + (y >> 2)) % 2 === 0 ? 'even' : 'odd';
        tiles.push({ z, x, y, data: picture(parity) });
      }
  }
  return tiles;
}

// ---- MVT -----------------------------------------------------------------------------------------------------

/** A feature of a fixture vector tile, in tile coordinates (0…4096, y down). */
export interface FixtureFeature {
  readonly type: 'line' | 'polygon';
  /** A line's points, or a polygon's outer ring (clockwise on screen, not closed). */
  readonly points: ReadonlyArray<readonly [number, number]>;
  readonly properties?: Record<string, string>;
}

function pushTag(out: number[], field: number, wireType: number): void {
  pushVarint(out, field * 8 + wireType);
}

function pushBytes(out: number[], field: number, bytes: ArrayLike<number>): void {
  pushTag(out, field, 2);
  pushVarint(out, bytes.length);
  for (let index = 0; index < bytes.length; index++) out.push(bytes[index]!);
}

const zigzag = (value: number) => (value << 1) ^ (value >> 31);

/** Encodes a Mapbox Vector Tile (spec 2.1): one layer per key of `layers`, extent 4096. */
export function encodeMvt(layers: Record<string, readonly FixtureFeature[]>): Buffer {
  const tile: number[] = [];
  for (const [name, features] of Object.entries(layers)) {
    const layer: number[] = [];
    pushTag(layer, 15, 0);
    pushVarint(layer, 2);
    pushBytes(layer, 1, Buffer.from(name, 'utf8'));
    const keys: string[] = [];
    const values: string[] = [];
    features.forEach((feature, index) => {
      const body: number[] = [];
      pushTag(body, 1, 0);
      pushVarint(body, index + 1);
      const tags: number[] = [];
      for (const [key, value] of Object.entries(feature.properties ?? {})) {
        if (!keys.includes(key)) keys.push(key);
        if (!values.includes(value)) values.push(value);
        pushVarint(tags, keys.indexOf(key));
        pushVarint(tags, values.indexOf(value));
      }
      if (tags.length > 0) pushBytes(body, 2, tags);
      pushTag(body, 3, 0);
      pushVarint(body, feature.type === 'line' ? 2 : 3);
      // Commands: MoveTo(1) once, LineTo(n - 1), ClosePath for polygons; parameters are zigzag deltas.
      const geometry: number[] = [];
      let cursorX = 0;
      let cursorY = 0;
      const pushPoint = ([x, y]: readonly [number, number]) => {
        pushVarint(geometry, zigzag(x - cursorX));
        pushVarint(geometry, zigzag(y - cursorY));
        cursorX = x;
        cursorY = y;
      };
      pushVarint(geometry, (1 << 3) | 1);
      pushPoint(feature.points[0]!);
      pushVarint(geometry, ((feature.points.length - 1) << 3) | 2);
      for (const point of feature.points.slice(1)) pushPoint(point);
      if (feature.type === 'polygon') pushVarint(geometry, (1 << 3) | 7);
      pushBytes(body, 4, geometry);
      pushBytes(layer, 2, body);
    });
    for (const key of keys) pushBytes(layer, 3, Buffer.from(key, 'utf8'));
    for (const value of values) {
      const message: number[] = [];
      pushBytes(message, 1, Buffer.from(value, 'utf8'));
      pushBytes(layer, 4, message);
    }
    pushTag(layer, 5, 0);
    pushVarint(layer, 4096);
    pushBytes(tile, 3, layer);
  }
  return Buffer.from(tile);
}

const rectangle = (left: number, top: number, right: number, bottom: number): Array<[number, number]> => [
  [left, top],
  [right, top],
  [right, bottom],
  [left, bottom],
];

/**
 * Vector tiles for every level of `zooms` over `bounds`, in the Protomaps basemap layer names: land (`earth`),
 * a water body over each tile's left third, a major road across the middle, and a few buildings placed by a
 * seeded random stream (the same every run).
 */
export function vectorFixtureTiles(
  bounds: readonly [number, number, number, number],
  zooms: readonly number[],
  seed = 20261,
): FixtureTile[] {
  const random = createSeededRandom(seed);
  const tiles: FixtureTile[] = [];
  for (const z of zooms) {
    const { minX, maxX, minY, maxY } = tileRange(bounds, z);
    for (let x = minX; x <= maxX; x++)
      for (let y = minY; y <= maxY; y++) {
        const buildings: FixtureFeature[] = Array.from({ length: 6 }, () => {
          const left = 1600 + Math.floor(random() * 2000);
          const top = 200 + Math.floor(random() * 1400);
          return { type: 'polygon', points: rectangle(left, top, left + 300, top + 220) };
        });
        tiles.push({
          z,
          x,
          y,
          data: encodeMvt({
            earth: [{ type: 'polygon', points: rectangle(0, 0, 4096, 4096) }],
            water: [{ type: 'polygon', points: rectangle(0, 0, 1365, 4096), properties: { kind: 'water' } }],
            roads: [
              {
                type: 'line',
                points: [
                  [0, 2048],
                  [4096, 2048],
                ],
                properties: { kind: 'major_road' },
              },
            ],
            buildings,
          }),
        });
      }
  }
  return tiles;
}
