// Cameras of the visual hub (视觉中枢): where they are, which area they belong to, how to reach their streams.
import { z } from 'zod';
import { connectorConfigSchema } from './camera-connectors';
import { idSchema, lonLatSchema } from './common';

export const cameraSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(120),
  /** Street (街镇) and city-ops grid (网格) the camera belongs to; permissions and trees are by area. */
  street: idSchema,
  grid: idSchema,
  /** Position in the camera file's coordinate system (see CameraCatalogue.crs). */
  position: lonLatSchema,
  tags: z.array(z.string().min(1).max(40)).max(32),
  /** Which media platform serves the camera (an id in platforms), and the camera's stream id there. */
  platform: idSchema,
  streamId: z.string().min(1).max(200),
  isOnline: z.boolean(),
});
export type Camera = z.infer<typeof cameraSchema>;

/** The workspace's `cameras.json`. */
export const cameraCatalogueSchema = z.object({
  crs: z.enum(['wgs84', 'gcj02', 'bd09', 'cgcs2000']),
  cameras: z.array(cameraSchema).max(200_000),
});
export type CameraCatalogue = z.infer<typeof cameraCatalogueSchema>;

/** Stream transport a platform offers; WS-FLV is the default for walls (no 6-connections-per-host limit). */
export const streamKindSchema = z.enum(['ws-flv', 'http-flv', 'ws-ts', 'http-ts', 'hls']);
export type StreamKind = z.infer<typeof streamKindSchema>;

/**
 * A media platform (ZLMediaKit, SRS, MediaMTX, a GB28181 gateway, or the embedded demo server).
 * URL templates use `{streamId}` and `{profile}`; `{origin}` is one of the demo media server's addresses (demo only).
 * With a `connector` the wall also talks to the platform (lists cameras, PTZ, playback; see camera-connectors.ts);
 * wvp and ZLMediaKit connectors hand out their own URLs, so `url` is needed only without one, or for ONVIF.
 */
export const platformSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(120),
    vendor: z.enum(['demo', 'zlmediakit', 'srs', 'mediamtx', 'wvp', 'onvif', 'other']),
    kind: streamKindSchema,
    url: z.object({ main: z.string().min(1).max(500), sub: z.string().min(1).max(500) }).optional(),
    connector: connectorConfigSchema.optional(),
  })
  .superRefine((platform, context) => {
    const needsTemplate = platform.connector === undefined || platform.connector.type === 'onvif';
    if (needsTemplate && platform.url === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'a platform without a wvp or zlmediakit connector needs url templates (main and sub)',
      });
    }
  });
export type Platform = z.infer<typeof platformSchema>;
export const platformListSchema = z.object({ platforms: z.array(platformSchema).min(1).max(100) });
