// The district map frames the district (or the configured view) and releases its element on dispose.
import { afterEach, describe, expect, it } from 'vitest';
import { toLonLat } from 'ol/proj';
import gcoord from 'gcoord';
import type Point from 'ol/geom/Point';
import { distanceMetres } from '@shared/geo/distance';
import { createDistrictMap, districtLonLatExtent } from './create-district-map';
import { testCameras, testDistrict } from '../../../tests/support/renderer/map-fixtures';

let target: HTMLDivElement;

function mountTarget(): HTMLDivElement {
  target = document.createElement('div');
  Object.defineProperty(target, 'offsetWidth', { value: 800 });
  Object.defineProperty(target, 'offsetHeight', { value: 600 });
  document.body.append(target);
  return target;
}

afterEach(() => target?.remove());

describe('createDistrictMap', () => {
  it('computes the longitude/latitude extent of the district file', () => {
    expect(districtLonLatExtent(testDistrict)).toEqual([121.45, 31.2, 121.55, 31.26]);
  });

  it('adds only known layers, bottom to top, and counts camera features', () => {
    const handle = createDistrictMap(mountTarget(), {
      layers: ['district', 'grids', 'cameras', 'incidents', 'heatmap'],
    });
    handle.update({ district: testDistrict, cameras: testCameras });
    const zIndexes = handle.map
      .getLayers()
      .getArray()
      .map((layer) => layer.getZIndex());
    expect(zIndexes).toEqual([0, 1, 2, 3]);
    expect(handle.cameraCount()).toBe(3);
    handle.dispose();
  });

  it('fits the district when no centre is configured', () => {
    const handle = createDistrictMap(mountTarget(), { layers: ['district'] });
    handle.map.setSize([800, 600]);
    handle.update({ district: testDistrict, cameras: null });
    const [longitude, latitude] = toLonLat(handle.map.getView().getCenter()!);
    expect(longitude).toBeCloseTo(121.5, 2);
    expect(latitude).toBeCloseTo(31.23, 2);
    handle.dispose();
  });

  it('keeps a configured centre and zoom', () => {
    const handle = createDistrictMap(mountTarget(), {
      center: [121.49, 31.24],
      zoom: 15,
      layers: ['district'],
    });
    handle.map.setSize([800, 600]);
    handle.update({ district: testDistrict, cameras: null });
    const [longitude, latitude] = toLonLat(handle.map.getView().getCenter()!);
    expect(longitude).toBeCloseTo(121.49, 6);
    expect(latitude).toBeCloseTo(31.24, 6);
    expect(handle.map.getView().getZoom()).toBe(15);
    handle.dispose();
  });

  it('dispose detaches the map from its element and removes every layer', () => {
    const element = mountTarget();
    const handle = createDistrictMap(element, { layers: ['district', 'cameras'] });
    expect(element.querySelector('.ol-viewport')).not.toBeNull();
    handle.dispose();
    expect(handle.map.getTarget() ?? undefined).toBeUndefined();
    expect(handle.map.getLayers().getLength()).toBe(0);
    expect(element.querySelector('.ol-viewport')).toBeNull();
    handle.dispose();
  });

  it('places a WGS-84 camera on a GCJ-02 base map within 1 m of the reference conversion', () => {
    const bund: [number, number] = [121.4905, 31.2397];
    const handle = createDistrictMap(mountTarget(), {
      center: bund,
      zoom: 18,
      layers: ['cameras'],
      baseMap: {
        id: 'amap-style',
        type: 'xyz',
        name: { zh: '高德式底图', en: 'GCJ-02 tiles' },
        crs: 'gcj02',
        url: 'http://127.0.0.1:9/{z}/{x}/{y}.png',
        minZoom: 0,
        maxZoom: 18,
      },
    });
    handle.map.setSize([800, 600]);
    handle.update({
      district: null,
      cameras: { crs: 'wgs84', cameras: [{ ...testCameras.cameras[0]!, position: bund }] },
    });
    const feature = handle.map
      .getAllLayers()
      .flatMap((layer) =>
        layer.getZIndex() === 0
          ? ((layer.getSource() as { getFeatures?: () => [] }).getFeatures?.() ?? [])
          : [],
      )
      .at(0) as unknown as { getGeometry(): Point } | undefined;
    expect(feature).toBeDefined();
    const drawn = toLonLat(feature!.getGeometry().getCoordinates()) as [number, number];
    const reference = gcoord.transform<[number, number]>(bund, gcoord.WGS84, gcoord.GCJ02);
    expect(handle.crs).toBe('gcj02');
    expect(distanceMetres(drawn, reference)).toBeLessThan(1);
    // And not where the raw WGS-84 numbers would put it: the GCJ-02 offset is hundreds of metres here.
    expect(distanceMetres(drawn, bund)).toBeGreaterThan(300);
    handle.dispose();
  });
});
