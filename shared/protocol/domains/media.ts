// Protocol messages of video: cameras and where their streams are.
import { z } from 'zod';
import { crsSchema, idSchema } from '../../model/common';
import { cameraSchema, streamKindSchema } from '../../model/camera';
import { cameraStatusSchema, connectorHealthSchema } from '../../model/camera-platform';

export const profileSchema = z.enum(['main', 'sub']);

/** Largest snapshot accepted (decoded PNG bytes): a 4K frame as PNG is well under this. */
export const maxSnapshotBytes = 8 * 1024 * 1024;

/** A camera of the catalogue (cameras.json's or a platform's) with its live status (unknown: 状态未知). */
export const catalogueCameraSchema = cameraSchema.extend({ status: cameraStatusSchema });

const cameraStatusChangeSchema = z.object({ cameraId: idSchema, status: cameraStatusSchema });

/** 在线率 of one street or grid: now, and time-weighted since `since` (unknown counts as not online). */
export const areaOnlineRateSchema = z.object({
  kind: z.enum(['street', 'grid']),
  id: idSchema,
  cameras: z.number().int().nonnegative(),
  online: z.number().int().nonnegative(),
  offline: z.number().int().nonnegative(),
  unknown: z.number().int().nonnegative(),
  rate: z.number().min(0).max(1),
  averageRate: z.number().min(0).max(1),
  averageUnknown: z.number().min(0).max(1),
});

/** Where one camera's stream is, in one profile. */
const resolvedStreamSchema = z.object({
  cameraId: idSchema,
  profile: profileSchema,
  kind: streamKindSchema,
  url: z.string(),
  /**
   * The platform started the stream for this window (wvp): send `media.release` once no tile of the window shows
   * it, and resolve it again (never from a cache) to show it later.
   */
  isHeld: z.boolean().optional(),
});

/**
 * Most streams `media.prefetch` answers with (the rest are resolved when shown, as without prefetch): half the
 * renderer's stream cache (2,000), so a full answer never pushes out the streams its tiles resolved themselves.
 */
export const maxPrefetchedStreams = 1_000;

export const mediaRequests = {
  'cameras.get': {
    access: 'wall',
    params: z.object({ ids: z.array(idSchema).max(1000).optional() }),
    result: z.object({ crs: crsSchema, cameras: z.array(catalogueCameraSchema) }),
  },
  /**
   * Online rates per street and grid (now, and the average since local midnight or the core's start), and each
   * camera platform's health for the console's source strip (a wrong password is named there).
   */
  'cameras.onlineRates': {
    access: 'wall',
    params: z.object({}),
    result: z.object({
      since: z.number().int().nonnegative(),
      areas: z.array(areaOnlineRateSchema),
      platforms: z.array(connectorHealthSchema),
    }),
  },
  'media.resolve': {
    access: 'wall',
    params: z.object({ cameraId: idSchema, profile: profileSchema }),
    result: resolvedStreamSchema,
  },
  /**
   * The window no longer shows the camera in this profile (no tile of it does): an on-demand platform's stream
   * is stopped once no window holds it, after a short grace. Closing the window releases all it held.
   */
  'media.release': {
    access: 'wall',
    params: z.object({ cameraId: idSchema, profile: profileSchema }),
    result: z.object({}),
  },
  /**
   * The streams a display may show next, resolved ahead: those of the camera tiles and patrols of every
   * scenario on that display and of the wall that 返回 would bring back (`auto` ones in both profiles). A wall window keeps
   * them in its stream cache, so the tiles of a 平急转换 connect without a round trip to the core each.
   */
  'media.prefetch': {
    access: 'wall',
    params: z.object({ displayId: idSchema }),
    result: z.object({ sources: z.array(resolvedStreamSchema).max(maxPrefetchedStreams) }),
  },
  /** Saves a tile's current frame, a PNG encoded as base64, under `<workspace>/snapshots/`. */
  'media.snapshot': {
    // A wall tile's 截图 saves the frame it shows: wall machines too, for cameras they may play (checked per camera).
    access: 'wall',
    params: z.object({
      cameraId: idSchema,
      png: z
        .string()
        .min(1)
        .max(Math.ceil(maxSnapshotBytes / 3) * 4)
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
    }),
    /** `file` is relative to the workspace, e.g. `snapshots/cam-0001-20261121-080321-123.png`. */
    result: z.object({ file: z.string(), bytes: z.number().int() }),
  },
} as const;

export const mediaEvents = {
  /** Cameras whose status changed, sent together (at most every half second). */
  'cameras.statusChanged': z.object({ changes: z.array(cameraStatusChangeSchema) }),
  /** A platform's listing added or dropped cameras. */
  'cameras.listChanged': z.object({ added: z.array(catalogueCameraSchema), removed: z.array(idSchema) }),
  /** A camera platform's health changed (every platform's, for the source strip). */
  'cameras.platformsChanged': z.object({ platforms: z.array(connectorHealthSchema) }),
} as const;
