// The district map frames the district (or the configured view) and releases its element on dispose.
import { afterEach, describe, expect, it } from 'vitest';
import { toLonLat } from 'ol/proj';
import { createDistrictMap, districtLonLatExtent } from './create-district-map';
import { testCameras, testDistrict } from './map-fixtures';

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
      layers: ['district', 'grids', 'cameras', 'incidents'],
    });
    handle.update({ district: testDistrict, cameras: testCameras });
    const zIndexes = handle.map
      .getLayers()
      .getArray()
      .map((layer) => layer.getZIndex());
    expect(zIndexes).toEqual([0, 1, 2]);
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
});
