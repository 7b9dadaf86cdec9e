// Serves the tiles of the workspace's PMTiles base maps at `/basemaps/<id>/<z>/<x>/<y>` on the core's own origin,
// under the core's access token (like /ws: the file is workspace data, and the core may listen beyond loopback).
// One reader per file, opened on first use and kept open; a file that cannot be opened is retried after a pause.
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BaseMapCatalogue, PmtilesTileFormat } from '@shared/model/base-map';
import { pmtilesFilePath } from './load-base-maps';
import { decompress } from './pmtiles/decompress';
import { PmtilesError } from './pmtiles/pmtiles-error';
import { PmtilesReader, type PmtilesReaderOptions, type PmtilesTile } from './pmtiles/pmtiles-reader';
import { maxTileZoom } from './pmtiles/tile-id';

export interface BaseMapTilesOptions {
  /** The workspace folder the catalogue's `file` paths are relative to. */
  readonly directory: string;
  readonly catalogue: BaseMapCatalogue;
  /** Token every request must carry as `?token=`; null turns the check off (tests). */
  readonly accessToken: string | null;
  readonly log: (line: string) => void;
  /** How long a file that failed to open is left alone before the next try (default 10 s). */
  readonly retryAfterMs?: number;
  readonly reader?: PmtilesReaderOptions;
}

export interface BaseMapTiles {
  /** Handles a request under `/basemaps/`; returns false (and leaves `response` alone) for any other URL. */
  handleHttp(request: IncomingMessage, response: ServerResponse): boolean;
  /** Closes every open file; later requests answer 503. */
  close(): Promise<void>;
}

const contentTypes: Record<PmtilesTileFormat, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
  mvt: 'application/vnd.mapbox-vector-tile',
};

/** Content-Encoding names of the compressions a browser may accept as they are stored. */
const encodings = { gzip: 'gzip', brotli: 'br', zstd: 'zstd' } as const;

/** `/basemaps/<id>/<z>/<x>/<y>`: the id checked against the catalogue, the numbers checked below. */
const tilePath = /^\/basemaps\/([^/]+)\/([^/]*)\/([^/]*)\/([^/]*)$/;
const maxTileBytesInMemory = 16 * 1024 * 1024;

interface OpenFile {
  readonly reader: PmtilesReader;
  /** Identifies this version of the file in ETags (size and modification time). */
  readonly tag: string;
}

