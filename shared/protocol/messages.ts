// The one protocol between the core and every window: requests (with results) and events, each with a schema.
// Both transports (Electron preload bridge, WebSocket) carry exactly these messages.
import { z } from 'zod';
import { idSchema, localizedTextSchema } from '../model/common';
import { cameraSchema, platformSchema } from '../model/camera';
import { indicatorSchema } from '../model/indicator';
import { wallCommandSchema, wallSchema, scenarioSchema, wallStateSchema } from '../model/wall';
import { districtMapSchema, workspaceManifestSchema } from '../model/workspace';
import { topicSchema, topicSnapshotSchema, topicValueSchema } from '../model/feed';

/** Scenario summary for lists (the console): no cell contents. */
export const scenarioSummarySchema = scenarioSchema.pick({ id: true, name: true, mode: true, banner: true });
export type ScenarioSummary = z.infer<typeof scenarioSummarySchema>;

/** Which client a window is; the core uses it for permissions and audit later. */
export const clientRoleSchema = z.enum(['wall', 'console', 'viewer']);

/**
 * Requests: name → params and result schemas. The core must implement every entry (see RequestHandlers),
 * and validates params at entry; clients validate results at the edge.
 */
export const requestSchemas = {
  'session.hello': {
    params: z.object({
      role: clientRoleSchema,
      displayId: idSchema.optional(),
      locale: z.string().max(16).optional(),
    }),
    result: z.object({
      protocolVersion: z.literal(1),
      serverTime: z.number(),
      manifest: workspaceManifestSchema,
      wall: wallSchema,
      scenarios: z.array(scenarioSummarySchema),
      indicators: z.array(indicatorSchema),
      state: wallStateSchema,
    }),
  },
  'wall.command': {
    params: z.object({ command: wallCommandSchema }),
    result: z.object({ version: z.number().int() }),
  },
  'topic.subscribe': {
    params: z.object({ topics: z.array(topicSchema).min(1).max(500) }),
    result: z.object({ snapshots: z.array(topicSnapshotSchema) }),
  },
  'topic.unsubscribe': {
    params: z.object({ topics: z.array(topicSchema).min(1).max(500) }),
    result: z.object({}),
  },
  'cameras.get': {
    params: z.object({ ids: z.array(idSchema).max(1000).optional() }),
    result: z.object({ crs: z.enum(['wgs84', 'gcj02', 'bd09', 'cgcs2000']), cameras: z.array(cameraSchema) }),
  },
  'media.resolve': {
    params: z.object({ cameraId: idSchema, profile: z.enum(['main', 'sub']) }),
    result: z.object({
      cameraId: idSchema,
      profile: z.enum(['main', 'sub']),
      kind: platformSchema.shape.kind,
      url: z.string(),
    }),
  },
  'map.district': {
    params: z.object({}),
    result: districtMapSchema,
  },
} as const;

/** Events: name → payload schema. Named in the past tense. */
export const eventSchemas = {
  'wall.stateChanged': z.object({ state: wallStateSchema }),
  'topic.updated': z.object({ values: z.array(topicValueSchema) }),
  'core.noticeRaised': z.object({ level: z.enum(['info', 'warning', 'error']), text: localizedTextSchema }),
} as const;

export type RequestName = keyof typeof requestSchemas;
export type RequestParams<N extends RequestName> = z.input<(typeof requestSchemas)[N]['params']>;
export type ParsedRequestParams<N extends RequestName> = z.output<(typeof requestSchemas)[N]['params']>;
export type RequestResult<N extends RequestName> = z.output<(typeof requestSchemas)[N]['result']>;
export type EventName = keyof typeof eventSchemas;
export type EventPayload<N extends EventName> = z.output<(typeof eventSchemas)[N]>;
export type ClientRole = z.infer<typeof clientRoleSchema>;
export type HelloResult = RequestResult<'session.hello'>;

/**
 * What the core implements: one handler per request. A missing handler is a type error in the core,
 * so adding a request here makes the build show what is left to write.
 */
export type RequestHandlers<Context> = {
  [N in RequestName]: (params: ParsedRequestParams<N>, context: Context) => Promise<RequestResult<N>>;
};
