// The map bench page (tests/bench/pages/map.html, used only by `npm run bench:map`): draws 26,000 cameras, 10,000
// incidents and 85 grids with Tianmu's layers and with a naive canvas layer (one style object per feature),
// pans and zooms each for 5 s, and publishes first-render and frame times on `window.__mapBench`.
import OlMap from 'ol/Map';
import View from 'ol/View';
import Feature from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import Point from 'ol/geom/Point';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import { fromLonLat } from 'ol/proj';
import { Circle as CircleStyle, Fill, Stroke, Style } from 'ol/style';
import { createDistrictMap } from '../../../renderer/src/map/create-district-map';
import { severityColours } from '../../../renderer/src/map/map-styles';
import { benchCentre, syntheticDistrict } from './synthetic-district';

interface Measurement {
  firstRenderMs: number;
  frames: number;
  p50FrameMs: number;
  p95FrameMs: number;
  framesPerSecond: number;
}

declare global {
  interface Window {
    __mapBench?: { tianmu: Measurement; naive: Measurement } | { error: string };
  }
}

const element = document.getElementById('map')!;
const data = syntheticDistrict();
const durationMs = 5_000;

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}

function waitForRender(map: OlMap): Promise<void> {
  return new Promise((resolve) => map.once('rendercomplete', () => resolve()));
}

/**
 * 5 s of scripted pan and zoom: across the district and back while zooming 12.5 → 16 → 12.5. A frame's time is
 * from one animation frame to the next, so it holds everything the frame cost: level-of-detail work on the view
 * change, drawing, and garbage collection.
 */
async function panAndZoom(map: OlMap): Promise<number[]> {
  const view = map.getView();
  const frameTimes: number[] = [];
  const start = performance.now();
  const [centreX, centreY] = fromLonLat(benchCentre);
  let previous = await new Promise<number>(requestAnimationFrame);
  while (performance.now() - start < durationMs) {
    const phase = (performance.now() - start) / durationMs;
    view.setCenter([
      centreX! + Math.sin(phase * 2 * Math.PI) * 2_500,
      centreY! + Math.cos(phase * 2 * Math.PI) * 1_500 - 1_500,
    ]);
    view.setZoom(12.5 + 3.5 * Math.sin(phase * Math.PI));
    map.renderSync();
    const now = await new Promise<number>(requestAnimationFrame);
    frameTimes.push(now - previous);
    previous = now;
  }
  return frameTimes;
}

function summarise(firstRenderMs: number, frameTimes: number[]): Measurement {
  const total = frameTimes.reduce((sum, value) => sum + value, 0);
  // Frame times include the browser's own frame pacing, so the floor is one display frame (~16.7 ms).
  return {
    firstRenderMs: Math.round(firstRenderMs),
    frames: frameTimes.length,
    p50FrameMs: Number(percentile(frameTimes, 0.5).toFixed(1)),
    p95FrameMs: Number(percentile(frameTimes, 0.95).toFixed(1)),
    framesPerSecond: Number(((frameTimes.length / Math.max(total, 1)) * 1_000).toFixed(1)),
  };
}

async function measureTianmu(): Promise<Measurement> {
  const start = performance.now();
  const handle = createDistrictMap(element, {
    center: benchCentre,
    zoom: 12.5,
    layers: ['district', 'grids', 'cameras', 'incidents'],
  });
  handle.update({
    district: data.district,
    cameras: { crs: 'wgs84', cameras: data.cameras },
    incidents: data.incidents,
  });
  await waitForRender(handle.map);
  const firstRenderMs = performance.now() - start;
  const frameTimes = await panAndZoom(handle.map);
  handle.dispose();
  return summarise(firstRenderMs, frameTimes);
}

/** The naive layer: every camera and incident a feature with its own Style object, one canvas vector layer. */
async function measureNaive(): Promise<Measurement> {
  const start = performance.now();
  const points = [
    ...data.cameras.map((camera) => {
      const feature = new Feature(new Point(fromLonLat(camera.position)));
      feature.setStyle(
        new Style({
          image: new CircleStyle({
            radius: 6,
            fill: new Fill({ color: camera.isOnline ? '#2fd06f' : '#7d8896' }),
          }),
        }),
      );
      return feature;
    }),
    ...data.incidents.map((incident) => {
      const feature = new Feature(new Point(fromLonLat(incident.position)));
      feature.setStyle(
        new Style({
          image: new CircleStyle({
            radius: 9,
            fill: new Fill({ color: severityColours[incident.severity] }),
          }),
        }),
      );
      return feature;
    }),
  ];
  const grids = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' }).readFeatures(
    data.district,
  );
  for (const grid of grids) grid.setStyle(new Style({ stroke: new Stroke({ color: '#6f93bd', width: 1 }) }));
  const map = new OlMap({
    target: element,
    controls: [],
    interactions: [],
    layers: [
      new VectorLayer({ source: new VectorSource({ features: grids }) }),
      new VectorLayer({ source: new VectorSource({ features: points }), updateWhileAnimating: true }),
    ],
    view: new View({ center: fromLonLat(benchCentre), zoom: 12.5 }),
  });
  await waitForRender(map);
  const firstRenderMs = performance.now() - start;
  const frameTimes = await panAndZoom(map);
  for (const layer of map.getAllLayers()) {
    layer.getSource()?.dispose();
    layer.dispose();
  }
  map.setTarget(undefined);
  map.dispose();
  return summarise(firstRenderMs, frameTimes);
}

async function run(): Promise<void> {
  try {
    const tianmu = await measureTianmu();
    const naive = await measureNaive();
    window.__mapBench = { tianmu, naive };
  } catch (error) {
    window.__mapBench = {
      error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error),
    };
  }
}

void run();
