// Raster base maps: the right OpenLayers source per type, validated URL templates, escaped attributions.
import { describe, expect, it } from 'vitest';
import type TileWMS from 'ol/source/TileWMS';
import type WMTS from 'ol/source/WMTS';
import { baseMapSourceSchema } from '@shared/model/base-map';
import { createBaseMapLayer, createBaseMapSource } from './base-map';

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
});
