// Protocol messages of video: cameras and where their streams are.
import { z } from 'zod';
import { crsSchema, idSchema } from '../../model/common';
import { cameraSchema, streamKindSchema } from '../../model/camera';

export const profileSchema = z.enum(['main', 'sub']);

export const mediaRequests = {
  'cameras.get': {
    params: z.object({ ids: z.array(idSchema).max(1000).optional() }),
    result: z.object({ crs: crsSchema, cameras: z.array(cameraSchema) }),
  },
  'media.resolve': {
    params: z.object({ cameraId: idSchema, profile: profileSchema }),
    result: z.object({ cameraId: idSchema, profile: profileSchema, kind: streamKindSchema, url: z.string() }),
  },
} as const;

export const mediaEvents = {} as const;
