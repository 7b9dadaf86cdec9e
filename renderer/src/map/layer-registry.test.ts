// Map layers turn window data into features with shared styles, and leave nothing behind when disposed.
import { describe, expect, it } from 'vitest';
import OlMap from 'ol/Map';
import View from 'ol/View';
import { fromLonLat } from 'ol/proj';
import type Feature from 'ol/Feature';
import { filterCameras, isMapLayerId, mapLayers } from './layer-registry';
import type { Sensor } from '@shared/model/sensor';
import {
  cameraStyles,
  gridFeatureStyle,
  gridLabelMaxResolution,
  riskStyle,
  sensorLooks,
  sensorStyle,
} from './map-styles';
import { riskClasses } from './risk-ramp';
import { testCameras, testDistrict } from '../../../tests/support/renderer/map-fixtures';

const kindsOf = (features: Feature[]) => features.map((feature) => feature.get('kind') as string);

describe('map layers', () => {
  it('draws the base map from the district file, without grids, in drawing order', () => {
    const map = new OlMap({});
    const district = mapLayers.district.create(map, { zIndex: 0 });
    district.update({ district: testDistrict, cameras: null });
    expect(kindsOf(district.layer.getSource()!.getFeatures()).sort()).toEqual(
      ['district', 'landmark', 'river', 'road', 'street'].sort(),
    );
    expect(map.getLayers().getArray()).toContain(district.layer);
    district.dispose();
    expect(map.getLayers().getLength()).toBe(0);
    expect(district.featureCount()).toBe(0);
  });

  it('draws grids with names only when zoomed in', () => {
    const map = new OlMap({});
    const grids = mapLayers.grids.create(map, { zIndex: 1 });
    grids.update({ district: testDistrict, cameras: null });
    const feature = grids.layer.getSource()!.getFeatures()[0]!;
    expect(grids.featureCount()).toBe(2);
    expect(gridFeatureStyle(feature, gridLabelMaxResolution * 4).getText()).toBeNull();
    expect(
      gridFeatureStyle(feature, gridLabelMaxResolution / 2)
        .getText()
        ?.getText(),
    ).toMatch(/网格/);
    grids.dispose();
  });

  it('shades grids with a risk value by their class of the ramp, one shared style per class', () => {
    const map = new OlMap({});
    const risk = mapLayers.risk.create(map, { zIndex: 1 });
    risk.update({ district: testDistrict, cameras: null, risk: new Map([['grid-1', 87]]) });
    const features = risk.layer.getSource()!.getFeatures();
    const shaded = features.filter((feature) => feature.get('riskClass') !== undefined);
    expect(shaded.map((feature) => feature.get('id'))).toEqual(['grid-1']);
    expect(shaded[0]!.get('riskClass')).toBe(riskClasses.length - 1);
    const unshaded = features.find((feature) => feature.get('id') === 'grid-2')!;
    expect(riskStyle(unshaded)).toBeUndefined();
    expect(riskStyle(shaded[0]!)?.getFill()?.getColor()).toBe(riskClasses.at(-1)!.fill);
    const again = mapLayers.risk.create(map, { zIndex: 2 });
    again.update({ district: testDistrict, cameras: null, risk: new Map([['grid-2', 95]]) });
    expect(
      riskStyle(
        again.layer
          .getSource()!
          .getFeatures()
          .find((f) => f.get('id') === 'grid-2')!,
      ),
    ).toBe(riskStyle(shaded[0]!));
    risk.dispose();
    again.dispose();
  });

  it('draws sensors with one shared style per kind and state, alarmed ones larger and on top', () => {
    const map = new OlMap({});
    const layer = mapLayers.sensors.create(map, { zIndex: 3 });
    const sensor = (id: string, kind: Sensor['kind'], state: Sensor['state']): Sensor => ({
      id,
      kind,
      name: `<b>${id}</b>`,
      position: [121.47, 31.22],
      street: 'street-1',
      grid: 'grid-1',
      state,
      reading: '水位 3 cm',
      updatedAt: 0,
    });
    layer.update({
      district: null,
      cameras: null,
      sensors: [
        sensor('s1', 'water-level', 'normal'),
        sensor('s2', 'water-level', 'normal'),
        sensor('s3', 'water-level', 'alarm'),
        sensor('s4', 'elevator', 'normal'),
      ],
    });
    expect(layer.featureCount()).toBe(4);
    const source = layer.layer.getSource()!;
    const styleOf = (id: string) => sensorStyle(source.getFeatureById(id)!);
    expect(styleOf('s1')).toBe(styleOf('s2'));
    expect(styleOf('s3')).not.toBe(styleOf('s1'));
    expect(styleOf('s4')).not.toBe(styleOf('s1'));
    expect(styleOf('s3').getZIndex()).toBeGreaterThan(styleOf('s1').getZIndex()!);
    expect(styleOf('s4').getText()?.getText()).toBe(sensorLooks.elevator.glyph);
    expect(source.getFeatureById('s1')!.get('name')).toBe('<b>s1</b>');
    layer.dispose();
    expect(map.getLayers().getLength()).toBe(0);
  });

  it('draws one point per camera with one shared style object per state when zoomed in', () => {
    const map = new OlMap({ view: new View({ center: fromLonLat([121.475, 31.225]), zoom: 15 }) });
    map.setSize([800, 600]);
    const cameras = mapLayers.cameras.create(map, { zIndex: 2 });
    cameras.update({ district: null, cameras: testCameras });
    expect(cameras.featureCount()).toBe(3);
    const features = cameras.layer.getSource()!.getFeatures();
    expect(features).toHaveLength(3);
    const style = cameras.layer.getStyleFunction()!;
    const styles = features.map((feature) => style(feature, 1));
    expect(styles.filter((entry) => entry === cameraStyles.online)).toHaveLength(2);
    expect(styles.filter((entry) => entry === cameraStyles.offline)).toHaveLength(1);
    expect(cameras.layer.getSource()!.getFeatureById('cam-0003')?.get('isOnline')).toBe(false);
    cameras.dispose();
  });

  it('makes features only for cameras in and around the view, and more as the view moves', () => {
    const map = new OlMap({ view: new View({ center: fromLonLat([121.46, 31.21]), zoom: 17 }) });
    map.setSize([800, 600]);
    const cameras = mapLayers.cameras.create(map, { zIndex: 0 });
    cameras.update({ district: null, cameras: testCameras });
    const ids = () =>
      cameras.layer
        .getSource()!
        .getFeatures()
        .map((feature) => feature.getId());
    expect(ids()).toEqual(['cam-0001']);
    map.getView().setCenter(fromLonLat([121.48, 31.21]));
    expect(ids()).toEqual(['cam-0002']);
    cameras.dispose();
  });

  it('thins cameras to one per screen cell when zoomed out, online first, counting what is hidden', () => {
    const map = new OlMap({ view: new View({ center: fromLonLat([121.47, 31.22]), zoom: 5 }) });
    map.setSize([800, 600]);
    const cameras = mapLayers.cameras.create(map, { zIndex: 0 });
    cameras.update({ district: null, cameras: testCameras });
    const features = cameras.layer.getSource()!.getFeatures();
    expect(features).toHaveLength(1);
    expect(features[0]!.get('isOnline')).toBe(true);
    expect(features[0]!.get('count')).toBe(3);
    cameras.dispose();
  });

  it('filters cameras by tag, area and state', () => {
    const tagged = testCameras.cameras.map((camera, index) => ({
      ...camera,
      tags: index === 0 ? ['防汛'] : [],
    }));
    expect(filterCameras(tagged, { tags: ['防汛'] }).map((camera) => camera.id)).toEqual(['cam-0001']);
    expect(filterCameras(tagged, { isOnlineOnly: true })).toHaveLength(2);
    expect(filterCameras(tagged, { grids: ['grid-9'] })).toHaveLength(0);
    expect(filterCameras(tagged, undefined)).toBe(tagged);
  });

  it('rebuilds only when its data changes', () => {
    const map = new OlMap({});
    const cameras = mapLayers.cameras.create(map, { zIndex: 0 });
    cameras.update({ district: null, cameras: testCameras });
    const first = cameras.layer.getSource()!.getFeatures()[0];
    cameras.update({ district: testDistrict, cameras: testCameras });
    expect(cameras.layer.getSource()!.getFeatures()[0]).toBe(first);
    cameras.update({ district: null, cameras: { ...testCameras, cameras: testCameras.cameras.slice(0, 1) } });
    expect(cameras.featureCount()).toBe(1);
    cameras.dispose();
  });

  it('knows every layer the widget options allow, and nothing else', () => {
    expect(
      ['district', 'grids', 'risk', 'cameras', 'incidents', 'units', 'sensors'].every(isMapLayerId),
    ).toBe(true);
    expect(isMapLayerId('heatmap')).toBe(false);
  });
});
