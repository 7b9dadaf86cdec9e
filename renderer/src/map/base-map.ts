// Raster base maps from the workspace's catalogue: XYZ, WMTS (Tianditu) and WMS (GeoServer). The district's vector base map is the `district` layer and needs no tiles.
import TileLayer from 'ol/layer/Tile';
import type TileSource from 'ol/source/Tile';
import TileWMS from 'ol/source/TileWMS';
import WMTS from 'ol/source/WMTS';
import XYZ from 'ol/source/XYZ';
import WMTSTileGrid from 'ol/tilegrid/WMTS';
import { getTopLeft, getWidth } from 'ol/extent';
import { get as getProjection } from 'ol/proj';
import type { BaseMapSource } from '@shared/model/base-map';
import { escapeHtml } from './escape-html';

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

/** The OpenLayers tile source of a raster base map; null for the vector `district` base map. */
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
  }
}

/** A tile layer for a raster base map (or null), drawn under every other layer. */
export function createBaseMapLayer(source: BaseMapSource): TileLayer<TileSource> | null {
  const tiles = createBaseMapSource(source);
  if (!tiles) return null;
  return new TileLayer({ source: tiles, zIndex: -1, minZoom: source.minZoom, preload: 1 });
}
