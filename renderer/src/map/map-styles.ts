// How the offline base map, cameras, incidents, risk and moving units are drawn on the dark wall: one shared Style object per kind or
// state (labels set per feature on the shared style, the OpenLayers idiom), never one object per feature.
import type { FeatureLike } from 'ol/Feature';
import { Circle as CircleStyle, Fill, RegularShape, Stroke, Style, Text } from 'ol/style';
import type { IncidentSeverity } from '@shared/model/incident';
import type { SensorKind } from '@shared/model/sensor';
import type { DistrictFeatureKind } from '@shared/model/workspace';
import { riskClasses } from './risk-ramp';

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

/** The national warning colours (as in ui/theme.css): incident severity, nothing else. */
export const severityColours: Record<IncidentSeverity, string> = {
  blue: '#1e6fff',
  yellow: '#ffd200',
  orange: '#ff8c00',
  red: '#e60000',
};
/** Severity order for level of detail: a red incident wins its screen cell over a blue one. */
export const severityRank: Record<IncidentSeverity, number> = { blue: 1, yellow: 2, orange: 3, red: 4 };

const darkOutline = new Stroke({ color: '#04070c', width: 2 });
const countLabel = () =>
  new Text({
    font: labelFont(14, 700),
    fill: new Fill({ color: '#ffffff' }),
    stroke: new Stroke({ color: 'rgba(4, 9, 16, 0.85)', width: 3 }),
  });

/** Several cameras share one screen cell: the dot with a ring says "zoom in for more". */
const cameraStacked = {
  online: new Style({
    image: new CircleStyle({
      radius: 7,
      fill: new Fill({ color: '#2fd06f' }),
      stroke: new Stroke({ color: 'rgba(47, 208, 111, 0.45)', width: 5 }),
    }),
  }),
  offline: new Style({
    image: new CircleStyle({
      radius: 6,
      fill: new Fill({ color: '#7d8896' }),
      stroke: new Stroke({ color: 'rgba(125, 136, 150, 0.45)', width: 4 }),
    }),
  }),
};

/** Camera aggregates per grid at low zoom: a teal disc sized by count with the count on it. */
const cameraGroupStyles = [14, 18, 23].map(
  (radius) =>
    new Style({
      image: new CircleStyle({
        radius,
        fill: new Fill({ color: 'rgba(20, 120, 110, 0.85)' }),
        stroke: new Stroke({ color: '#2fd06f', width: 2 }),
      }),
      text: countLabel(),
    }),
);

/** Style of a camera on the level-of-detail layer (a single camera, a stacked cell, or a grid aggregate). */
export function cameraStyle(feature: FeatureLike): Style {
  const isOnline = feature.get('isOnline') !== false;
  const count = (feature.get('count') as number | undefined) ?? 1;
  if (feature.get('kind') === 'camera-group') {
    const style = cameraGroupStyles[count < 100 ? 0 : count < 1_000 ? 1 : 2]!;
    style.getText()!.setText(String(count));
    return style;
  }
  if (count > 1) return isOnline ? cameraStacked.online : cameraStacked.offline;
  return isOnline ? cameraStyles.online : cameraStyles.offline;
}

/** Incidents are diamonds (cameras are dots), filled with the severity colour; acknowledged ones are hollow. */
function incidentDiamond(severity: IncidentSeverity, isNew: boolean, radius: number): Style {
  return new Style({
    image: new RegularShape({
      points: 4,
      radius,
      angle: 0,
      fill: new Fill({ color: isNew ? severityColours[severity] : 'rgba(8, 14, 24, 0.9)' }),
      stroke: isNew ? darkOutline : new Stroke({ color: severityColours[severity], width: 3 }),
    }),
  });
}
const incidentRadius: Record<IncidentSeverity, number> = { blue: 10, yellow: 11, orange: 12, red: 14 };
const incidentStyles = new Map<string, Style>();
for (const severity of Object.keys(severityColours) as IncidentSeverity[]) {
  for (const isNew of [true, false]) {
    incidentStyles.set(`${severity}:${isNew}`, incidentDiamond(severity, isNew, incidentRadius[severity]));
    const group = incidentDiamond(severity, true, incidentRadius[severity] + 6);
    group.setText(countLabel());
    // Yellow needs dark digits to stay readable.
    if (severity === 'yellow') group.getText()!.getFill()!.setColor('#10151d');
    incidentStyles.set(`group:${severity}`, group);
  }
}

