// Adapter: the embedded demo district as a declared source — the simulator (with the typhoon script's
// overrides) and, optionally, the demo incidents — through the same sink as any backend.
import type { Indicator } from '@shared/model/indicator';
import type { SourceOf } from '@shared/model/source';
import type { SourceAdapter, SourceSink } from '../../feeds/source-sink';
import { DemoSimulator } from './demo-simulator';
import type { TyphoonScript } from './typhoon-script';

export interface DemoSourceDependencies {
  readonly indicators: readonly Indicator[];
  readonly typhoon: TyphoonScript;
  /** Starts the demo incident source; returns its stop. */
  readonly startIncidents?: () => () => void;
}

export function createDemoSource(
  source: SourceOf<'demo'>,
  sink: SourceSink,
  dependencies: DemoSourceDependencies,
): SourceAdapter {
  const include = source.include && new Set(source.include);
  const exclude = new Set(source.exclude ?? []);
  const simulator = new DemoSimulator(
    {
      values: (values) => {
        sink.alive();
        sink.values(values);
      },
      backfill: (topic, points) => sink.backfill(topic, points),
    },
    dependencies.indicators,
    {
      intervalMs: source.intervalMs,
      accepts: (id) => (!include || include.has(id)) && !exclude.has(id),
      override: dependencies.typhoon.override,
    },
  );
  let stopIncidents: (() => void) | undefined;
  return {
    start() {
      simulator.start();
      if (source.incidents) stopIncidents = dependencies.startIncidents?.();
      sink.state('open');
    },
    async stop() {
      simulator.stop();
      stopIncidents?.();
      sink.state('stopped');
    },
  };
}
