// The 127-byte PMTiles v3 header (spec §3): where the sections are, how they are compressed, what the tiles are.
// Every section must lie inside the file, so no later read can go past its end.
import { PmtilesError } from './pmtiles-error';
import { maxTileZoom } from './tile-id';

export const headerLength = 127;

/** Compression of directories, metadata or tiles (spec §3.3). */
export type Compression = 'unknown' | 'none' | 'gzip' | 'brotli' | 'zstd';
const compressions: readonly Compression[] = ['unknown', 'none', 'gzip', 'brotli', 'zstd'];

/** Tile type (spec §3.2): a hint for viewers and for the HTTP Content-Type. */
export type TileType = 'unknown' | 'mvt' | 'png' | 'jpeg' | 'webp' | 'avif';
const tileTypes: readonly TileType[] = ['unknown', 'mvt', 'png', 'jpeg', 'webp', 'avif'];

/** A byte range of the file. */
export interface Section {
  readonly offset: number;
  readonly length: number;
}

export interface PmtilesHeader {
  readonly rootDirectory: Section;
  readonly metadata: Section;
  readonly leafDirectories: Section;
  readonly tileData: Section;
  /** Counts from the header; 0 when the writer did not know. */
  readonly addressedTiles: number;
  readonly tileEntries: number;
  readonly tileContents: number;
  readonly isClustered: boolean;
  readonly internalCompression: Compression;
  readonly tileCompression: Compression;
  readonly tileType: TileType;
  readonly minZoom: number;
  readonly maxZoom: number;
  /** West, south, east, north in degrees. */
  readonly bounds: readonly [number, number, number, number];
  readonly centerZoom: number;
  /** Longitude, latitude in degrees. */
  readonly center: readonly [number, number];
}

const magic = 'PMTiles';

/** Parses and checks the header of a file of `fileSize` bytes. */
export function parseHeader(bytes: Uint8Array, fileSize: number): PmtilesHeader {
  if (bytes.length < headerLength || fileSize < headerLength)
    throw new PmtilesError(`file is too short for a PMTiles header (${fileSize} bytes, 127 needed)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerLength);
  if (String.fromCharCode(...bytes.subarray(0, 7)) !== magic)
    throw new PmtilesError('not a PMTiles file (no "PMTiles" at its start)');
  const version = bytes[7]!;
  if (version !== 3)
    throw new PmtilesError(
      `PMTiles version ${version} is not supported (only version 3${version < 3 ? '; convert it with `pmtiles convert`' : ''})`,
    );

  const uint64 = (at: number, what: string): number => {
    const value = view.getBigUint64(at, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new PmtilesError(`${what} (${value}) is beyond 2^53`);
    return Number(value);
  };
  const section = (at: number, what: string): Section => {
    const offset = uint64(at, `${what} offset`);
    const length = uint64(at + 8, `${what} length`);
    if (offset + length > fileSize)
      throw new PmtilesError(
        `${what} (bytes ${offset} to ${offset + length}) lies beyond the end of the file (${fileSize} bytes)`,
      );
    if (length > 0 && offset < headerLength)
      throw new PmtilesError(`${what} (at byte ${offset}) overlaps the header`);
    return { offset, length };
  };
  const enumeration = <T>(values: readonly T[], at: number, what: string): T => {
    const value = values[bytes[at]!];
    if (value === undefined) throw new PmtilesError(`${what} ${bytes[at]} is not defined by the spec`);
    return value;
  };
  const degrees = (at: number) => view.getInt32(at, true) / 10_000_000;

  const rootDirectory = section(8, 'root directory');
  if (rootDirectory.length === 0) throw new PmtilesError('root directory is empty');
  const header: PmtilesHeader = {
    rootDirectory,
    metadata: section(24, 'metadata'),
    leafDirectories: section(40, 'leaf directories'),
    tileData: section(56, 'tile data'),
    addressedTiles: uint64(72, 'number of addressed tiles'),
    tileEntries: uint64(80, 'number of tile entries'),
    tileContents: uint64(88, 'number of tile contents'),
    isClustered: bytes[96] === 1,
    internalCompression: enumeration(compressions, 97, 'internal compression'),
    tileCompression: enumeration(compressions, 98, 'tile compression'),
    tileType: enumeration(tileTypes, 99, 'tile type'),
    minZoom: bytes[100]!,
    maxZoom: bytes[101]!,
    bounds: [degrees(102), degrees(106), degrees(110), degrees(114)],
    centerZoom: bytes[118]!,
    center: [degrees(119), degrees(123)],
  };
  if (header.minZoom > header.maxZoom)
    throw new PmtilesError(`min zoom ${header.minZoom} is above max zoom ${header.maxZoom}`);
  if (header.maxZoom > maxTileZoom)
    throw new PmtilesError(`max zoom ${header.maxZoom} is beyond the supported ${maxTileZoom}`);
  const [west, south, east, north] = header.bounds;
  const isLongitude = (value: number) => value >= -180 && value <= 180;
  const isLatitude = (value: number) => value >= -90 && value <= 90;
  if (!isLongitude(west) || !isLongitude(east) || !isLatitude(south) || !isLatitude(north) || south > north)
    throw new PmtilesError(`bounds ${header.bounds.join(', ')} are not west, south, east, north in degrees`);
  return header;
}
