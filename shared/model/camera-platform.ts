// What a camera platform can do and the things it answers with — the shared half of the connector contract
// (the interface itself is `electron/core/cameras/connector.ts`). The protocol, the console and the tiles reuse
// these shapes, so a PTZ direction or a recording span is declared once.
import { z } from 'zod';
import { idSchema } from './common';

/** A camera's live status. `unknown`: listed from the cache while its platform cannot be reached (状态未知). */
export const cameraStatusSchema = z.enum(['online', 'offline', 'unknown']);
export type CameraStatus = z.infer<typeof cameraStatusSchema>;

/**
 * What a platform offers. A connector states it once; the core refuses what a platform cannot do (with the
 * reason) instead of failing at the platform, and the UI shows only controls that will work.
 */
export const platformCapabilitiesSchema = z.object({
  /**
   * Live streams are started on demand and must be released when no tile shows them (wvp's `play`/`play/stop`).
   * Such platforms are not prefetched: `media.prefetch` would start a stream for every camera of every scenario.
   */
  onDemandLive: z.boolean(),
  /** The platform lists its cameras (static templates list only what `cameras.json` holds). */
  listsCameras: z.boolean(),
  /** Status changes arrive as events (else the catalogue polls on its schedule). */
  statusEvents: z.boolean(),
  alarms: z.boolean(),
  ptz: z.object({
    move: z.boolean(),
    presets: z.boolean(),
    /** Drag a box on the picture to zoom into it (GB28181 拉框放大, ONVIF has no standard one). */
    areaZoom: z.boolean(),
    /** Click a point to turn the camera towards it. */
    centre: z.boolean(),
  }),
  playback: z.object({
    recordings: z.boolean(),
    seek: z.boolean(),
    pause: z.boolean(),
    /** Speeds at which the platform really scales time; `[1]` when it cannot (the UI says so). */
    speeds: z.array(z.number().positive().max(64)).min(1).max(12),
  }),
});
export type PlatformCapabilities = z.infer<typeof platformCapabilitiesSchema>;

/** A static URL template: plays and nothing else. */
export const liveOnlyCapabilities: PlatformCapabilities = {
  onDemandLive: false,
  listsCameras: false,
  statusEvents: false,
  alarms: false,
  ptz: { move: false, presets: false, areaZoom: false, centre: false },
  playback: { recordings: false, seek: false, pause: false, speeds: [1] },
};

/** Directions a PTZ head moves in while a control is held (GB28181 PTZ command set; ONVIF maps onto it). */
export const ptzDirectionSchema = z.enum([
  'up',
  'down',
  'left',
  'right',
  'up-left',
  'up-right',
  'down-left',
  'down-right',
  'zoom-in',
  'zoom-out',
]);
export type PtzDirection = z.infer<typeof ptzDirectionSchema>;

/** One PTZ move: a direction at a speed from 0 (slowest) to 1 (fastest), held until a stop. */
export const ptzMoveSchema = z.object({
  direction: ptzDirectionSchema,
  speed: z.number().min(0).max(1),
});
export type PtzMove = z.infer<typeof ptzMoveSchema>;

/** A preset position saved on the camera (预置位). */
export const ptzPresetSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(120),
});
export type PtzPreset = z.infer<typeof ptzPresetSchema>;

/** A rectangle on the picture, as fractions of its width and height (0..1), top-left origin. */
export const pictureBoxSchema = z
  .object({
    x: z.number().min(0).max(1),
    y: z.number().min(0).max(1),
    width: z.number().min(0).max(1),
    height: z.number().min(0).max(1),
  })
  .refine((box) => box.x + box.width <= 1 && box.y + box.height <= 1, 'the box leaves the picture');
export type PictureBox = z.infer<typeof pictureBoxSchema>;

/** A span the platform holds a recording for, in epoch milliseconds. */
export const recordingSpanSchema = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((span) => span.end > span.start, 'a recording ends after it starts');
export type RecordingSpan = z.infer<typeof recordingSpanSchema>;

/** An alarm a platform raised about a camera (wvp's alarm list / event stream). */
export const platformAlarmSchema = z.object({
  platformId: idSchema,
  /** The camera's id in the wall's catalogue, when the alarm names a camera the wall knows. */
  cameraId: idSchema.optional(),
  /** The camera's id on its platform (as PlatformCamera lists it), so the catalogue can find its wall id. */
  platformCameraId: z.string().min(1).max(200).optional(),
  /** The platform's own id for the alarm, so re-deliveries are recognised. */
  alarmId: z.string().min(1).max(200),
  time: z.number().int().nonnegative(),
  /** The platform's alarm type and text as it gave them (e.g. GB28181 alarmMethod/alarmType, 视频丢失). */
  type: z.string().max(120),
  description: z.string().max(2000),
});
export type PlatformAlarm = z.infer<typeof platformAlarmSchema>;

/** How a connector is doing, for the console's source strip (a wrong password is named here, not in a log). */
export const connectorHealthSchema = z.object({
  platformId: idSchema,
  state: z.enum(['connecting', 'connected', 'degraded', 'down']),
  /** What is wrong, in words an operator can act on (用户名或密码错误, 无法连接 …), when not connected. */
  problem: z.string().max(500).optional(),
  /** When the catalogue last had a full list from the platform (epoch ms). */
  listedAt: z.number().int().nonnegative().optional(),
  cameras: z.number().int().nonnegative(),
  /** Records the platform sent that were skipped as malformed at the last listing. */
  skipped: z.number().int().nonnegative(),
});
export type ConnectorHealth = z.infer<typeof connectorHealthSchema>;
