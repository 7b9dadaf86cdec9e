// Requests answered by the sources and the level watcher: health, levels, the demo typhoon, feed counters.
import { ProtocolError } from '@shared/protocol';
import type { CoreSession, HandlerGroup } from '../session';
import type { IncidentStore } from '../incidents/incident-store';
import type { SourceManager } from './source-manager';
import type { LevelWatcher } from './level-watcher';
import type { TyphoonScript } from './typhoon-script';

export interface SourceHandlerDependencies {
  readonly sources: SourceManager;
  readonly levels: LevelWatcher;
  readonly typhoon: TyphoonScript;
  readonly incidents: IncidentStore;
  readonly sessions: () => Iterable<CoreSession>;
}

export function sourceHandlers(
  dependencies: SourceHandlerDependencies,
): HandlerGroup<'sources.list' | 'demo.typhoon' | 'feeds.stats' | 'vitals.levels'> {
  return {
    async 'sources.list'() {
      return { sources: dependencies.sources.list() };
    },
    async 'demo.typhoon'({ action, durationSeconds }) {
      if (!dependencies.sources.list().some((source) => source.kind === 'demo')) {
        throw new ProtocolError('rejected', 'the workspace declares no demo source');
      }
      if (action === 'start') {
        dependencies.typhoon.start(durationSeconds === undefined ? undefined : durationSeconds * 1_000);
      }
      if (action === 'stop') dependencies.typhoon.stop();
      return dependencies.typhoon.status;
    },
    async 'feeds.stats'() {
      return {
        values: dependencies.sources.totals.values,
        incidents: dependencies.sources.totals.incidents,
        incidentOverflow: dependencies.incidents.overflow,
        sessions: [...dependencies.sessions()].map((session) => ({
          role: session.role,
          ...session.feedStats,
        })),
      };
    },
    async 'vitals.levels'() {
      return { levels: dependencies.levels.list() };
    },
  };
}
