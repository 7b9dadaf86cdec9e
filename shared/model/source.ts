// Data sources declared in the workspace's `sources.json`: which backends feed the hub, how to reach them,
// and how their payloads map onto hub topics and incidents (declarative, so a platform connects without code).
import { z } from 'zod';
import { idSchema, localizedTextSchema } from './common';
import { incidentCategorySchema, incidentSeveritySchema } from './incident';

/**
 * A path into a JSON payload: `$` is the payload, `.name` a field, `[n]` an array element
 * (e.g. `$.data.items`, `$.readings[0].value`). Field names may hold any character except `.`, `[` and `]`.
 */
export const jsonPathSchema = z
  .string()
  .max(200)
  .regex(/^\$(\.[^.[\]]+|\[\d+\])*$/, 'a JSON path looks like $.data.items[0].value');
export type JsonPath = z.infer<typeof jsonPathSchema>;

/** How a record's time is written by the backend. */
export const timeFormatSchema = z.enum(['ms', 's', 'iso']);

/** From a payload to hub values: one record per value. */
export const valueMappingSchema = z.object({
  /** Path to the array of records; omitted: the payload is the record (or an array of records). */
  records: jsonPathSchema.optional(),
  /** The record's key; `$topic` takes the message's topic (MQTT), e.g. `district/sensors/rain-1h`. */
  key: z.union([jsonPathSchema, z.literal('$topic')]),
  value: jsonPathSchema,
  /** Source time of the value; omitted: the time it was received (then the source's clock is ours). */
  time: jsonPathSchema.optional(),
  timeFormat: timeFormatSchema.default('ms'),
  /** Renames backend keys to ours before the topic is formed (`{"RAIN_1H": "rain-1h"}`). */
  keys: z.record(z.string().max(200), z.string().max(200)).optional(),
  /** The hub topic of a record: `{key}` is replaced by the key (lower-cased; `/` kept). */
  topic: z.string().min(1).max(200).default('vitals/{key}'),
});
export type ValueMapping = z.infer<typeof valueMappingSchema>;

/** From a payload to incidents/alarms: never coalesced, delivered to the incident store. */
export const incidentMappingSchema = z.object({
  records: jsonPathSchema.optional(),
  id: jsonPathSchema,
  title: jsonPathSchema,
  longitude: jsonPathSchema,
  latitude: jsonPathSchema,
  time: jsonPathSchema.optional(),
  timeFormat: timeFormatSchema.default('ms'),
  category: jsonPathSchema.optional(),
  severity: jsonPathSchema.optional(),
  /** Backend words → our category / severity (e.g. `{"积水": "flood"}`, `{"1": "red"}`). */
  categories: z.record(z.string().max(80), incidentCategorySchema).optional(),
  severities: z.record(z.string().max(80), incidentSeveritySchema).optional(),
  defaultCategory: incidentCategorySchema.default('other'),
  defaultSeverity: incidentSeveritySchema.default('yellow'),
  street: jsonPathSchema.optional(),
});
export type IncidentMapping = z.infer<typeof incidentMappingSchema>;

export const mappingSchema = z
  .object({ values: valueMappingSchema.optional(), incidents: incidentMappingSchema.optional() })
  .refine((mapping) => mapping.values || mapping.incidents, 'a mapping needs `values` or `incidents`');
export type Mapping = z.infer<typeof mappingSchema>;

/** Reconnect delays: exponential from `initialMs`, capped at `maxMs`, with full jitter. */
export const backoffSchema = z.object({
  initialMs: z.number().int().min(10).max(60_000).default(1_000),
  maxMs: z.number().int().min(10).max(600_000).default(30_000),
});
export type BackoffOptions = z.infer<typeof backoffSchema>;

