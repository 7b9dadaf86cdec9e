// The one protocol between the core and every window: requests (with results) and events, each with a schema.
// Both transports (Electron preload bridge, WebSocket) carry exactly these messages. Each domain declares its
// messages in domains/<domain>.ts; this file joins them.
import type { z } from 'zod';
import type { Access } from './access';
import { authEvents, authRequests } from './domains/auth';
import { sessionEvents, sessionRequests } from './domains/session';
import { wallEvents, wallRequests } from './domains/wall';
import { feedEvents, feedRequests } from './domains/feeds';
import { mediaEvents, mediaRequests } from './domains/media';
import { playbackEvents, playbackRequests } from './domains/playback';
import { mapEvents, mapRequests } from './domains/map';
import { incidentEvents, incidentRequests } from './domains/incidents';
import { scenarioEvents, scenarioRequests } from './domains/scenarios';
import { sourceEvents, sourceRequests } from './domains/sources';
import { vitalsEvents, vitalsRequests } from './domains/vitals';
import { sensorEvents, sensorRequests } from './domains/sensors';
import { journalEvents, journalRequests } from './domains/journal';
import { ptzEvents, ptzRequests } from './domains/ptz';
import { scheduleEvents, scheduleRequests } from './domains/schedules';

export {
  scenarioSummarySchema,
  clientRoleSchema,
  type ScenarioSummary,
  type ClientRole,
} from './domains/session';

/** What every request declares: who may call it (access.ts), its params and its result. */
export interface RequestDeclaration {
  readonly access: Access;
  readonly params: z.ZodType;
  readonly result: z.ZodType;
}

/**
 * Requests: name → access level, params and result schemas. The core must implement every entry (see
 * RequestHandlers), checks the access level and validates params at entry; clients validate results at the
 * edge. A request without an access level is a type error here (`satisfies`).
 */
export const requestSchemas = {
  ...sessionRequests,
  ...authRequests,
  ...wallRequests,
  ...feedRequests,
  ...mediaRequests,
  ...playbackRequests,
  ...mapRequests,
  ...incidentRequests,
  ...scenarioRequests,
  ...sourceRequests,
  ...vitalsRequests,
  ...sensorRequests,
  ...journalRequests,
  ...ptzRequests,
  ...scheduleRequests,
} as const satisfies Record<string, RequestDeclaration>;

/** Events: name → payload schema. Named in the past tense. */
export const eventSchemas = {
  ...sessionEvents,
  ...authEvents,
  ...wallEvents,
  ...feedEvents,
  ...mediaEvents,
  ...playbackEvents,
  ...mapEvents,
  ...incidentEvents,
  ...scenarioEvents,
  ...sourceEvents,
  ...vitalsEvents,
  ...sensorEvents,
  ...journalEvents,
  ...ptzEvents,
  ...scheduleEvents,
} as const;

export type RequestName = keyof typeof requestSchemas;
/** Who may call the request `name`. */
export function accessOf(name: RequestName): Access {
  return requestSchemas[name].access;
}
export type RequestParams<N extends RequestName> = z.input<(typeof requestSchemas)[N]['params']>;
export type ParsedRequestParams<N extends RequestName> = z.output<(typeof requestSchemas)[N]['params']>;
export type RequestResult<N extends RequestName> = z.output<(typeof requestSchemas)[N]['result']>;
export type EventName = keyof typeof eventSchemas;
export type EventPayload<N extends EventName> = z.output<(typeof eventSchemas)[N]>;
export type HelloResult = RequestResult<'session.hello'>;

/**
 * What the core implements: one handler per request. A missing handler is a type error in the core,
 * so adding a request here makes the build show what is left to write.
 */
export type RequestHandlers<Context> = {
  [N in RequestName]: (params: ParsedRequestParams<N>, context: Context) => Promise<RequestResult<N>>;
};
