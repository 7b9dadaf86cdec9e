// Decompression of PMTiles directories, metadata and (for clients that cannot take it) tiles, with a ceiling on
// the output so a damaged or hostile file cannot inflate into gigabytes.
import zlib from 'node:zlib';
import type { Compression } from './header';
import { PmtilesError } from './pmtiles-error';

type Inflate = (input: Uint8Array, options: { maxOutputLength: number }) => Promise<Buffer>;

function promised(
  method: (
    input: Uint8Array,
    options: { maxOutputLength: number },
    callback: (error: Error | null, result: Buffer) => void,
  ) => void,
): Inflate {
  return (input, options) =>
    new Promise((resolve, reject) =>
      method(input, options, (error, result) => (error ? reject(error) : resolve(result))),
    );
}

const gunzip = promised(zlib.gunzip);
const brotliDecompress = promised(zlib.brotliDecompress);
// zlib gained zstd in Node 22.15; on older Node a zstd file is refused with a clear message.
const zstdDecompress =
  typeof (zlib as { zstdDecompress?: unknown }).zstdDecompress === 'function'
    ? promised(zlib.zstdDecompress)
    : null;

/** Whether this Node can decompress `compression` ('unknown' only when the bytes say what they are). */
export function canDecompress(compression: Compression): boolean {
  return compression !== 'zstd' || zstdDecompress !== null;
}

/** Whether bytes start with the gzip magic number (for 'unknown' compression). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The decompressed bytes of `what` (named in errors), at most `maxBytes` of them. */
export async function decompress(
  bytes: Uint8Array,
  compression: Compression,
  what: string,
  maxBytes: number,
): Promise<Uint8Array> {
  const method = (() => {
    switch (compression) {
      case 'none':
        return null;
      case 'unknown':
        return isGzip(bytes) ? gunzip : null;
      case 'gzip':
        return gunzip;
      case 'brotli':
        return brotliDecompress;
      case 'zstd':
        if (!zstdDecompress)
          throw new PmtilesError(`${what} is zstd-compressed, which needs Node 22.15 or later`);
        return zstdDecompress;
    }
  })();
  if (!method) return bytes;
  try {
    return await method(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE')
      throw new PmtilesError(`${what} decompresses to more than ${maxBytes} bytes`);
    throw new PmtilesError(`${what} cannot be decompressed as ${compression} (${(error as Error).message})`);
  }
}