// shared/ has no URL class (no DOM, no Node): a scheme, '://', and a host without spaces.
const urlSchema = z
  .string()
  .max(2_000)
  .regex(/^[a-z][a-z0-9+.-]*:\/\/[^\s/?#]+[^\s]*$/i, 'not a URL');
const httpUrlSchema = urlSchema.refine((text) => /^https?:\/\//.test(text), 'an http(s) URL');
const headersSchema = z.record(z.string().max(100), z.string().max(2_000)).optional();

const common = {
  id: idSchema,
  name: localizedTextSchema.optional(),
  backoff: backoffSchema.default({ initialMs: 1_000, maxMs: 30_000 }),
};

/** The embedded demo district (and its typhoon script): the default source when none is declared. */
export const demoSourceSchema = z.object({
  ...common,
  kind: z.literal('demo'),
  /** Milliseconds between two publications. */
  intervalMs: z.number().int().min(50).max(60_000).default(1_000),
  /** Simulate only these indicators (ids), or all but these: other sources may own the rest. */
  include: z.array(idSchema).max(5_000).optional(),
  exclude: z.array(idSchema).max(5_000).optional(),
  /** Also raise the demo incidents. */
  incidents: z.boolean().default(true),
});

/** The Tianmu feed protocol over a WebSocket (see README "Connecting your platform"). */
export const tianmuWebSocketSourceSchema = z.object({
  ...common,
  kind: z.literal('tianmu-ws'),
  url: urlSchema.refine((text) => /^wss?:\/\//.test(text), 'a ws:// or wss:// URL'),
  headers: headersSchema,
  /** Silence longer than this (no message, no heartbeat) means a half-open connection: reconnect. */
  heartbeatTimeoutMs: z.number().int().min(100).max(600_000).default(15_000),
  /** Hub topic of a value key: `{key}` replaced (default `vitals/{key}`). */
  topic: z.string().min(1).max(200).default('vitals/{key}'),
});

/** The Tianmu feed protocol over Server-Sent Events; a gap re-opens the stream (snapshots come first). */
export const tianmuSseSourceSchema = z.object({
  ...common,
  kind: z.literal('tianmu-sse'),
  url: httpUrlSchema,
  headers: headersSchema,
  /** Optional URL to POST `{"topic": …}` to on a gap; without it the stream is re-opened instead. */
  resyncUrl: httpUrlSchema.optional(),
  heartbeatTimeoutMs: z.number().int().min(100).max(600_000).default(15_000),
  topic: z.string().min(1).max(200).default('vitals/{key}'),
});

/** REST polling with a declarative mapping. */
export const httpPollSourceSchema = z.object({
  ...common,
  kind: z.literal('http-poll'),
  url: httpUrlSchema,
  headers: headersSchema,
  intervalMs: z.number().int().min(100).max(3_600_000).default(10_000),
  timeoutMs: z.number().int().min(100).max(120_000).default(8_000),
  mapping: mappingSchema,
});

/** MQTT topics (MQTT.js) with a declarative mapping per subscription. */
export const mqttSourceSchema = z.object({
  ...common,
  kind: z.literal('mqtt'),
  url: urlSchema.refine((text) => /^(mqtts?|wss?|tcp|ssl):\/\//.test(text), 'an mqtt:// or ws:// URL'),
  username: z.string().max(200).optional(),
  password: z.string().max(200).optional(),
  clientId: z.string().max(100).optional(),
  /** Keepalive in seconds: the broker's missing ping answer reveals a half-open connection. */
  keepaliveSeconds: z.number().int().min(1).max(3_600).default(15),
  subscriptions: z
    .array(
      z.object({
        topic: z.string().min(1).max(500),
        qos: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
        mapping: mappingSchema,
      }),
    )
    .min(1)
    .max(200),
});

export const sourceSchema = z.discriminatedUnion('kind', [
  demoSourceSchema,
  tianmuWebSocketSourceSchema,
  tianmuSseSourceSchema,
  httpPollSourceSchema,
  mqttSourceSchema,
]);
export type Source = z.infer<typeof sourceSchema>;
export type SourceKind = Source['kind'];
export type SourceOf<K extends SourceKind> = Extract<Source, { kind: K }>;

/** The workspace's optional `sources.json`; without it the demo source runs alone. */
export const sourceListSchema = z.object({ sources: z.array(sourceSchema).min(1).max(100) });

/** What a source looks like from the outside: shown on the console strip and each wall display. */
export const sourceStateSchema = z.enum(['connecting', 'open', 'reconnecting', 'stopped']);
export type SourceState = z.infer<typeof sourceStateSchema>;

export const sourceHealthSchema = z.object({
  id: idSchema,
  kind: z.enum(['demo', 'tianmu-ws', 'tianmu-sse', 'http-poll', 'mqtt']),
  name: localizedTextSchema.optional(),
  state: sourceStateSchema,
  /** When the last message (value, heartbeat or poll answer) arrived, ms since epoch. */
  lastMessageAt: z.number().nullable(),
  /** When the state last changed. */
  since: z.number(),
  lastError: z.string().max(300).nullable(),
  /** When the next connection attempt is due while reconnecting. */
  nextAttemptAt: z.number().nullable(),
  reconnects: z.number().int().min(0),
  resyncs: z.number().int().min(0),
  duplicates: z.number().int().min(0),
  /**
   * Payloads, records and values refused (malformed, stamped ahead of the clock, implausible, or for a key no
   * indicator has): a broken backend never corrupts the hub.
   */
  rejected: z.number().int().min(0),
  /** Why the last of them was refused (shown on the console's source strip). */
  lastRejection: z.string().max(300).nullable(),
  values: z.number().int().min(0),
  incidents: z.number().int().min(0),
});
export type SourceHealth = z.infer<typeof sourceHealthSchema>;
