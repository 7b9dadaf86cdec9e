// How `platforms.json` names a platform the wall talks to (not only plays from): wvp-GB28181-pro, ZLMediaKit's
// HTTP API, ONVIF devices. A platform without `connector` is a static URL template, as before.
import { z } from 'zod';
import { idSchema } from './common';

/**
 * A secret kept out of the workspace files (which are copied and versioned): an environment variable, or a file
 * (relative to the workspace folder, or absolute) whose first line is the secret.
 */
export const secretSchema = z.union([
  z.strictObject({ env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name') }),
  z.strictObject({ file: z.string().min(1).max(500) }),
]);
export type Secret = z.infer<typeof secretSchema>;

const httpUrlSchema = z
  .string()
  .max(500)
  .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'an http:// or https:// address');

/** `scheme://host:port` a stream may come from, for the Content-Security-Policy (ws, wss, http, https). */
const streamOriginSchema = z
  .string()
  .max(300)
  .regex(/^(wss?|https?):\/\/[^\s/]+$/, 'an origin such as ws://10.0.0.5:80 (no path)');

/**
 * Where a platform's cameras go on the wall's map of areas: its administrative (civil) codes and business groups
 * to the workspace's streets and grids, declaratively. A camera matched by neither goes to the fallback area.
 */
export const areaMappingSchema = z.strictObject({
  /** Civil code (行政区划 code, matched as a prefix, longest wins) → street id. */
  civilCodes: z.record(z.string().regex(/^\d{2,12}$/, 'digits of a civil code'), idSchema).default({}),
  /** Business group id (业务分组) → grid id. */
  businessGroups: z.record(z.string().min(1).max(64), idSchema).default({}),
  fallback: z.strictObject({ street: idSchema, grid: idSchema }),
});
export type AreaMapping = z.infer<typeof areaMappingSchema>;

/** Rewrites the host of URLs a platform returns (platforms answer with their internal addresses). */
export const hostRewriteSchema = z
  .array(z.strictObject({ from: z.string().min(1).max(300), to: z.string().min(1).max(300) }))
  .max(20)
  .default([]);

export const wvpConnectorSchema = z.strictObject({
  type: z.literal('wvp'),
  /** wvp's web address, e.g. `http://10.0.0.5:18080`. */
  baseUrl: httpUrlSchema,
  /** Sign in with a user (wvp takes the MD5 of the password) or with an api-key. */
  username: z.string().min(1).max(100).optional(),
  password: secretSchema.optional(),
  apiKey: secretSchema.optional(),
  areas: areaMappingSchema,
  hostRewrite: hostRewriteSchema,
  /** Which of wvp's StreamContent addresses tiles play. */
  stream: z.enum(['ws_flv', 'flv', 'wss_flv', 'https_flv', 'fmp4', 'hls']).default('ws_flv'),
  streamOrigins: z.array(streamOriginSchema).min(1).max(20),
  /** Full re-listing of the channels; status events and alarm polls keep it current in between. */
  refreshMinutes: z
    .number()
    .min(1)
    .max(24 * 60)
    .default(10),
  alarmPollSeconds: z.number().min(1).max(3600).default(5),
});

export const zlmediakitConnectorSchema = z.strictObject({
  type: z.literal('zlmediakit'),
  /** The HTTP API's address, e.g. `http://10.0.0.6:80` (`/index/api/...`). */
  apiUrl: httpUrlSchema,
  secret: secretSchema,
  vhost: z.string().min(1).max(100).default('__defaultVhost__'),
  /** Only streams of these apps are cameras (e.g. `rtp`, `live`); empty: every app. */
  apps: z.array(z.string().min(1).max(64)).max(50).default([]),
  /** Where tiles play from, with `{app}` and `{stream}`, e.g. `ws://10.0.0.6/{app}/{stream}.live.flv`. */
  playUrl: z.string().min(1).max(500),
  streamOrigins: z.array(streamOriginSchema).min(1).max(20),
  areas: areaMappingSchema,
  refreshMinutes: z
    .number()
    .min(1)
    .max(24 * 60)
    .default(1),
});

/** ONVIF devices reached directly, for PTZ (their streams still play through the platform's `url` templates). */
export const onvifConnectorSchema = z.strictObject({
  type: z.literal('onvif'),
  /** Keyed by the camera's `streamId` in cameras.json. */
  devices: z
    .record(
      z.string().min(1).max(200),
      z.strictObject({
        address: httpUrlSchema,
        username: z.string().min(1).max(100),
        password: secretSchema,
      }),
    )
    .refine((devices) => Object.keys(devices).length <= 2_000, 'at most 2,000 devices'),
});

export const connectorConfigSchema = z.discriminatedUnion('type', [
  wvpConnectorSchema,
  zlmediakitConnectorSchema,
  onvifConnectorSchema,
]);
export type ConnectorConfig = z.infer<typeof connectorConfigSchema>;
