// The workspace manifest and the district's geography (streets, river, city-ops grids) for the map.
import { z } from 'zod';
import { idSchema, localizedTextSchema } from './common';

/**
 * The manifest's `server` block: serve other machines of the room (wall nodes, consoles, leader views).
 * Off loopback the core requires `tls` (paths relative to the workspace folder; never served) unless started
 * with `--insecure-lan`. `names` are the host names other machines use, accepted in Host and Origin besides the
 * certificate's own names; the first one also names the demo media server in stream URLs.
 */
export const serverSettingsSchema = z.strictObject({
  /** `ADDRESS:PORT`: `0.0.0.0:7443` (every interface), `192.168.1.20:7443`, `[::]:7443`. */
  listen: z
    .string()
    .max(64)
    .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'must be ADDRESS:PORT (IPv6 in brackets)')
    .optional(),
  names: z
    .array(
      z.string().regex(/^[A-Za-z0-9.-]{1,253}$|^\[[0-9A-Fa-f:.]+\]$/, 'must be a host name or an IP address'),
    )
    .max(16)
    .optional(),
  tls: z
    .strictObject({
      /** PEM certificate chain (leaf first). */
      certificate: z.string().min(1).max(1024),
      /** PEM private key, unencrypted: keep the file readable by the app's account only. */
      key: z.string().min(1).max(1024),
    })
    .optional(),
});
export type ServerSettings = z.infer<typeof serverSettingsSchema>;

/** The workspace's `workspace.json`. */
export const workspaceManifestSchema = z.object({
  format: z.literal('tianmu-workspace/1'),
  name: localizedTextSchema,
  district: localizedTextSchema,
  /** The scenario the wall shows when no saved state exists. */
  defaultScenario: idSchema,
  /** Duty roster line shown on the console banner. */
  duty: z.object({ leader: z.string().max(40), operators: z.array(z.string().max(40)).max(10) }).optional(),
  /**
   * Scenarios the core may switch to by itself when one of their triggers fires. Every other trigger only
   * suggests the switch on the console for the operator to confirm (the default: no automatic switching).
   */
  automaticSwitching: z.array(idSchema).max(64).optional(),
  /** Where the core listens (the Electron app; `serve --listen` and `--tls-*` override it). See serverSettingsSchema. */
  server: serverSettingsSchema.optional(),
});
export type WorkspaceManifest = z.infer<typeof workspaceManifestSchema>;

const positionSchema = z.array(z.number()).min(2).max(3);
const geometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: positionSchema }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(positionSchema).min(2) }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(positionSchema).min(4)).min(1) }),
  z.object({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(z.array(positionSchema).min(4)).min(1)),
  }),
]);

/** Feature kinds of the district map. */
export const districtFeatureKindSchema = z.enum(['district', 'street', 'grid', 'river', 'road', 'landmark']);
export type DistrictFeatureKind = z.infer<typeof districtFeatureKindSchema>;

export const districtFeatureSchema = z.object({
  type: z.literal('Feature'),
  geometry: geometrySchema,
  properties: z.object({
    kind: districtFeatureKindSchema,
    id: idSchema,
    name: z.string().max(80),
    /** For grids: the street the grid belongs to. */
    street: idSchema.optional(),
  }),
});

/** The workspace's `district.geojson`: WGS-84 longitude/latitude. */
export const districtMapSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(districtFeatureSchema).max(100_000),
});
export type DistrictMap = z.infer<typeof districtMapSchema>;
