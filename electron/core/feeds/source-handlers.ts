// Requests answered by the sources and the level watcher: health, levels, feed counters.
import type { CoreSession, HandlerGroup } from '../session';
import type { IncidentStore } from '../incidents/incident-store';
import type { SourceManager } from './source-manager';
import type { LevelWatcher } from './level-watcher';

export interface SourceHandlerDependencies {
  readonly sources: SourceManager;
  readonly levels: LevelWatcher;
  readonly incidents: IncidentStore;
  readonly sessions: () => Iterable<CoreSession>;
}

export function sourceHandlers(
  dependencies: SourceHandlerDependencies,
): HandlerGroup<'sources.list' | 'feeds.stats' | 'vitals.levels'> {
  return {
    async 'sources.list'() {
      return { sources: dependencies.sources.list() };
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
