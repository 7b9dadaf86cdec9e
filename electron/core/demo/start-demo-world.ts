// The embedded demo district's world — incidents, risk map, moving units, IoT sensors and the typhoon script —
// built for the composition root. It runs only while a workspace's `demo` source with incidents does: a room
// connected to its real platforms sees none of it.
import { DisposableStore } from '@shared/base/disposable';
import type { MovingUnit } from '@shared/model/moving-unit';
import type { Sensor } from '@shared/model/sensor';
import type { SourceOf } from '@shared/model/source';
import type { EventSender } from '../session';
import type { Workspace } from '../workspace/load-workspace';
import type { FeedHub } from '../feeds/feed-hub';
import type { SourceAdapter, SourceSink } from '../feeds/source-sink';
import type { IncidentStore } from '../incidents/incident-store';
import { DemoIncidentSource } from './world/demo-incidents';
import { DemoRisk, demoRiskTopicPrefix } from './world/demo-risk';
import { DemoSensors } from './world/demo-sensors';
import { createDemoSource } from './world/demo-source';
import { DemoUnits } from './world/demo-units';
import { TyphoonScript } from './world/typhoon-script';

/** Topic prefixes the demo world publishes besides the catalogue's own (the hub must accept them). */
export const demoTopicPrefixes: readonly string[] = [demoRiskTopicPrefix];

export interface DemoWorldOptions {
  readonly workspace: Workspace;
  readonly hub: FeedHub;
  readonly incidents: IncidentStore;
  /** Mean seconds between two demo incidents (default 25; end-to-end tests ask for fewer). */
  readonly incidentMeanSeconds?: number | undefined;
  /** Sends an event to every open session (unit moves, sensor changes). */
  readonly broadcast: EventSender;
}

export interface DemoWorld {
  readonly typhoon: TyphoonScript;
  /** The adapter of a workspace's `demo` source (the simulator); with `incidents` it also runs the world. */
  createSource(source: SourceOf<'demo'>, sink: SourceSink): SourceAdapter;
  /** The moving units on the map: none while the world is not running. */
  readonly units: { list(): MovingUnit[] };
  /** The IoT sensors on the map: none while the world is not running. */
  readonly sensors: { list(): Sensor[] };
  stop(): void;
}

/** Builds the demo world (nothing runs until a demo source starts it). */
export function createDemoWorld(options: DemoWorldOptions): DemoWorld {
  const { workspace, hub, incidents, broadcast } = options;
  const demoIncidents = new DemoIncidentSource(
    incidents,
    workspace.cameras.cameras,
    workspace.district,
    options.incidentMeanSeconds ? { meanIntervalSeconds: options.incidentMeanSeconds } : {},
  );
  // The demo risk map runs with the demo incidents: both belong to the embedded demo district, not to a backend.
  const demoRisk = new DemoRisk(workspace.district, (values) => hub.publish(values));
  const typhoon = new TyphoonScript();
  const units = new DemoUnits(
    workspace.district,
    workspace.cameras.cameras.filter((camera) => camera.isOnline).map((camera) => camera.id),
  );
  const sensors = new DemoSensors(workspace.cameras.cameras);
  let isRunning = false;
  const startIncidents = () => {
    demoIncidents.start();
    demoRisk.start();
    units.start();
    sensors.start();
    isRunning = true;
    return () => {
      isRunning = false;
      demoIncidents.stop();
      demoRisk.stop();
      units.stop();
      sensors.stop();
    };
  };
  const listeners = new DisposableStore();
  listeners.add(units.onMoved((moved) => broadcast('units.moved', { units: [...moved] })));
  listeners.add(sensors.onChanged((changed) => broadcast('sensors.changed', { sensors: [...changed] })));
  return {
    typhoon,
    createSource: (source, sink) =>
      createDemoSource(source, sink, { indicators: workspace.indicators, typhoon, startIncidents }),
    units: { list: () => (isRunning ? units.list() : []) },
    sensors: { list: () => (isRunning ? sensors.list() : []) },
    stop() {
      units.stop();
      sensors.stop();
      listeners.dispose();
    },
  };
}
