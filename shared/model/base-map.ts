// Base maps (底图) a workspace offers, from its optional `basemaps.json`: offline first (the district's own vector
// map), then tile services on the government network (XYZ, Tianditu WMTS, GeoServer WMS). Local PMTiles files
// are not supported yet.
import { z } from 'zod';
import { idSchema, localizedTextSchema } from './common';

/**
 * The system a base map's tiles are drawn in. Tiles are Web Mercator pictures of WGS-84 / CGCS2000 (Tianditu,
 * OSM-style local tiles) or of GCJ-02 (AMap-style tiles); every layer is converted into this system.
 * BD-09 tiles use Baidu's own tiling and are not supported as base maps.
 */
export const baseMapCrsSchema = z.enum(['wgs84', 'cgcs2000', 'gcj02']);
export type BaseMapCrs = z.infer<typeof baseMapCrsSchema>;

/** An http(s) URL template; `{token}` is replaced by the source's token (never javascript: or data:). */
const urlTemplateSchema = z
  .string()
  .min(8)
  .max(600)
  .regex(/^https?:\/\/[^\s<>"']+$/, 'an http:// or https:// URL without spaces or quotes');

const common = {
  id: idSchema,
  name: localizedTextSchema,
  crs: baseMapCrsSchema,
  /** Shown in the map corner as plain text (escaped: never HTML). */
  attribution: z.string().max(200).optional(),
  minZoom: z.number().min(0).max(22).default(0),
  maxZoom: z.number().min(0).max(22).default(18),
  /**
   * Replaces `{token}` in URLs (e.g. a Tianditu key). `tokenEnv` names an environment variable of the core
   * instead, so the key stays out of the workspace files.
   */
  token: z.string().max(200).optional(),
  tokenEnv: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{0,63}$/)
    .optional(),
};

export const baseMapSourceSchema = z.discriminatedUnion('type', [
  /** The workspace's district.geojson, drawn as vectors: the demo's base map, always available offline. */
  z.object({ ...common, type: z.literal('district') }),
  /** XYZ tiles: `{z}`, `{x}`, `{y}` (or `{-y}`), optional `{a-c}` / `{0-7}` host ranges. */
  z.object({
    ...common,
    type: z.literal('xyz'),
    url: urlTemplateSchema.refine(
      (url) => url.includes('{z}') && url.includes('{x}') && /\{-?y\}/.test(url),
      {
        message: 'an XYZ template needs {z}, {x} and {y}',
      },
    ),
  }),
  /** WMTS in KVP encoding, e.g. Tianditu `https://t{0-7}.tianditu.gov.cn/vec_w/wmts?tk={token}`, layer `vec`. */
  z.object({
    ...common,
    type: z.literal('wmts'),
    url: urlTemplateSchema,
    layer: z.string().min(1).max(100),
    /** `w` on Tianditu, `EPSG:3857` / `GoogleMapsCompatible` elsewhere: a Web Mercator matrix set. */
    matrixSet: z.string().min(1).max(100),
    format: z.string().min(1).max(40).default('tiles'),
    style: z.string().min(1).max(40).default('default'),
  }),
  /** WMS (GeoServer): tiled GetMap requests in EPSG:3857. */
  z.object({
    ...common,
    type: z.literal('wms'),
    url: urlTemplateSchema,
    layers: z.string().min(1).max(300),
    version: z.enum(['1.1.1', '1.3.0']).default('1.1.1'),
    format: z.enum(['image/png', 'image/jpeg']).default('image/png'),
  }),
]);
export type BaseMapSource = z.infer<typeof baseMapSourceSchema>;

/** The workspace's optional `basemaps.json`. */
export const baseMapCatalogueSchema = z
  .object({
    /** The base map a map widget shows unless its options name another. */
    default: idSchema,
    baseMaps: z.array(baseMapSourceSchema).min(1).max(32),
  })
  .refine((catalogue) => catalogue.baseMaps.some((baseMap) => baseMap.id === catalogue.default), {
    message: 'default must be the id of one of baseMaps',
    path: ['default'],
  });
export type BaseMapCatalogue = z.infer<typeof baseMapCatalogueSchema>;

/** Without a basemaps.json: the district's own vector map. */
export const defaultBaseMapCatalogue: BaseMapCatalogue = {
  default: 'district',
  baseMaps: [
    {
      id: 'district',
      type: 'district',
      name: { zh: '本区矢量底图', en: 'District vector map' },
      crs: 'wgs84',
      minZoom: 0,
      maxZoom: 20,
    },
  ],
};
