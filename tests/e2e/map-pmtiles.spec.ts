// A local PMTiles file as the offline base map, end to end: a copy of the demo workspace whose basemaps.json
// default is a generated raster PMTiles file (and a vector one beside it); the map asks the core for its tiles on
// 127.0.0.1 only, and the fixture's known colours are drawn on the map's canvas.
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startHost, type RunningHost } from '../support/browser-host';
import { coreRequest } from '../support/core-requests';
import { tempDemoWorkspace, type TempWorkspace } from '../support/temp-workspace';
import {
  encodePmtiles,
  rasterFixtureColours,
  rasterFixtureTiles,
  vectorFixtureTiles,
  tileRange,
  type Rgb,
} from '../support/pmtiles-fixture';

/** The area the file says it covers (its header): the demo district with a margin. */
const bounds = [121.4, 31.16, 121.6, 31.3] as const;
/** The area it has tiles for: the district alone, so the margin's tiles come back 204 No Content. */
const tileBounds = [121.449, 31.195, 121.543, 31.265] as const;
const center: [number, number] = [121.496, 31.23];
/** The default vector style's land and water (renderer/src/map/vector-tile-style.ts). */
const vectorColours = { land: [18, 26, 37] as Rgb, water: [27, 58, 87] as Rgb };

let workspace: TempWorkspace;
let host: RunningHost;

test.beforeAll(async () => {
  workspace = await tempDemoWorkspace();
  const maps = path.join(workspace.workspaceDir, 'maps');
  await mkdir(maps);
  await writeFile(
    path.join(maps, 'district.pmtiles'),
    encodePmtiles({
      tiles: rasterFixtureTiles(tileBounds, [11, 12, 13, 14, 15]),
      tileType: 'png',
      leafSize: 16,
      bounds,
    }).bytes,
  );
  await writeFile(
    path.join(maps, 'district-vector.pmtiles'),
    encodePmtiles({
      tiles: vectorFixtureTiles(bounds, [13, 14]),
      tileType: 'mvt',
      tileCompression: 'gzip',
      bounds,
    }).bytes,
  );
  const name = (zh: string, en: string) => ({ zh, en });
  await writeFile(
    path.join(workspace.workspaceDir, 'basemaps.json'),
    JSON.stringify({
      default: 'local-raster',
      baseMaps: [
        {
          id: 'local-raster',
          type: 'pmtiles',
          name: name('本地栅格底图', 'Local raster tiles'),
          crs: 'wgs84',
          file: 'maps/district.pmtiles',
          attribution: '测试瓦片',
        },
        {
          id: 'local-vector',
          type: 'pmtiles',
          name: name('本地矢量底图', 'Local vector tiles'),
          crs: 'wgs84',
          file: 'maps/district-vector.pmtiles',
        },
        { id: 'district', type: 'district', name: name('本区矢量底图', 'District map'), crs: 'wgs84' },
      ],
    }),
  );
  host = await startHost(['--workspace', workspace.workspaceDir, '--state-dir', workspace.stateDir]);
});
test.afterAll(async () => {
  await host?.stop();
  await workspace?.remove();
});

/** Puts a map widget with these options into the big top-left cell of the left display. */
async function showMap(options: Record<string, unknown>): Promise<void> {
  await coreRequest(host.urls.get('console')!, 'wall.command', {
    command: {
      type: 'cell.assign',
      displayId: 'left',
      cellIndex: 0,
      widget: { kind: 'map.incidents', options },
    },
  });
}

/** Records every request; those to a host other than 127.0.0.1 are blocked and listed in `outside`. */
async function watchRequests(context: BrowserContext) {
  const outside: string[] = [];
  const tiles: Array<{ url: string; status: number }> = [];
  const isLocal = (address: string) => {
    const url = new URL(address);
    if (url.protocol === 'data:' || url.protocol === 'blob:') return true;
    return url.hostname === '127.0.0.1';
  };
  await context.route('**/*', (route) => {
    if (isLocal(route.request().url())) return route.continue();
    outside.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  context.on('request', (request) => {
    if (!isLocal(request.url())) outside.push(request.url());
  });
  context.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/basemaps/'))
      tiles.push({ url: response.url(), status: response.status() });
  });
  context.on('page', (page) =>
    page.on('websocket', (socket) => {
      if (!isLocal(socket.url())) outside.push(socket.url());
    }),
  );
  return { outside, tiles };
}

/**
 * Share of sampled map pixels within `tolerance` of each colour, on the map's canvases drawn one over another as the
 * page shows them; `uncovered` is the share no canvas paints (where the map's own background shows).
 */
function colourShares(
  page: Page,
  colours: Record<string, Rgb>,
  tolerance = 6,
): Promise<Record<string, number> & { uncovered: number }> {
  return page.getByTestId('incident-map').evaluate(
    (element, { colours, tolerance }) => {
      const canvases = [...element.querySelectorAll('canvas')].filter((canvas) => canvas.width > 0);
      const composite = document.createElement('canvas');
      composite.width = Math.max(...canvases.map((canvas) => canvas.width));
      composite.height = Math.max(...canvases.map((canvas) => canvas.height));
      const context = composite.getContext('2d')!;
      for (const canvas of canvases) context.drawImage(canvas, 0, 0);
      const { data } = context.getImageData(0, 0, composite.width, composite.height);
      const counts: Record<string, number> = Object.fromEntries(Object.keys(colours).map((key) => [key, 0]));
      let uncovered = 0;
      let sampled = 0;
      for (let index = 0; index < data.length; index += 4 * 53) {
        sampled++;
        if (data[index + 3] === 0) uncovered++;
        for (const [key, [red, green, blue]] of Object.entries(colours))
          if (
            Math.abs(data[index]! - red) <= tolerance &&
            Math.abs(data[index + 1]! - green) <= tolerance &&
            Math.abs(data[index + 2]! - blue) <= tolerance &&
            data[index + 3]! > 250
          )
            counts[key]!++;
      }
      const share = (count: number) => (sampled ? count / sampled : 0);
      return {
        ...Object.fromEntries(Object.entries(counts).map(([key, count]) => [key, share(count)])),
        uncovered: share(uncovered),
      };
    },
    { colours, tolerance },
  );
}

