// How the offline base map and the cameras are drawn on the dark wall: one shared Style object per kind or
// state (labels set per feature on the shared style, the OpenLayers idiom), never one object per feature.
import type { FeatureLike } from 'ol/Feature';
import { Circle as CircleStyle, Fill, Stroke, Style, Text } from 'ol/style';
import type { DistrictFeatureKind } from '@shared/model/workspace';

const labelFont = (size: number, weight = 600) =>
  `${weight} ${size}px "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif`;
const haloStroke = new Stroke({ color: 'rgba(4, 9, 16, 0.9)', width: 4 });

function label(size: number, colour: string, weight?: number): Text {
  return new Text({
    font: labelFont(size, weight),
    fill: new Fill({ color: colour }),
    stroke: haloStroke,
    overflow: true,
  });
}

/** Map units per pixel below which grid names are drawn (about zoom 14.5 and closer). */
export const gridLabelMaxResolution = 10;
/** Map units per pixel below which landmark names are drawn (about zoom 13 and closer). */
export const landmarkLabelMaxResolution = 20;

const districtStyles: Record<Exclude<DistrictFeatureKind, 'grid'>, Style> = {
  district: new Style({
    fill: new Fill({ color: 'rgba(22, 38, 58, 0.55)' }),
    stroke: new Stroke({ color: '#6f93bd', width: 3 }),
  }),
  street: new Style({
    stroke: new Stroke({ color: '#4d6a8a', width: 1.5 }),
    text: label(18, '#c7d5e6', 700),
  }),
  // The river's blue is a muted map blue, kept distinct from the warning blue.
  river: new Style({
    fill: new Fill({ color: 'rgba(38, 92, 140, 0.75)' }),
    stroke: new Stroke({ color: '#3b78ad', width: 4 }),
  }),
  road: new Style({ stroke: new Stroke({ color: '#56606e', width: 3 }) }),
  landmark: new Style({
    image: new CircleStyle({ radius: 5, fill: new Fill({ color: '#d7dee8' }), stroke: haloStroke }),
    text: label(15, '#d7dee8'),
  }),
};
// Street names sit at the polygon's interior point; landmark names beside their dot.
districtStyles.landmark.getText()?.setOffsetY(-16);

const gridStyle = new Style({
  stroke: new Stroke({ color: 'rgba(120, 150, 185, 0.55)', width: 1, lineDash: [6, 6] }),
  text: label(13, '#93a6bb', 400),
});
const gridStyleUnlabelled = new Style({ stroke: gridStyle.getStroke() ?? undefined });

/** Style of a district base-map feature (kind from its `kind` property). */
export function districtStyle(feature: FeatureLike, resolution: number): Style | undefined {
  const kind = feature.get('kind') as DistrictFeatureKind | undefined;
  if (kind === undefined || kind === 'grid') return undefined;
  const style = districtStyles[kind];
  const text = style.getText();
  if (text) {
    const isShown = kind !== 'landmark' || resolution <= landmarkLabelMaxResolution;
    text.setText(isShown ? String(feature.get('name') ?? '') : '');
  }
  return style;
}

/** Style of a city-ops grid: an outline, and its name when zoomed in enough to read it. */
export function gridFeatureStyle(feature: FeatureLike, resolution: number): Style {
  if (resolution > gridLabelMaxResolution) return gridStyleUnlabelled;
  gridStyle.getText()?.setText(String(feature.get('name') ?? ''));
  return gridStyle;
}

/** Camera dots: online green, offline grey (the warning colours stay for warnings). */
export const cameraStyles = {
  online: new Style({
    image: new CircleStyle({
      radius: 6,
      fill: new Fill({ color: '#2fd06f' }),
      stroke: new Stroke({ color: '#06120b', width: 2 }),
    }),
  }),
  offline: new Style({
    image: new CircleStyle({
      radius: 5,
      fill: new Fill({ color: '#7d8896' }),
      stroke: new Stroke({ color: '#10161d', width: 2 }),
    }),
  }),
} as const;

/** Style of a camera feature, by its `isOnline` property. */
export function cameraStyle(feature: FeatureLike): Style {
  return feature.get('isOnline') === false ? cameraStyles.offline : cameraStyles.online;
}
