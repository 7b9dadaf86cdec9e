import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { baseMapCatalogueSchema, defaultBaseMapCatalogue } from '@shared/model/base-map';
import {
  encodePmtiles,
  rasterFixtureTiles,
  vectorFixtureTiles,
} from '../../../tests/support/pmtiles-fixture';
import { WorkspaceError } from '../files/workspace-error';
import { loadBaseMaps, resolveBaseMaps } from './load-base-maps';

let directory: string | undefined;
const fifos: string[] = [];
afterEach(async () => {
  // Without the fix a reader stays blocked in open() on a FIFO: a writer that comes and goes frees it.
  for (const fifo of fifos.splice(0)) {
    const writer = await open(fifo, constants.O_WRONLY | constants.O_NONBLOCK).catch(() => null);
    await writer?.close();
  }
  if (directory) await rm(directory, { recursive: true, force: true });
  directory = undefined;
});

async function workspaceWith(text: string | null): Promise<string> {
  directory = await mkdtemp(path.join(os.tmpdir(), 'tianmu-basemaps-'));
  if (text !== null) await writeFile(path.join(directory, 'basemaps.json'), text);
  return directory;
}

const name = { zh: '天地图矢量', en: 'Tianditu' };
const tianditu = {
  id: 'tianditu-vec',
  type: 'wmts',
  name,
  crs: 'cgcs2000',
  url: 'https://t{0-7}.tianditu.gov.cn/vec_w/wmts?tk={token}',
  layer: 'vec',
  matrixSet: 'w',
  tokenEnv: 'TIANMU_TIANDITU_TOKEN',
  attribution: '天地图 GS(2024)0568号',
};

