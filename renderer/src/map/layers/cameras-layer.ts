// The camera layer (`cameras`) and the camera filter a map widget sets.
import Feature from 'ol/Feature';
import Point from 'ol/geom/Point';
import type { Camera } from '@shared/model/camera';
import { cameraStyle } from '../map-styles';
import { levelOfDetailLayer } from './level-of-detail-layer';
import { projectPosition, type CameraFilter, type CameraSet, type MapLayerDefinition } from './map-layer';

/** Cameras passing a filter (tags: any of; areas: any of; online only). */
export function filterCameras(
  cameras: readonly Camera[],
  filter: CameraFilter | undefined,
): readonly Camera[] {
  if (!filter) return cameras;
  const tags = filter.tags && filter.tags.length > 0 ? new Set(filter.tags) : null;
  const streets = filter.streets && filter.streets.length > 0 ? new Set(filter.streets) : null;
  const grids = filter.grids && filter.grids.length > 0 ? new Set(filter.grids) : null;
  return cameras.filter(
    (camera) =>
      (!filter.isOnlineOnly || camera.isOnline) &&
      (!streets || streets.has(camera.street)) &&
      (!grids || grids.has(camera.grid)) &&
      (!tags || camera.tags.some((tag) => tags.has(tag))),
  );
}

/** Cameras: online/offline dots, thinned per screen cell, aggregated per grid when the view is too full. */
export const camerasLayer: MapLayerDefinition = {
  id: 'cameras',
  create: (map, options) => {
    let filtered: { from: CameraSet; cameras: readonly Camera[] } | null = null;
    return levelOfDetailLayer<Camera>(map, options, {
      select: (data) => {
        if (!data.cameras) return null;
        if (filtered?.from !== data.cameras)
          filtered = {
            from: data.cameras,
            cameras: filterCameras(data.cameras.cameras, options.cameraFilter),
          };
        return filtered.cameras;
      },
      isSame: (data, previous) => previous !== null && data.cameras === previous.cameras,
      project: (camera, data) => projectPosition(camera.position, data.cameras!.crs, options.crs),
      rank: (camera) => (camera.isOnline ? 1 : 0),
      area: (camera) => camera.grid,
      single: (camera, count, coordinate) => {
        const feature = new Feature({
          geometry: new Point([coordinate[0], coordinate[1]]),
          kind: 'camera',
          name: camera.name,
          isOnline: camera.isOnline,
          count,
        });
        feature.setId(camera.id);
        return feature;
      },
      group: (aggregate, top) =>
        new Feature({
          geometry: new Point([aggregate.x, aggregate.y]),
          kind: 'camera-group',
          area: aggregate.key,
          count: aggregate.count,
          isOnline: top.isOnline,
        }),
      style: cameraStyle,
      symbolPixels: 14,
      budget: 1_500,
    });
  },
};
