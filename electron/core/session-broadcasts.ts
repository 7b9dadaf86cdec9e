// Keeps every window current: the open sessions, and each service's changes sent to all of them as events.
import { DisposableStore, type Disposable } from '@shared/base/disposable';
import type { CoreSession, EventSender } from './session';
import type { WallService } from './wall/wall-service';
import type { ScenarioCatalog } from './scenarios/scenario-catalog';
import type { ScenarioAdvisor } from './scenarios/scenario-advisor';
import type { IncidentStore } from './incidents/incident-store';
import type { SourceManager } from './feeds/source-manager';
import type { LevelWatcher } from './feeds/level-watcher';

/** The sessions open now; a session leaves the set when it is closed. */
export class OpenSessions implements Iterable<CoreSession> {
  private readonly sessions = new Set<CoreSession>();

  /** Adds a session, which leaves again on its `close()`. */
  add(session: CoreSession): CoreSession {
    this.sessions.add(session);
    const close = session.close.bind(session);
    session.close = () => {
      this.sessions.delete(session);
      close();
    };
    return session;
  }

  [Symbol.iterator](): Iterator<CoreSession> {
    return this.sessions[Symbol.iterator]();
  }

  /** Sends one event to every open session. */
  readonly broadcast: EventSender = (name, payload) => {
    for (const session of this.sessions) session.send(name, payload);
  };

  closeAll(): void {
    for (const session of [...this.sessions]) session.close();
  }
}

export interface BroadcastServices {
  readonly wall: WallService;
  readonly catalog: ScenarioCatalog;
  readonly advisor: ScenarioAdvisor;
  readonly incidents: IncidentStore;
  readonly sources: SourceManager;
  readonly levels: LevelWatcher;
}

/**
 * Sends every service change to every open session, and tells the scenario advisor the changes it reasons
 * about (the active scenario, indicator levels) before the windows hear of them. Disposing the answer releases
 * every listener it registered.
 */
export function broadcastToSessions(sessions: OpenSessions, services: BroadcastServices): Disposable {
  const { wall, catalog, advisor, incidents, sources, levels } = services;
  const { broadcast } = sessions;
  const listeners = new DisposableStore();
  listeners.add(
    wall.onChanged((state, stateHash) => {
      advisor.onScenarioActivated(state.scenarioId);
      broadcast('wall.stateChanged', { state, stateHash });
    }),
  );
  listeners.add(catalog.onChanged((scenarios) => broadcast('scenario.listChanged', { scenarios })));
  listeners.add(
    advisor.onChanged((suggestions) => broadcast('scenario.suggestionsChanged', { suggestions })),
  );
  listeners.add(
    incidents.onChanged((changed, overflow) =>
      broadcast('incidents.changed', { incidents: [...changed], overflow }),
    ),
  );
  listeners.add(sources.onChanged((list) => broadcast('sources.changed', { sources: list })));
  listeners.add(
    levels.onChanged((change) => {
      advisor.onIndicatorLevelChanged(change.indicatorId, change.level);
      broadcast('vitals.levelChanged', change);
    }),
  );
  return listeners;
}
