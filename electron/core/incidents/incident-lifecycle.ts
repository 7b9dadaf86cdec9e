// The incident lifecycle as pure functions: which operator step is allowed from which status, what it records in
// the history, and how a source's re-delivery is folded into what the room has done (never undoing a step).
import {
  maxIncidentSteps,
  type Incident,
  type IncidentStatus,
  type IncidentStep,
} from '@shared/model/incident';

/** Who takes a step: the signed-in user (their id is what the journal names) and the name the history shows. */
export interface IncidentActor {
  readonly userId: string;
  readonly name?: string;
}

/** An operator's step on one incident. */
export type IncidentAct =
  | { readonly type: 'acknowledge' }
  | { readonly type: 'dispatch'; readonly department: string; readonly note?: string }
  | { readonly type: 'start'; readonly note?: string }
  | { readonly type: 'close'; readonly outcome: string };

/** From which statuses each step may be taken (派单 again moves it to another department). */
export const allowedFrom: Readonly<Record<IncidentAct['type'], readonly IncidentStatus[]>> = {
  acknowledge: ['new'],
  dispatch: ['acknowledged', 'dispatched'],
  start: ['dispatched'],
  close: ['acknowledged', 'dispatched', 'in-progress'],
};

const statusNames: Readonly<Record<IncidentStatus, string>> = {
  new: '未确认',
  acknowledged: '已确认',
  dispatched: '已派单',
  'in-progress': '处置中',
  closed: '已办结',
};

const actNames: Readonly<Record<IncidentAct['type'], string>> = {
  acknowledge: '确认',
  dispatch: '派单',
  start: '处置中',
  close: '办结',
};

/** A step refused, with the reason an operator reads. */
export class LifecycleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LifecycleError';
  }
}

function withStep(incident: Incident, step: IncidentStep): IncidentStep[] {
  return [...(incident.history ?? []), step].slice(-maxIncidentSteps);
}

function stepBy(actor: IncidentActor, at: number): Pick<IncidentStep, 'at' | 'by' | 'byName'> {
  return { at, by: actor.userId, ...(actor.name ? { byName: actor.name } : {}) };
}

/** The incident after an operator's step, or a LifecycleError saying why the step is not allowed now. */
export function applyAct(incident: Incident, act: IncidentAct, actor: IncidentActor, at: number): Incident {
  if (!allowedFrom[act.type].includes(incident.status))
    throw new LifecycleError(
      `事件 ${incident.id} ${statusNames[incident.status]}，不能${actNames[act.type]}` +
        (incident.mergedInto ? `（已并入 ${incident.mergedInto}）` : ''),
    );
  const by = stepBy(actor, at);
  switch (act.type) {
    case 'acknowledge':
      return {
        ...incident,
        status: 'acknowledged',
        acknowledgedAt: at,
        acknowledgedBy: actor.name ?? actor.userId,
        updatedAt: at,
        history: withStep(incident, { ...by, action: 'acknowledged' }),
      };
    case 'dispatch':
      return {
        ...incident,
        status: 'dispatched',
        dispatchedTo: act.department,
        updatedAt: at,
        history: withStep(incident, {
          ...by,
          action: 'dispatched',
          department: act.department,
          ...(act.note ? { note: act.note } : {}),
        }),
      };
    case 'start':
      return {
        ...incident,
        status: 'in-progress',
        updatedAt: at,
        history: withStep(incident, { ...by, action: 'started', ...(act.note ? { note: act.note } : {}) }),
      };
    case 'close':
      return {
        ...incident,
        status: 'closed',
        outcome: act.outcome,
        updatedAt: at,
        history: withStep(incident, { ...by, action: 'closed', outcome: act.outcome }),
      };
  }
}

/**
 * Merges a duplicate into the incident kept (several sources reporting one event): the duplicate is closed and
 * points to the kept one, and both histories say so. Returns both, duplicate first.
 */
export function mergeIncidents(
  duplicate: Incident,
  kept: Incident,
  actor: IncidentActor,
  at: number,
): [Incident, Incident] {
  if (duplicate.id === kept.id) throw new LifecycleError('不能将事件并入其自身');
  if (duplicate.status === 'closed') throw new LifecycleError(`事件 ${duplicate.id} 已办结，不能再合并`);
  if (kept.mergedInto) throw new LifecycleError(`事件 ${kept.id} 已并入 ${kept.mergedInto}，请并入该事件`);
  const by = stepBy(actor, at);
  const outcome = `重复事件，已并入 ${kept.id}`;
  return [
    {
      ...duplicate,
      status: 'closed',
      mergedInto: kept.id,
      outcome,
      updatedAt: at,
      history: withStep(duplicate, { ...by, action: 'merged', other: kept.id, outcome }),
    },
    { ...kept, updatedAt: at, history: withStep(kept, { ...by, action: 'absorbed', other: duplicate.id }) },
  ];
}

/**
 * An incident as a source delivers it, with what the room did kept. Sources re-send whole records that know
 * nothing of the room (typically still `status: 'new'`): their data (title, position, severity …) updates the
 * incident, but the status moves only forward, and only a source's `closed` (its own end of the event) moves it at
 * all; a closed incident is never reopened. Every operator field and the history stay.
 */
export function keepOperatorChanges(known: Incident | undefined, delivered: Incident, at: number): Incident {
  if (!known) return delivered;
  const isClosedBySource = delivered.status === 'closed' && known.status !== 'closed';
  const status: IncidentStatus = isClosedBySource ? 'closed' : known.status;
  const history = isClosedBySource
    ? withStep(known, { at, by: delivered.source, action: 'closed' })
    : known.history;
  return {
    ...delivered,
    status,
    ...pick(known, 'acknowledgedAt', 'acknowledgedBy', 'dispatchedTo', 'outcome', 'mergedInto'),
    ...(history ? { history } : {}),
  };
}

function pick<K extends keyof Incident>(incident: Incident, ...keys: K[]): Partial<Pick<Incident, K>> {
  const picked: Partial<Pick<Incident, K>> = {};
  for (const key of keys) if (incident[key] !== undefined) picked[key] = incident[key];
  return picked;
}
