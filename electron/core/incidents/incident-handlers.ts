// Requests about incidents: the list and acknowledgement.
import { ProtocolError } from '@shared/protocol';
import type { HandlerGroup } from '../session';
import type { IncidentStore } from './incident-store';

export function incidentHandlers(
  store: IncidentStore,
): HandlerGroup<'incidents.list' | 'incidents.acknowledge'> {
  return {
    async 'incidents.list'() {
      return { incidents: store.list(), overflow: store.overflow };
    },
    async 'incidents.acknowledge'({ id, by }) {
      // Until users and roles exist (a later issue), acknowledgements are recorded as the console's.
      const incident = store.acknowledge(id, by ?? '值班员');
      if (!incident) throw new ProtocolError('not-found', `unknown incident '${id}'`);
      return { incident };
    },
  };
}