/** The smallest share among `colours` (each one drawn), or their sum (any of them drawn). */
async function leastShare(page: Page, colours: Record<string, Rgb>, combine: 'min' | 'sum' = 'min') {
  const shares = await colourShares(page, colours);
  const values = Object.keys(colours).map((key) => shares[key]!);
  return combine === 'min' ? Math.min(...values) : values.reduce((total, value) => total + value, 0);
}

test('a raster PMTiles base map draws its tiles from the core on 127.0.0.1, and nothing leaves the PC', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const { outside, tiles } = await watchRequests(context);
  await showMap({ layers: ['grids'], center, zoom: 14 });
  const page = await context.newPage();
  await page.goto(host.urls.get('wall:left')!);
  await expect(page.getByTestId('incident-map')).toBeVisible();

  // Both fill colours of the fixture are on the canvas: real tiles, drawn where they belong.
  const { even, odd } = rasterFixtureColours;
  await expect
    .poll(() => leastShare(page, { even, odd }), {
      timeout: 20_000,
    })
    .toBeGreaterThan(0.05);
  await expect(page.locator('.ol-attribution')).toContainText('测试瓦片');
  await page.screenshot({ path: 'test-results/screens/map-pmtiles.png' });

  expect(tiles.length).toBeGreaterThan(4);
  // Tiles carry the core's access token: the wall windows' (the console has its own start ticket).
  const token = new URL(host.urls.get('wall:left')!).searchParams.get('token');
  expect(token).toMatch(/^[0-9a-f]{32}$/);
  for (const tile of tiles) {
    const url = new URL(tile.url);
    expect(url.origin).toBe(host.origin);
    expect(url.pathname).toMatch(/^\/basemaps\/local-raster\/\d+\/\d+\/\d+$/);
    expect(url.searchParams.get('token')).toBe(token);
    // 200 with a tile, or 204 where the file has none: never an error.
    expect([200, 204], tile.url).toContain(tile.status);
  }
  expect(tiles.some((tile) => tile.status === 200)).toBe(true);
  expect(outside, 'requests that left 127.0.0.1').toEqual([]);
  await context.close();
});

test('outside its area the map asks for no tiles; inside it where the file has none the core answers 204; the background shows, with no errors', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const { outside, tiles } = await watchRequests(context);
  // The file's west edge in the middle of the view: the left half is outside it, then a margin without tiles.
  await showMap({ layers: ['grids'], center: [bounds[0], center[1]], zoom: 14 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(host.urls.get('wall:left')!);
  const { even, odd } = rasterFixtureColours;
  await expect
    .poll(() => leastShare(page, { even, odd }, 'sum'), {
      timeout: 20_000,
    })
    .toBeGreaterThan(0.1);
  await expect.poll(() => tiles.filter((tile) => tile.status === 204).length).toBeGreaterThan(0);
  // Half the view is the map's own background: no tiles there, and no broken images either.
  expect((await colourShares(page, {})).uncovered).toBeGreaterThan(0.3);
  await page.screenshot({ path: 'test-results/screens/map-pmtiles-edge.png' });

  expect(tiles.every((tile) => tile.status === 200 || tile.status === 204)).toBe(true);
  for (const tile of tiles) {
    const [z, x] = new URL(tile.url).pathname.split('/').slice(3).map(Number) as [number, number];
    expect(x, `${tile.url} west of the file's area`).toBeGreaterThanOrEqual(tileRange(bounds, z).minX);
  }
  expect(errors.filter((text) => /basemaps|tile|Failed to load/i.test(text))).toEqual([]);
  expect(outside).toEqual([]);
  await context.close();
});

test('a vector (MVT) PMTiles base map draws land and water in the default style', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const { outside, tiles } = await watchRequests(context);
  await showMap({ layers: ['grids'], center, zoom: 14, baseMap: 'local-vector' });
  const page = await context.newPage();
  await page.goto(host.urls.get('wall:left')!);
  await expect
    .poll(() => leastShare(page, vectorColours), {
      timeout: 20_000,
    })
    .toBeGreaterThan(0.05);
  await page.screenshot({ path: 'test-results/screens/map-pmtiles-vector.png' });

  expect(tiles.length).toBeGreaterThan(4);
  // Tiles carry the core's access token: the wall windows' (the console has its own start ticket).
  const token = new URL(host.urls.get('wall:left')!).searchParams.get('token');
  expect(token).toMatch(/^[0-9a-f]{32}$/);
  for (const tile of tiles) {
    expect(new URL(tile.url).pathname).toMatch(/^\/basemaps\/local-vector\/\d+\/\d+\/\d+$/);
    expect([200, 204], tile.url).toContain(tile.status);
  }
  expect(outside, 'requests that left 127.0.0.1').toEqual([]);
  await context.close();
});