export function createBaseMapTiles(options: BaseMapTilesOptions): BaseMapTiles {
  const retryAfterMs = options.retryAfterMs ?? 10_000;
  const files = new Map<string, { file: string; format: PmtilesTileFormat }>();
  for (const baseMap of options.catalogue.baseMaps)
    if (baseMap.type === 'pmtiles' && baseMap.tiles)
      files.set(baseMap.id, {
        file: pmtilesFilePath(options.directory, baseMap.file),
        format: baseMap.tiles.format,
      });
  const opening = new Map<string, Promise<OpenFile>>();
  const logged = new Set<string>();
  let isClosed = false;

  /** Logs a problem once per base map and message: a damaged file must not flood the log at every tile. */
  const logOnce = (id: string, message: string) => {
    const key = `${id}\n${message}`;
    if (logged.has(key)) return;
    logged.add(key);
    options.log(`[basemaps] '${id}': ${message}`);
  };

  const openFile = (id: string, file: string): Promise<OpenFile> => {
    let pending = opening.get(id);
    if (!pending) {
      pending = (async () => {
        const reader = await PmtilesReader.open(file, options.reader);
        const info = await stat(file);
        if (isClosed) {
          await reader.close();
          throw new PmtilesError('the core is closing');
        }
        return { reader, tag: `${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}` };
      })();
      opening.set(id, pending);
      pending.catch(() => {
        const timer = setTimeout(() => {
          if (opening.get(id) === pending) opening.delete(id);
        }, retryAfterMs);
        timer.unref();
      });
    }
    return pending;
  };

  async function serve(
    request: IncomingMessage,
    response: ServerResponse,
    id: string,
    z: number,
    x: number,
    y: number,
  ): Promise<void> {
    const entry = files.get(id)!;
    let open: OpenFile;
    try {
      open = await openFile(id, entry.file);
    } catch (error) {
      logOnce(id, `file unavailable: ${(error as Error).message}`);
      return sendText(response, 503, 'base map file unavailable', {
        'Retry-After': String(Math.ceil(retryAfterMs / 1000)),
      });
    }
    let tile: PmtilesTile | null;
    try {
      tile = await open.reader.tile(z, x, y);
    } catch (error) {
      if (!(error instanceof PmtilesError)) logOnce(id, `read failed: ${(error as Error).message}`);
      else logOnce(id, `file damaged: ${error.message}`);
      return sendText(response, 500, 'base map file damaged or unreadable');
    }
    const cacheHeaders = { 'Cache-Control': 'private, max-age=3600', 'X-Content-Type-Options': 'nosniff' };
    if (!tile) {
      // No tile here (outside the file's area or levels): 204, which OpenLayers treats as an empty tile.
      response.writeHead(204, cacheHeaders).end();
      return;
    }

    // Stored compression goes to the browser as Content-Encoding when it accepts it; otherwise it is undone here.
    const accepted = acceptedEncodings(request.headers['accept-encoding']);
    let body: Uint8Array = tile.data;
    let encoding: string | null = null;
    if (tile.compression !== 'none') {
      const name = encodings[tile.compression];
      if (accepted.has(name)) encoding = name;
      else {
        try {
          body = await decompress(tile.data, tile.compression, `tile ${z}/${x}/${y}`, maxTileBytesInMemory);
        } catch (error) {
          logOnce(id, `file damaged: ${(error as Error).message}`);
          return sendText(response, 500, 'base map file damaged or unreadable');
        }
      }
    }
    const etag = `"${open.tag}-${tile.fileOffset.toString(36)}-${encoding ?? 'identity'}"`;
    const headers: Record<string, string | number> = {
      ...cacheHeaders,
      ETag: etag,
      ...(tile.compression !== 'none' ? { Vary: 'Accept-Encoding' } : {}),
    };
    if (ifNoneMatch(request.headers['if-none-match'], etag)) {
      response.writeHead(304, headers).end();
      return;
    }
    response.writeHead(200, {
      ...headers,
      'Content-Type': contentTypes[entry.format],
      'Content-Length': body.length,
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  return {
    handleHttp(request, response) {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname !== '/basemaps' && !url.pathname.startsWith('/basemaps/')) return false;
      const method = request.method ?? 'GET';
      if (method !== 'GET' && method !== 'HEAD') {
        sendText(response, 405, 'method not allowed', { Allow: 'GET, HEAD' });
        return true;
      }
      if (options.accessToken !== null && url.searchParams.get('token') !== options.accessToken) {
        sendText(response, 401, 'access token required');
        return true;
      }
      if (isClosed) {
        sendText(response, 503, 'the core is closing');
        return true;
      }
      const match = tilePath.exec(url.pathname);
      if (!match || !files.has(match[1]!)) {
        sendText(response, 404, 'no such base map');
        return true;
      }
      const coordinates = tileCoordinates(match[2]!, match[3]!, match[4]!);
      if (!coordinates) {
        sendText(response, 400, `bad tile coordinates: z 0 to ${maxTileZoom}, x and y 0 to 2^z - 1`);
        return true;
      }
      serve(request, response, match[1]!, ...coordinates).catch((error: unknown) => {
        logOnce(match[1]!, `request failed: ${(error as Error).message}`);
        if (!response.headersSent) sendText(response, 500, 'base map tile failed');
        else response.destroy();
      });
      return true;
    },
    async close() {
      isClosed = true;
      const pending = [...opening.values()];
      opening.clear();
      await Promise.all(
        pending.map((open) => open.then(({ reader }) => reader.close()).catch(() => undefined)),
      );
    },
  };
}

/** z, x, y from the path's decimal digits, or null unless 0 ≤ z ≤ 26 and 0 ≤ x, y < 2^z. */
export function tileCoordinates(z: string, x: string, y: string): [number, number, number] | null {
  if (!/^\d{1,2}$/.test(z) || !/^\d{1,8}$/.test(x) || !/^\d{1,8}$/.test(y)) return null;
  const [zoom, column, row] = [Number(z), Number(x), Number(y)];
  if (zoom > maxTileZoom || column >= 2 ** zoom || row >= 2 ** zoom) return null;
  return [zoom, column, row];
}

function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';');
    const quality = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
    if (name && (quality === undefined || Number(quality) > 0)) accepted.add(name);
  }
  return accepted;
}

function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const value = candidate.trim();
    return value === '*' || value === etag || value === `W/${etag}`;
  });
}

function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  response
    .writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    })
    .end(text);
}
