// Base maps (底图) a workspace offers, from its optional `basemaps.json`: offline first (the district's own vector
// map or a local PMTiles file the core serves), then tile services on the government network (XYZ, Tianditu WMTS,
// GeoServer WMS).
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

/**
 * A file inside the workspace folder, written with '/': never absolute, never leaving the folder through '..'.
 * The message of each refusal says what is wrong, so the workspace error names the problem.
 */
const workspaceFileSchema = (extension: string) =>
  z
    .string()
    .min(1)
    .max(300)
    .superRefine((file, context) => {
      const problem = workspaceFileProblem(file, extension);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    });

function workspaceFileProblem(file: string, extension: string): string | null {
  if ([...file].some((character) => character.charCodeAt(0) < 0x20 || character === '\u007f'))
    return 'a file path without control characters';
  if (file.includes('\\')) return "a path written with '/', not '\\'";
  if (file.startsWith('/') || /^[A-Za-z]:/.test(file) || file.startsWith('~'))
    return 'a path relative to the workspace folder, not an absolute path';
  const segments = file.split('/');
  if (segments.includes('..')) return "a path inside the workspace folder ('..' is not allowed)";
  if (segments.some((segment) => segment === '' || segment === '.'))
    return "a path without empty or '.' parts";
  if (!file.toLowerCase().endsWith(extension) || file.length === extension.length)
    return `a file name ending in ${extension}`;
  return null;
}

/** The formats a PMTiles base map can hold: raster pictures or Mapbox vector tiles (MVT). */
export const pmtilesTileFormatSchema = z.enum(['png', 'jpeg', 'webp', 'avif', 'mvt']);
export type PmtilesTileFormat = z.infer<typeof pmtilesTileFormatSchema>;

/**
 * What the core found in a PMTiles file and where it serves the tiles. Filled in by the core when it loads the
 * workspace (never written in basemaps.json); `url` carries the core's access token when windows receive it.
 */
export const pmtilesTilesSchema = z.object({
  /** `/basemaps/<id>/{z}/{x}/{y}` on the core's own origin, with `?token=` when the core has one. */
  url: z
    .string()
    .regex(
      /^\/basemaps\/[a-z0-9][a-z0-9_-]*\/\{z\}\/\{x\}\/\{y\}(\?token=[^\s"'<>#&]+)?$/,
      "the core's own /basemaps/<id>/{z}/{x}/{y} URL",
    ),
  format: pmtilesTileFormatSchema,
  /** Zoom levels the file holds; the map enlarges the deepest level beyond `maxZoom`. */
  minZoom: z.number().int().min(0).max(26),
  maxZoom: z.number().int().min(0).max(26),
  /** West, south, east, north in degrees (of the file's own coordinate system, see `crs`). */
  bounds: z.tuple([
    z.number().min(-180).max(180),
    z.number().min(-90).max(90),
    z.number().min(-180).max(180),
    z.number().min(-90).max(90),
  ]),
});
export type PmtilesTiles = z.infer<typeof pmtilesTilesSchema>;

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
  /**
   * A local PMTiles v3 file in the workspace (offline: the core reads it and serves its tiles on its own origin).
   * Raster (PNG, JPEG, WebP, AVIF) or vector (MVT, drawn in a sober default style).
   */
  z.object({
    ...common,
    type: z.literal('pmtiles'),
    /** Relative to the workspace folder, e.g. `maps/district.pmtiles`. */
    file: workspaceFileSchema('.pmtiles'),
    /** Pixel size of the raster tiles in the file (256, or 512 for high-density tiles). */
    tileSize: z.union([z.literal(256), z.literal(512)]).default(256),
    tiles: pmtilesTilesSchema.optional(),
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
