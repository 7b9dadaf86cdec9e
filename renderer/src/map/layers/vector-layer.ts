// A plain vector layer for a few hundred features, rebuilt when its part of the data changes.
import type OlMap from 'ol/Map';
import type Feature from 'ol/Feature';
import type { Geometry } from 'ol/geom';
import VectorLayer from 'ol/layer/Vector';
import VectorImageLayer from 'ol/layer/VectorImage';
import VectorSource from 'ol/source/Vector';
import type { StyleLike } from 'ol/style/Style';
import type { AnyVectorLayer, MapData, MapLayerHandle, MapLayerOptions } from './map-layer';

/**
 * A vector layer fed by `toFeatures` from one part of the data, rebuilt only when that part's identity
 * changes (the composables hand out a new object per load). Static layers are drawn into an image once per
 * view and only moved while the view pans (VectorImageLayer).
 */
export function vectorLayer<Part>(
  map: OlMap,
  options: MapLayerOptions & { declutter?: boolean; style: StyleLike; isStatic?: boolean },
  select: (data: MapData) => Part | null | undefined,
  toFeatures: (part: Part, data: MapData) => Feature<Geometry>[],
  isSame: (data: MapData, previous: MapData | null) => boolean = (data, previous) =>
    previous !== null && select(data) === select(previous),
): MapLayerHandle {
  const source = new VectorSource();
  const layerOptions = {
    source,
    style: options.style,
    zIndex: options.zIndex,
    declutter: options.declutter ?? false,
  };
  const layer: AnyVectorLayer = options.isStatic
    ? new VectorImageLayer({ ...layerOptions, imageRatio: 1.5 })
    : // Rendered while the view animates too: a wall has no interaction to wait for.
      new VectorLayer({ ...layerOptions, updateWhileAnimating: true });
  map.addLayer(layer);
  let previous: MapData | null = null;
  return {
    layer,
    update(data) {
      if (isSame(data, previous)) return;
      previous = data;
      source.clear(true);
      const part = select(data);
      if (part !== null && part !== undefined) source.addFeatures(toFeatures(part, data));
    },
    featureCount: () => source.getFeatures().length,
    dispose() {
      map.removeLayer(layer);
      source.clear(true);
      source.dispose();
      layer.dispose();
    },
  };
}
