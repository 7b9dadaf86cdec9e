// Tile base maps from the workspace's catalogue: XYZ, WMTS (Tianditu), WMS (GeoServer) and local PMTiles files the
// core serves (raster through XYZ, vector through VectorTile + MVT). The district's vector base map is the
// `district` layer and needs no tiles.
import MVT from 'ol/format/MVT';
import TileLayer from 'ol/layer/Tile';
import VectorTileLayer from 'ol/layer/VectorTile';
import type TileSource from 'ol/source/Tile';
import TileWMS from 'ol/source/TileWMS';
import VectorTileSource from 'ol/source/VectorTile';
import WMTS from 'ol/source/WMTS';
import XYZ from 'ol/source/XYZ';
import WMTSTileGrid from 'ol/tilegrid/WMTS';
import { getTopLeft, getWidth, type Extent } from 'ol/extent';
import { get as getProjection, transformExtent } from 'ol/proj';
import type { BaseMapSource, PmtilesTiles } from '@shared/model/base-map';
import { escapeHtml } from '@shared/base/escape-html';
import { vectorBaseMapStyle } from './vector-tile-style';

type PmtilesBaseMap = Extract<BaseMapSource, { type: 'pmtiles' }>;

/** Web Mercator tile grid of a WMTS matrix set with matrices named 0…maxZoom (Tianditu `w`, GoogleMapsCompatible). */
function webMercatorWmtsGrid(maxZoom: number): WMTSTileGrid {
  const extent = getProjection('EPSG:3857')!.getExtent();
  const size = getWidth(extent) / 256;
  const resolutions: number[] = [];
  const matrixIds: string[] = [];
  for (let zoom = 0; zoom <= maxZoom; zoom++) {
    resolutions.push(size / 2 ** zoom);
    matrixIds.push(String(zoom));
  }
  return new WMTSTileGrid({ origin: getTopLeft(extent), resolutions, matrixIds });
}

/** Attribution text as OpenLayers wants it: HTML, so the workspace's plain text is escaped first. */
function attributions(source: BaseMapSource): string | undefined {
  return source.attribution ? escapeHtml(source.attribution) : undefined;
}

/**
 * The tile source of a PMTiles base map: the core's `/basemaps/<id>/{z}/{x}/{y}` URL (same origin, with its token).
 * The source stops at the file's deepest level, so OpenLayers enlarges those tiles when the view zooms further.
 * Missing tiles come back as 204 No Content: the image fails quietly, and nothing (or a coarser tile) is drawn.
 */
function pmtilesSource(source: PmtilesBaseMap, tiles: PmtilesTiles): TileSource {
  const attributionText = attributions(source);
  if (tiles.format === 'mvt')
    return new VectorTileSource({
      ...(attributionText ? { attributions: attributionText } : {}),
      format: new MVT(),
      url: tiles.url,
      minZoom: tiles.minZoom,
      maxZoom: tiles.maxZoom,
    });
  return new XYZ({
    ...(attributionText ? { attributions: attributionText } : {}),
    url: tiles.url,
    minZoom: tiles.minZoom,
    maxZoom: tiles.maxZoom,
    tileSize: source.tileSize,
  });
}

/** Web Mercator extent of a file's bounds (latitudes clipped to Web Mercator's), or undefined across ±180°. */
function pmtilesExtent(tiles: PmtilesTiles): Extent | undefined {
  const [west, south, east, north] = tiles.bounds;
  if (west >= east || south >= north) return undefined;
  const limit = 85.0511287798;
  return transformExtent(
    [west, Math.max(south, -limit), east, Math.min(north, limit)],
    'EPSG:4326',
    'EPSG:3857',
  );
}

/** The OpenLayers tile source of a tile base map; null for the vector `district` base map. */
export function createBaseMapSource(source: BaseMapSource): TileSource | null {
  const common = {
    attributions: attributions(source),
    crossOrigin: 'anonymous' as const,
    maxZoom: source.maxZoom,
  };
  switch (source.type) {
    case 'district':
      return null;
    case 'xyz':
      return new XYZ({ ...common, url: source.url });
    case 'wmts':
      return new WMTS({
        attributions: common.attributions,
        crossOrigin: common.crossOrigin,
        url: source.url,
        layer: source.layer,
        matrixSet: source.matrixSet,
        format: source.format,
        style: source.style,
        requestEncoding: 'KVP',
        projection: 'EPSG:3857',
        tileGrid: webMercatorWmtsGrid(source.maxZoom),
        wrapX: true,
      });
    case 'wms':
      return new TileWMS({
        attributions: common.attributions,
        crossOrigin: common.crossOrigin,
        url: source.url,
        params: { LAYERS: source.layers, VERSION: source.version, FORMAT: source.format, TILED: true },
        projection: 'EPSG:3857',
      });
    case 'pmtiles':
      // Without `tiles` the core did not check the file (never the case for a catalogue from the core).
      return source.tiles ? pmtilesSource(source, source.tiles) : null;
  }
}

/** A tile layer for a tile base map (or null), drawn under every other layer. */
export function createBaseMapLayer(source: BaseMapSource): TileLayer<TileSource> | VectorTileLayer | null {
  const tiles = createBaseMapSource(source);
  if (!tiles) return null;
  if (source.type !== 'pmtiles' || !source.tiles)
    return new TileLayer({ source: tiles, zIndex: -1, minZoom: source.minZoom, preload: 1 });
  const extent = pmtilesExtent(source.tiles);
  // Below the file's first level the layer hides rather than asking for thousands of tiles of that level.
  const minZoom = Math.max(source.minZoom, source.tiles.minZoom - 1);
  if (tiles instanceof VectorTileSource)
    return new VectorTileLayer({
      source: tiles,
      style: vectorBaseMapStyle,
      zIndex: -1,
      minZoom,
      ...(extent ? { extent } : {}),
      renderMode: 'hybrid',
      declutter: false,
    });
  return new TileLayer({ source: tiles, zIndex: -1, minZoom, preload: 1, ...(extent ? { extent } : {}) });
}