describe('base-map catalogue', () => {
  it('defaults to the district vector map when the workspace has no basemaps.json', async () => {
    expect(await loadBaseMaps(await workspaceWith(null))).toEqual(defaultBaseMapCatalogue);
  });

  it('refuses a catalogue whose default is not one of its base maps, naming the field', async () => {
    const text = JSON.stringify({ default: 'amap', baseMaps: [tianditu] });
    await expect(loadBaseMaps(await workspaceWith(text))).rejects.toThrow(/basemaps\.json.*default/);
  });

  it('loads a basemaps.json that starts with a UTF-8 byte order mark', async () => {
    const text = `\uFEFF${JSON.stringify({ default: 'tianditu-vec', baseMaps: [tianditu] })}`;
    expect((await loadBaseMaps(await workspaceWith(text))).default).toBe('tianditu-vec');
  });

  it('fills {token} from the core environment and hands windows no token fields', async () => {
    const catalogue = await loadBaseMaps(
      await workspaceWith(JSON.stringify({ default: 'tianditu-vec', baseMaps: [tianditu] })),
    );
    const resolved = resolveBaseMaps(catalogue, { TIANMU_TIANDITU_TOKEN: 'abc&123' });
    expect(resolved.baseMaps[0]).toMatchObject({
      url: 'https://t{0-7}.tianditu.gov.cn/vec_w/wmts?tk=abc%26123',
    });
    expect(resolved.baseMaps[0]).not.toHaveProperty('tokenEnv');
  });

  describe('PMTiles base maps', () => {
    const bounds = [121.449, 31.195, 121.543, 31.265] as const;
    const raster = encodePmtiles({
      tiles: rasterFixtureTiles(bounds, [12, 13]),
      tileType: 'png',
      leafSize: 4,
      bounds,
      metadata: { attribution: '<a href="https://example.invalid">&copy; 区测绘院</a>' },
    }).bytes;
    const pmtiles = (file: string, extra: Record<string, unknown> = {}) => ({
      id: 'local',
      type: 'pmtiles',
      name: { zh: '本地瓦片', en: 'Local tiles' },
      crs: 'gcj02',
      file,
      ...extra,
    });
    const catalogue = (...baseMaps: unknown[]) => JSON.stringify({ default: 'local', baseMaps });

    /** A workspace with basemaps.json and, when given, bytes at `file`. */
    async function workspaceWithFile(text: string, file?: string, bytes?: Uint8Array): Promise<string> {
      const folder = await workspaceWith(text);
      if (file && bytes) {
        await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
        await writeFile(path.join(folder, file), bytes);
      }
      return folder;
    }

    async function loadError(text: string, file?: string, bytes?: Uint8Array): Promise<WorkspaceError> {
      return loadBaseMaps(await workspaceWithFile(text, file, bytes)).then(
        () => {
          throw new Error('the catalogue loaded');
        },
        (error: WorkspaceError) => error,
      );
    }

    it('checks the file and fills in its tiles: URL, format, levels and bounds, and its attribution', async () => {
      const loaded = await loadBaseMaps(
        await workspaceWithFile(catalogue(pmtiles('maps/district.pmtiles')), 'maps/district.pmtiles', raster),
      );
      expect(loaded.baseMaps[0]).toEqual({
        ...pmtiles('maps/district.pmtiles'),
        minZoom: 0,
        maxZoom: 18,
        tileSize: 256,
        attribution: '© 区测绘院',
        tiles: {
          url: '/basemaps/local/{z}/{x}/{y}',
          format: 'png',
          minZoom: 12,
          maxZoom: 13,
          bounds: [...bounds],
        },
      });
      // What windows receive passes the protocol's schema, with the core's token in the tile URL.
      const resolved = resolveBaseMaps(loaded, {}, 'a1b2c3');
      expect(resolved.baseMaps[0]).toMatchObject({
        tiles: { url: '/basemaps/local/{z}/{x}/{y}?token=a1b2c3' },
      });
      expect(baseMapCatalogueSchema.safeParse(resolved).success).toBe(true);
    });

    it('keeps a declared attribution and reports vector tiles as mvt', async () => {
      const vector = encodePmtiles({
        tiles: vectorFixtureTiles(bounds, [13]),
        tileType: 'mvt',
        tileCompression: 'gzip',
      }).bytes;
      const loaded = await loadBaseMaps(
        await workspaceWithFile(
          catalogue(pmtiles('vector.pmtiles', { attribution: '本区' })),
          'vector.pmtiles',
          vector,
        ),
      );
      expect(loaded.baseMaps[0]).toMatchObject({ attribution: '本区', tiles: { format: 'mvt' } });
    });

    it.each([
      ['/srv/maps/city.pmtiles', /baseMaps\.0\.file: a path relative to the workspace folder/],
      ['C:/maps/city.pmtiles', /not an absolute path/],
      ['../city.pmtiles', /'\.\.' is not allowed/],
      ['maps/../../city.pmtiles', /'\.\.' is not allowed/],
      ['maps\\city.pmtiles', /written with '\/'/],
      ['maps//city.pmtiles', /without empty or '\.' parts/],
      ['maps/city.mbtiles', /ending in \.pmtiles/],
      ['~/city.pmtiles', /not an absolute path/],
    ])('refuses the file path %s, naming the field', async (file, message) => {
      const error = await loadError(catalogue(pmtiles(file)));
      expect(error).toBeInstanceOf(WorkspaceError);
      expect(error.message).toMatch(/^basemaps\.json → /);
      expect(error.message).toMatch(message);
    });

    it('names the file, the field and the problem when the file is missing, a folder, or damaged', async () => {
      expect((await loadError(catalogue(pmtiles('maps/none.pmtiles')))).message).toBe(
        "basemaps.json → baseMaps.0.file: 'maps/none.pmtiles' is missing",
      );
      const folder = await workspaceWith(catalogue(pmtiles('maps/dir.pmtiles')));
      await mkdir(path.join(folder, 'maps/dir.pmtiles'), { recursive: true });
      await expect(loadBaseMaps(folder)).rejects.toThrow(
        /'maps\/dir\.pmtiles' (is a folder|is not a usable)/,
      );

      const truncated = raster.subarray(0, raster.length - 50);
      expect((await loadError(catalogue(pmtiles('a.pmtiles')), 'a.pmtiles', truncated)).message).toMatch(
        /^basemaps\.json → baseMaps\.0\.file: 'a\.pmtiles' is not a usable PMTiles file: tile data .* beyond the end/,
      );
      const notPmtiles = Buffer.from('<html>'.padEnd(400, ' '));
      expect((await loadError(catalogue(pmtiles('b.pmtiles')), 'b.pmtiles', notPmtiles)).message).toMatch(
        /'b\.pmtiles' is not a usable PMTiles file: not a PMTiles file/,
      );
      const unknownType = Buffer.from(raster);
      unknownType[99] = 0;
      expect((await loadError(catalogue(pmtiles('c.pmtiles')), 'c.pmtiles', unknownType)).message).toMatch(
        /unknown type/,
      );
    });

    it.skipIf(process.platform === 'win32')(
      'refuses a FIFO named as the PMTiles file instead of waiting on it (check-workspace returns)',
      async () => {
        const folder = await workspaceWith(catalogue(pmtiles('maps/pipe.pmtiles')));
        await mkdir(path.join(folder, 'maps'));
        execFileSync('mkfifo', [path.join(folder, 'maps/pipe.pmtiles')]);
        fifos.push(path.join(folder, 'maps/pipe.pmtiles'));
        await expect(loadBaseMaps(folder)).rejects.toThrow(
          "basemaps.json → baseMaps.0.file: 'maps/pipe.pmtiles' is a FIFO (named pipe), not a regular file",
        );
      },
    );

    it('refuses `tiles` written in basemaps.json: the core fills it in', async () => {
      const tiles = {
        url: '/basemaps/local/{z}/{x}/{y}',
        format: 'png',
        minZoom: 0,
        maxZoom: 1,
        bounds: [0, 0, 1, 1],
      };
      const error = await loadError(catalogue(pmtiles('a.pmtiles', { tiles })), 'a.pmtiles', raster);
      expect(error.message).toBe(
        'basemaps.json → baseMaps.0.tiles: is filled in by the core from the file: remove it',
      );
    });
  });
});
