// Checks a PMTiles file when the workspace loads: header, root directory and metadata readable, tiles of a kind
// the map can draw, compression this Node can undo. Returns what windows need to show it.
import type { PmtilesTileFormat } from '@shared/model/base-map';
import { canDecompress } from './decompress';
import { PmtilesError } from './pmtiles-error';
import { PmtilesReader } from './pmtiles-reader';

export interface PmtilesFileSummary {
  readonly format: PmtilesTileFormat;
  readonly minZoom: number;
  readonly maxZoom: number;
  readonly bounds: [number, number, number, number];
  /** The metadata's `attribution` as plain text (tags removed), if it has one. */
  readonly attribution?: string;
}

/** Opens, checks and closes the file; throws PmtilesError (or a file-system error) when it cannot be shown. */
export async function inspectPmtilesFile(file: string): Promise<PmtilesFileSummary> {
  const reader = await PmtilesReader.open(file);
  try {
    const { header } = reader;
    if (header.tileType === 'unknown')
      throw new PmtilesError(
        'holds tiles of an unknown type: Tianmu draws png, jpeg, webp, avif or mvt tiles',
      );
    for (const [what, compression] of [
      ['directories', header.internalCompression],
      ['tiles', header.tileCompression],
    ] as const)
      if (!canDecompress(compression))
        throw new PmtilesError(`${what} are ${compression}-compressed, which needs Node 22.15 or later`);
    const metadata = await reader.metadata();
    const attribution = plainAttribution(metadata['attribution']);
    return {
      format: header.tileType,
      minZoom: header.minZoom,
      maxZoom: header.maxZoom,
      bounds: [...header.bounds],
      ...(attribution ? { attribution } : {}),
    };
  } finally {
    await reader.close();
  }
}

/** Metadata attributions are often HTML links: keep the words, drop the tags (windows escape it again). */
function plainAttribution(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value
    .replace(/<[^>]*>/g, '')
    .replace(/&copy;/g, '©')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text ? text.slice(0, 200) : undefined;
}
