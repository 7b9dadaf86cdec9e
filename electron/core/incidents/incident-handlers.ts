// Requests about incidents: the list, the alarm settings and the operator's steps. Every step is the signed-in
// user's (never a name the window sends) and is answered once it is on disk: an acknowledged alarm survives kill -9.
import { ProtocolError } from '@shared/protocol';
import type { AlarmSettings, Incident } from '@shared/model/incident';
import type { HandlerGroup, SessionContext } from '../session';
import type { IncidentStore } from './incident-store';
import { LifecycleError, type IncidentAct, type IncidentActor } from './incident-lifecycle';

export type IncidentRequests =
  | 'incidents.list'
  | 'incidents.settings'
  | 'incidents.acknowledge'
  | 'incidents.dispatch'
  | 'incidents.start'
  | 'incidents.close'
  | 'incidents.merge';

export interface IncidentHandlerDependencies {
  readonly store: IncidentStore;
  readonly settings: AlarmSettings;
  /** Resolves once every change so far is durable (the incident log's sync); none without a log. */
  readonly sync?: () => Promise<void>;
  /** A user's display name for the history (张三 rather than `operator`). */
  readonly nameOf?: (userId: string) => string | undefined;
}

export function incidentHandlers(dependencies: IncidentHandlerDependencies): HandlerGroup<IncidentRequests> {
  const { store, settings } = dependencies;
  const sync = dependencies.sync ?? (() => Promise.resolve());
  const actorOf = ({ session }: SessionContext): IncidentActor => {
    const principal = session.principal;
    if (principal?.kind !== 'user') return { userId: 'console' };
    const name = dependencies.nameOf?.(principal.userId);
    return { userId: principal.userId, ...(name ? { name } : {}) };
  };
  const step = async (id: string, act: IncidentAct, context: SessionContext) => {
    let incident: Incident | undefined;
    try {
      incident = store.act(id, act, actorOf(context));
    } catch (error) {
      if (error instanceof LifecycleError) throw new ProtocolError('rejected', error.message);
      throw error;
    }
    if (!incident) throw new ProtocolError('not-found', `unknown incident '${id}'`);
    await sync();
    return { incident };
  };
  return {
    async 'incidents.list'() {
      return { incidents: store.list(), overflow: store.overflow };
    },
    async 'incidents.settings'() {
      return { departments: settings.departments, sound: settings.sound };
    },
    'incidents.acknowledge': ({ id }, context) => step(id, { type: 'acknowledge' }, context),
    async 'incidents.dispatch'({ id, department, note }, context) {
      if (!settings.departments.some((known) => known.id === department))
        throw new ProtocolError(
          'bad-request',
          `unknown department '${department}' (alarms.json departments)`,
        );
      return step(id, { type: 'dispatch', department, ...(note ? { note } : {}) }, context);
    },
    'incidents.start': ({ id, note }, context) =>
      step(id, { type: 'start', ...(note ? { note } : {}) }, context),
    'incidents.close': ({ id, outcome }, context) => step(id, { type: 'close', outcome }, context),
    async 'incidents.merge'({ duplicateId, keptId }, context) {
      let merged: [Incident, Incident] | undefined;
      try {
        merged = store.merge(duplicateId, keptId, actorOf(context));
      } catch (error) {
        if (error instanceof LifecycleError) throw new ProtocolError('rejected', error.message);
        throw error;
      }
      if (!merged) throw new ProtocolError('not-found', `unknown incident '${duplicateId}' or '${keptId}'`);
      await sync();
      return { duplicate: merged[0], kept: merged[1] };
    },
  };
}
