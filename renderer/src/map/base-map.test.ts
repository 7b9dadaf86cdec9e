// Raster base maps: the right OpenLayers source per type, validated URL templates, escaped attributions.
import { describe, expect, it } from 'vitest';
import Feature from 'ol/Feature';
import { LineString, Point, Polygon } from 'ol/geom';
import TileLayer from 'ol/layer/Tile';
import VectorTileLayer from 'ol/layer/VectorTile';
import type TileWMS from 'ol/source/TileWMS';
import VectorTileSource from 'ol/source/VectorTile';
import type WMTS from 'ol/source/WMTS';
import XYZ from 'ol/source/XYZ';
import { transformExtent } from 'ol/proj';
import { baseMapSourceSchema } from '@shared/model/base-map';
import { createBaseMapLayer, createBaseMapSource } from './base-map';
import { vectorBaseMapKind, vectorBaseMapStyle } from './vector-tile-style';

const parse = (input: unknown) => baseMapSourceSchema.parse(input);
const name = { zh: '底图', en: 'Base map' };

describe('base maps', () => {
  it('has no tiles for the district vector base map', () => {
    expect(createBaseMapLayer(parse({ id: 'district', type: 'district', name, crs: 'wgs84' }))).toBeNull();
  });

  it('asks a Tianditu-style WMTS for the tile at the right matrix, row and column', () => {
    const source = createBaseMapSource(
      parse({
        id: 'tianditu',
        type: 'wmts',
        name,
        crs: 'cgcs2000',
        url: 'https://t0.tianditu.gov.cn/vec_w/wmts?tk=KEY',
        layer: 'vec',
        matrixSet: 'w',
      }),
    ) as WMTS;
    const url = source.getTileUrlFunction()([3, 6, 2], 1, source.getProjection()!)!;
    const query = new URL(url).searchParams;
    // KVP parameter names are case-insensitive (OGC 07-057r7 §8.1.1).
    const parameters = Object.fromEntries([...query].map(([key, value]) => [key.toLowerCase(), value]));
    expect(parameters).toMatchObject({
      tk: 'KEY',
      layer: 'vec',
      tilematrixset: 'w',
      tilematrix: '3',
      tilecol: '6',
      tilerow: '2',
      format: 'tiles',
    });
  });

  it('builds GeoServer WMS GetMap requests for the layers', () => {
    const source = createBaseMapSource(
      parse({
        id: 'gs',
        type: 'wms',
        name,
        crs: 'wgs84',
        url: 'http://10.1.2.3:8080/geoserver/wms',
        layers: 'city:base',
      }),
    ) as TileWMS;
    expect(source.getParams()).toMatchObject({ LAYERS: 'city:base', TILED: true });
  });

  it('escapes attribution text before OpenLayers puts it into the page as HTML', () => {
    const source = createBaseMapSource(
      parse({
        id: 'xyz',
        type: 'xyz',
        name,
        crs: 'gcj02',
        url: 'http://tiles.local/{z}/{x}/{y}.png',
        attribution: '<img src=x onerror=alert(1)> 测绘院',
      }),
    )!;
    const text = source.getAttributions()!({} as never);
    expect(text).toEqual(['&lt;img src=x onerror=alert(1)&gt; 测绘院']);
  });

  it('rejects URLs that are not http(s) templates or that could break out of an attribute', () => {
    const bad = [
      { id: 'a', type: 'xyz', name, crs: 'wgs84', url: 'javascript:alert(1)//{z}{x}{y}' },
      { id: 'b', type: 'xyz', name, crs: 'wgs84', url: 'https://tiles.local/{z}/{x}.png' },
      { id: 'c', type: 'xyz', name, crs: 'wgs84', url: 'https://tiles.local/{z}/{x}/{y}.png"><script>' },
      { id: 'e', type: 'xyz', name, crs: 'bd09', url: 'https://tiles.local/{z}/{x}/{y}.png' },
    ];
    for (const input of bad) expect(baseMapSourceSchema.safeParse(input).success, input.id).toBe(false);
  });

  describe('PMTiles base maps (served by the core)', () => {
    const bounds = [121.449, 31.195, 121.543, 31.265] as [number, number, number, number];
    const pmtiles = (format: string, extra: Record<string, unknown> = {}) =>
      parse({
        id: 'local',
        type: 'pmtiles',
        name,
        crs: 'gcj02',
        file: 'maps/district.pmtiles',
        minZoom: 3,
        tiles: { url: '/basemaps/local/{z}/{x}/{y}?token=abc', format, minZoom: 10, maxZoom: 15, bounds },
        ...extra,
      });

    it('draws raster files as XYZ tiles from the core, enlarging the deepest level beyond it', () => {
      const source = createBaseMapSource(pmtiles('png')) as XYZ;
      expect(source).toBeInstanceOf(XYZ);
      const url = source.getTileUrlFunction()([14, 13712, 6693], 1, source.getProjection()!);
      expect(url).toBe('/basemaps/local/14/13712/6693?token=abc');
      expect(source.getTileGrid()!.getMaxZoom()).toBe(15);
      expect(source.getTileGrid()!.getMinZoom()).toBe(10);
    });

    it("limits the raster layer to the file's area and hides it well above its first level", () => {
      const layer = createBaseMapLayer(pmtiles('webp', { tileSize: 512 }))!;
      expect(layer).toBeInstanceOf(TileLayer);
      expect(layer.getExtent()).toEqual(transformExtent(bounds, 'EPSG:4326', 'EPSG:3857'));
      expect(layer.getMinZoom()).toBe(9);
      expect(layer.getZIndex()).toBe(-1);
      expect((layer.getSource() as XYZ).getTileGrid()!.getTileSize(12)).toBe(512);
    });

    it('draws vector (MVT) files as vector tiles in the default style', () => {
      const layer = createBaseMapLayer(pmtiles('mvt'))!;
      expect(layer).toBeInstanceOf(VectorTileLayer);
      const source = layer.getSource() as VectorTileSource;
      expect(source).toBeInstanceOf(VectorTileSource);
      expect(source.getTileUrlFunction()([13, 6856, 3346], 1, source.getProjection()!)).toBe(
        '/basemaps/local/13/6856/3346?token=abc',
      );
      expect((layer as VectorTileLayer).getStyleFunction()).toBe(vectorBaseMapStyle);
    });

    it('has no layer for an entry the core has not filled in, and escapes the attribution', () => {
      const unchecked = parse({ id: 'x', type: 'pmtiles', name, crs: 'wgs84', file: 'x.pmtiles' });
      expect(createBaseMapLayer(unchecked)).toBeNull();
      const source = createBaseMapSource(pmtiles('png', { attribution: '<b>区测绘院</b>' }))!;
      expect(source.getAttributions()!({} as never)).toEqual(['&lt;b&gt;区测绘院&lt;/b&gt;']);
    });

    it("refuses a catalogue entry whose tile URL is not the core's own", () => {
      const bad = {
        url: 'https://elsewhere.example/{z}/{x}/{y}',
        format: 'png',
        minZoom: 0,
        maxZoom: 1,
        bounds,
      };
      expect(
        baseMapSourceSchema.safeParse({
          id: 'x',
          type: 'pmtiles',
          name,
          crs: 'wgs84',
          file: 'x.pmtiles',
          tiles: bad,
        }).success,
      ).toBe(false);
    });
  });

  describe('the default vector base-map style', () => {
    const feature = (layer: string, geometry: Polygon | LineString | Point, properties = {}) =>
      new Feature({ geometry, layer, ...properties });
    const area = new Polygon([
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ]);
    const line = new LineString([
      [0, 0],
      [1, 1],
    ]);

    it('understands the Protomaps, OpenMapTiles and Shortbread layer names', () => {
      const cases: Array<[Feature, string | null]> = [
        [feature('earth', area), 'land'],
        [feature('landuse', area), 'landuse'],
        [feature('water', area), 'water'],
        [feature('ocean', area), 'water'],
        [feature('water', line), 'waterway'],
        [feature('waterway', line), 'waterway'],
        [feature('roads', line, { kind: 'major_road' }), 'majorRoad'],
        [feature('roads', line, { kind: 'minor_road' }), 'minorRoad'],
        [feature('transportation', line, { class: 'motorway' }), 'majorRoad'],
        [feature('transportation', line, { class: 'service' }), 'minorRoad'],
        [feature('streets', line, { kind: 'footway' }), 'path'],
        [feature('buildings', area), 'building'],
        [feature('building', area), 'building'],
        [feature('boundaries', line), 'boundary'],
      ];
      for (const [input, kind] of cases)
        expect(
          vectorBaseMapKind(input),
          `${input.get('layer')} ${input.get('kind') ?? input.get('class') ?? ''}`,
        ).toBe(kind);
    });

    it('leaves out labels, POIs and geometry that does not fit the layer', () => {
      for (const input of [
        feature('places', new Point([0, 0])),
        feature('pois', new Point([0, 0])),
        feature('transportation_name', line),
        feature('buildings', new Point([0, 0])),
        feature('roads', area),
      ]) {
        expect(vectorBaseMapKind(input)).toBeNull();
        expect(vectorBaseMapStyle(input)).toBeUndefined();
      }
    });

    it('shares one style object per kind', () => {
      expect(vectorBaseMapStyle(feature('water', area))).toBe(vectorBaseMapStyle(feature('ocean', area)));
    });
  });
});