/** Style of an incident (by severity and status) or of an incident aggregate (by its worst severity). */
export function incidentStyle(feature: FeatureLike): Style {
  const severity = (feature.get('severity') as IncidentSeverity | undefined) ?? 'blue';
  if (feature.get('kind') === 'incident-group') {
    const style = incidentStyles.get(`group:${severity}`)!;
    style.getText()!.setText(String(feature.get('count') ?? ''));
    return style;
  }
  return incidentStyles.get(`${severity}:${feature.get('status') === 'new'}`)!;
}

/** Risk shading: one shared style per class of the sequential risk ramp (not the warning colours), under the labels. */
const riskStyles = riskClasses.map(
  (entry) =>
    new Style({
      fill: new Fill({ color: entry.fill }),
      stroke: new Stroke({ color: entry.colour, width: 1 }),
    }),
);

/** Style of a grid on the risk layer by its `riskClass`; grids without a risk value are not shaded. */
export function riskStyle(feature: FeatureLike): Style | undefined {
  const riskClass = feature.get('riskClass') as number | undefined;
  return riskClass === undefined ? undefined : riskStyles[riskClass];
}

/** Moving units: drones as triangles, body cameras (单兵) as squares, in the accent cyan with a track line. */
const unitColour = '#34d6e8';
const unitStyles = {
  drone: new Style({
    image: new RegularShape({
      points: 3,
      radius: 11,
      fill: new Fill({ color: unitColour }),
      stroke: darkOutline,
    }),
    text: label(15, '#e6fbff'),
  }),
  body: new Style({
    image: new RegularShape({
      points: 4,
      radius: 9,
      angle: Math.PI / 4,
      fill: new Fill({ color: unitColour }),
      stroke: darkOutline,
    }),
    text: label(15, '#e6fbff'),
  }),
  track: new Style({ stroke: new Stroke({ color: 'rgba(52, 214, 232, 0.55)', width: 3, lineDash: [4, 6] }) }),
};
unitStyles.drone.getText()!.setOffsetY(-20);
unitStyles.body.getText()!.setOffsetY(-20);

/** Style of a moving unit's marker (by `unitKind`) or its track. */
export function unitStyle(feature: FeatureLike): Style {
  if (feature.get('kind') === 'unit-track') return unitStyles.track;
  const style = feature.get('unitKind') === 'drone' ? unitStyles.drone : unitStyles.body;
  style.getText()!.setText(String(feature.get('name') ?? ''));
  return style;
}

/** IoT sensor kinds: a glyph and an outline colour each (none of them a warning colour). */
export const sensorLooks: Record<SensorKind, { readonly glyph: string; readonly colour: string }> = {
  'water-level': { glyph: '涝', colour: '#5ec8d8' },
  'charging-smoke': { glyph: '烟', colour: '#c0a7ff' },
  elevator: { glyph: '梯', colour: '#9fd86b' },
  'water-meter': { glyph: '表', colour: '#d7c9a8' },
  'water-quality': { glyph: '质', colour: '#6fd6b0' },
};

/** Shared sensor styles by kind and state, made on first use: never one object per feature. */
const sensorStyles = new Map<string, Style>();

/** Style of an IoT sensor: a glyph disc outlined in its kind's colour; in alarm white, larger and drawn on top. */
export function sensorStyle(feature: FeatureLike): Style {
  const kind = feature.get('sensorKind') as SensorKind;
  const isAlarm = feature.get('state') === 'alarm';
  const key = `${kind}:${isAlarm}`;
  let style = sensorStyles.get(key);
  if (!style) {
    const look = sensorLooks[kind] ?? sensorLooks['water-level'];
    style = new Style({
      image: new CircleStyle({
        radius: isAlarm ? 14 : 10,
        fill: new Fill({ color: isAlarm ? '#ffffff' : 'rgba(9, 18, 30, 0.92)' }),
        stroke: new Stroke({ color: look.colour, width: isAlarm ? 4 : 2 }),
      }),
      text: new Text({
        text: look.glyph,
        font: labelFont(isAlarm ? 15 : 12, 700),
        fill: new Fill({ color: isAlarm ? '#0b1622' : look.colour }),
      }),
      zIndex: isAlarm ? 1 : 0,
    });
    sensorStyles.set(key, style);
  }
  return style;
}
