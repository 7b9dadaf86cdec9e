// Protocol messages of PTZ (云台): steering a camera from the console under a per-camera control lease, its
// presets and picture gestures, and who holds each lease (pushed to every window).
import { z } from 'zod';
import { idSchema } from '../../model/common';
import { roleSchema } from '../../model/user';
import { pictureBoxSchema, ptzMoveSchema, ptzPresetSchema } from '../../model/camera-platform';

/** Who steers a camera now: the lease holder, shown on the tile (云台由 张三 控制). */
export const ptzHolderSchema = z.object({
  userId: idSchema,
  displayName: z.string().max(40),
  role: roleSchema,
});
export type PtzHolder = z.infer<typeof ptzHolderSchema>;

/** What a camera's PTZ can do, as its platform and head say; all false for a fixed camera. */
export const ptzAbilitiesSchema = z.object({
  move: z.boolean(),
  presets: z.boolean(),
  areaZoom: z.boolean(),
  centre: z.boolean(),
});
export type PtzAbilities = z.infer<typeof ptzAbilitiesSchema>;

const cameraParams = z.object({ cameraId: idSchema });
const holderResult = z.object({ holder: ptzHolderSchema.nullable() });

export const ptzRequests = {
  /** What the camera's PTZ can do (and why not), and who holds its lease: the console draws its controls from it. */
  'ptz.state': {
    access: 'view',
    params: cameraParams,
    result: z.object({
      cameraId: idSchema,
      abilities: ptzAbilitiesSchema,
      /** Why the camera cannot be steered, in the operator's words, when `abilities.move` is false. */
      reason: z.string().max(200).optional(),
      holder: ptzHolderSchema.nullable(),
    }),
  },
  /**
   * Starts or continues a move; takes the lease if it is free. The head keeps moving only while moves keep
   * coming: the core stops it 500 ms after the last one (a console that vanished never leaves it turning).
   */
  'ptz.move': {
    access: 'operate',
    params: cameraParams.extend(ptzMoveSchema.shape),
    result: holderResult,
  },
  'ptz.stop': { access: 'operate', params: cameraParams, result: holderResult },
  'ptz.presets': {
    access: 'operate',
    params: cameraParams,
    result: z.object({ presets: z.array(ptzPresetSchema).max(256) }),
  },
  'ptz.goToPreset': {
    access: 'operate',
    params: cameraParams.extend({ presetId: z.string().min(1).max(64) }),
    result: holderResult,
  },
  /** Drag a box: zoom into it (or out of it, `zoomIn: false`), where the platform supports it (拉框放大). */
  'ptz.areaZoom': {
    access: 'operate',
    params: cameraParams.extend({ box: pictureBoxSchema, zoomIn: z.boolean() }),
    result: holderResult,
  },
  /** Click a point of the picture (fractions of width and height): turn the camera towards it. */
  'ptz.centre': {
    access: 'operate',
    params: cameraParams.extend({
      point: z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }),
    }),
    result: holderResult,
  },
} as const;

export const ptzEvents = {
  /** A camera's lease was taken, taken over, released or expired (`holder` null: free). */
  'ptz.leaseChanged': z.object({ cameraId: idSchema, holder: ptzHolderSchema.nullable() }),
} as const;
