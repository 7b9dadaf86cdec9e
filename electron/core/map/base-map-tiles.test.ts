// The PMTiles tile route on a real core (demo workspace copy + basemaps.json + generated files): exact bytes and
// headers, empty tiles, bad coordinates, the access token, traversal attempts, compressed vector tiles, and files
// damaged or removed while the core runs.
import http from 'node:http';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../index';
import {
  encodePmtiles,
  rasterFixtureTiles,
  vectorFixtureTiles,
  type PmtilesFixtureLayout,
} from '../../../tests/support/pmtiles-fixture';
import { tempDemoWorkspace, type TempWorkspace } from '../../../tests/support/temp-workspace';
import { coreRequest } from '../../../tests/support/core-requests';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const token = 'tile-token';
const bounds = [121.449, 31.195, 121.543, 31.265] as const;
const rasterTiles = rasterFixtureTiles(bounds, [12, 13, 14]);
const vectorTiles = vectorFixtureTiles(bounds, [13]);

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET (or other method) with the path sent exactly as written: no client-side normalisation of '..'. */
function request(
  origin: string,
  rawPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Reply> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ hostname, port, path: rawPath, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const tileUrl = (
  id: string,
  z: number | string,
  x: number | string,
  y: number | string,
  query = `?token=${token}`,
) => `/basemaps/${id}/${z}/${x}/${y}${query}`;

describe('PMTiles tile route', () => {
  let workspace: TempWorkspace;
  let rendererDir: string;
  let core: Core;
  let damagedLayout: PmtilesFixtureLayout;
  const logLines: string[] = [];

  beforeAll(async () => {
    workspace = await tempDemoWorkspace();
    rendererDir = await mkdtemp(path.join(os.tmpdir(), 'tianmu-renderer-'));
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>renderer</title>');
    const maps = path.join(workspace.workspaceDir, 'maps');
    await mkdir(maps);
    const raster = encodePmtiles({ tiles: rasterTiles, tileType: 'png', leafSize: 8, bounds });
    await writeFile(path.join(maps, 'raster.pmtiles'), raster.bytes);
    await writeFile(path.join(maps, 'damaged.pmtiles'), raster.bytes);
    await writeFile(path.join(maps, 'removed.pmtiles'), raster.bytes);
    damagedLayout = raster.layout;
    await writeFile(
      path.join(maps, 'vector.pmtiles'),
      encodePmtiles({ tiles: vectorTiles, tileType: 'mvt', tileCompression: 'gzip', bounds }).bytes,
    );
    const name = { zh: '本地瓦片', en: 'Local tiles' };
    const pmtiles = (id: string, file: string) => ({ id, type: 'pmtiles', name, crs: 'wgs84', file });
    await writeFile(
      path.join(workspace.workspaceDir, 'basemaps.json'),
      JSON.stringify({
        default: 'raster',
        baseMaps: [
          pmtiles('raster', 'maps/raster.pmtiles'),
          pmtiles('vector', 'maps/vector.pmtiles'),
          pmtiles('damaged', 'maps/damaged.pmtiles'),
          pmtiles('removed', 'maps/removed.pmtiles'),
          { id: 'district', type: 'district', name, crs: 'wgs84' },
        ],
      }),
    );
    core = await createCore(workspace.workspaceDir, {
      clipsDir: path.join(root, 'resources/media/clips'),
      rendererDir,
      accessToken: token,
      stateDir: workspace.stateDir,
      log: (line) => logLines.push(line),
    });
  });
  afterAll(async () => {
    await core?.close();
    await workspace?.remove();
    await rm(rendererDir, { recursive: true, force: true });
  });

  it('hands windows the tile URL with the access token', async () => {
    const catalogue = await coreRequest<{ baseMaps: Array<{ id: string; tiles?: { url: string } }> }>(
      `${core.origin}/?token=${token}`,
      'map.baseMaps',
    );
    expect(catalogue.baseMaps[0]!.tiles).toMatchObject({
      url: `/basemaps/raster/{z}/{x}/{y}?token=${token}`,
      format: 'png',
      minZoom: 12,
      maxZoom: 14,
    });
  });

  it('serves a tile: the stored bytes, PNG content type, caching headers; HEAD without a body', async () => {
    for (const tile of [rasterTiles[0]!, rasterTiles.at(-1)!]) {
      const reply = await request(core.origin, tileUrl('raster', tile.z, tile.x, tile.y));
      expect(reply.status).toBe(200);
      expect(reply.body.equals(tile.data)).toBe(true);
      expect(reply.headers).toMatchObject({
        'content-type': 'image/png',
        'content-length': String(tile.data.length),
        'cache-control': 'private, max-age=3600',
        'x-content-type-options': 'nosniff',
      });
      expect(reply.headers['content-encoding']).toBeUndefined();
      expect(reply.headers.etag).toMatch(/^"[^"]+"$/);
    }
    const tile = rasterTiles[0]!;
    const head = await request(core.origin, tileUrl('raster', tile.z, tile.x, tile.y), {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('answers 304 to a request that already has the tile (If-None-Match)', async () => {
    const tile = rasterTiles[3]!;
    const first = await request(core.origin, tileUrl('raster', tile.z, tile.x, tile.y));
    const again = await request(core.origin, tileUrl('raster', tile.z, tile.x, tile.y), {
      'If-None-Match': first.headers.etag!,
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('answers 204 No Content where the file has no tile (outside its area or levels)', async () => {
    const tile = rasterTiles.find((candidate) => candidate.z === 14)!;
    for (const [z, x, y] of [
      [14, tile.x - 1, tile.y],
      [14, 0, 0],
      [0, 0, 0],
      [18, tile.x * 16, tile.y * 16],
    ] as const) {
      const reply = await request(core.origin, tileUrl('raster', z, x, y));
      expect(reply.status, `${z}/${x}/${y}`).toBe(204);
      expect(reply.body.length).toBe(0);
    }
  });

  it.each([
    ['a level beyond 26', 27, 0, 0],
    ['a column beyond the level', 2, 4, 0],
    ['a row beyond the level', 12, 0, 4096],
    ['a negative column', 12, -1, 0],
    ['letters', 'z', 0, 0],
    ['a fraction', 12, '1.5', 0],
    ['trailing garbage', 12, 1, '2.png'],
    ['a huge number', 12, '123456789', 0],
    ['an empty part', 12, '', 0],
  ])('answers 400 for %s', async (_case, z, x, y) => {
    const reply = await request(core.origin, tileUrl('raster', z, x, y));
    expect(reply.status).toBe(400);
    expect(reply.body.toString()).toMatch(/bad tile coordinates/);
  });

  it('answers 401 without the access token or with a wrong one', async () => {
    const tile = rasterTiles[0]!;
    for (const query of ['', '?token=', '?token=wrong', `?other=${token}`]) {
      const reply = await request(core.origin, tileUrl('raster', tile.z, tile.x, tile.y, query));
      expect(reply.status, query).toBe(401);
      expect(reply.body.equals(tile.data)).toBe(false);
    }
  });

  it('answers 404 for unknown base maps, base maps that are not PMTiles, and other shapes of path', async () => {
    for (const rawPath of [
      tileUrl('nothing', 12, 0, 0),
      tileUrl('district', 12, 0, 0),
      tileUrl('RASTER', 12, 0, 0),
      `/basemaps/raster/12/0?token=${token}`,
      `/basemaps/raster/12/0/0/0?token=${token}`,
      `/basemaps?token=${token}`,
    ]) {
      const reply = await request(core.origin, rawPath);
      expect(reply.status, rawPath).toBe(404);
    }
  });

  it('never reads outside the workspace for traversal attempts', async () => {
    for (const rawPath of [
      `/basemaps/../../../../etc/passwd?token=${token}`,
      `/basemaps/raster/../../../../etc/passwd?token=${token}`,
      `/basemaps/%2e%2e/%2e%2e/%2e%2e/etc/passwd?token=${token}`,
      `/basemaps/..%2F..%2F..%2Fetc%2Fpasswd/1/0/0?token=${token}`,
      `/basemaps/raster/1/0/..%2F..%2F..%2Fetc%2Fpasswd?token=${token}`,
      `/basemaps/maps%2Fraster.pmtiles/1/0/0?token=${token}`,
    ]) {
      const reply = await request(core.origin, rawPath);
      const body = reply.body.toString();
      expect(body, rawPath).not.toMatch(/root:/);
      expect(body, rawPath).not.toMatch(/PMTiles/);
      // Either refused by the tile route or normalised away from it (then the renderer's index.html at most).
      expect([400, 404, 200], rawPath).toContain(reply.status);
      if (reply.status === 200) expect(body).toContain('<title>renderer</title>');
    }
  });

  it('passes gzip-compressed vector tiles through with Content-Encoding, or unpacks them for clients without gzip', async () => {
    const tile = vectorTiles[0]!;
    const compressed = await request(core.origin, tileUrl('vector', tile.z, tile.x, tile.y), {
      'Accept-Encoding': 'gzip, deflate',
    });
    expect(compressed.status).toBe(200);
    expect(compressed.headers).toMatchObject({
      'content-type': 'application/vnd.mapbox-vector-tile',
      'content-encoding': 'gzip',
      vary: 'Accept-Encoding',
    });
    expect(zlib.gunzipSync(compressed.body).equals(tile.data)).toBe(true);

    for (const acceptEncoding of [undefined, 'identity', 'gzip;q=0, br']) {
      const plain = await request(
        core.origin,
        tileUrl('vector', tile.z, tile.x, tile.y),
        acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {},
      );
      expect(plain.status, acceptEncoding).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.equals(tile.data)).toBe(true);
      expect(plain.headers.etag).not.toBe(compressed.headers.etag);
    }
  });

  it('answers 500 for tiles of a file damaged after the core started, logs it once, and keeps serving the rest', async () => {
    const file = await open(path.join(workspace.workspaceDir, 'maps/damaged.pmtiles'), 'r+');
    await file.write(Buffer.alloc(40, 0xee), 0, 40, damagedLayout.leafDirectories.offset);
    await file.close();
    const tile = rasterTiles[0]!;
    for (let attempt = 0; attempt < 3; attempt++) {
      const reply = await request(core.origin, tileUrl('damaged', tile.z, tile.x, tile.y));
      expect(reply.status).toBe(500);
      expect(reply.body.toString()).toMatch(/damaged/);
    }
    expect(logLines.filter((line) => line.includes("'damaged'"))).toHaveLength(1);
    expect(logLines.find((line) => line.includes("'damaged'"))).toMatch(/file damaged: .*leaf directory/);
    expect((await request(core.origin, tileUrl('raster', tile.z, tile.x, tile.y))).status).toBe(200);
  });

  it('answers 503 while a file removed after the core started cannot be opened', async () => {
    await rm(path.join(workspace.workspaceDir, 'maps/removed.pmtiles'));
    const tile = rasterTiles[0]!;
    const reply = await request(core.origin, tileUrl('removed', tile.z, tile.x, tile.y));
    expect(reply.status).toBe(503);
    expect(reply.headers['retry-after']).toBe('10');
    expect(logLines.some((line) => /'removed': file unavailable: .*ENOENT/.test(line))).toBe(true);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const tile = rasterTiles[0]!;
    const reply = await request(core.origin, tileUrl('raster', tile.z, tile.x, tile.y), {}, 'POST');
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
  });
});
