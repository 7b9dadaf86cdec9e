// Protocol messages of playback (回放): a camera's recordings and playback streams a window starts and controls.
import { z } from 'zod';
import { idSchema } from '../../model/common';
import { streamKindSchema } from '../../model/camera';
import { recordingSpanSchema } from '../../model/camera-platform';

/** Epoch milliseconds. */
const timeSchema = z.number().int().nonnegative();

/** Longest range `playback.recordings` answers for: two days (the timeline shows one). */
export const maxRecordingRangeMs = 48 * 3600_000;

/** What a window needs to play a recording and to show its controls. */
export const playbackStartedSchema = z.object({
  playbackId: idSchema,
  cameraId: idSchema,
  url: z.string().min(1),
  kind: streamKindSchema,
  /** The recorded time (epoch ms) the stream starts at: the tile's 回放 clock counts from it. */
  startsAt: timeSchema,
  /** The speeds the platform really scales time at (`[1]` when it cannot). */
  speeds: z.array(z.number().positive()),
  /** Whether seek and pause work on this platform (the controls of those that do not are disabled). */
  canSeek: z.boolean(),
  canPause: z.boolean(),
});
export type PlaybackStarted = z.infer<typeof playbackStartedSchema>;

/** Where a playback is after a control: the recorded time it plays from now, paused or not, at which speed. */
export const playbackPositionSchema = z.object({
  playbackId: idSchema,
  position: timeSchema,
  isPaused: z.boolean(),
  speed: z.number().positive(),
});
export type PlaybackPosition = z.infer<typeof playbackPositionSchema>;

const playbackIdParams = z.object({ playbackId: idSchema });

export const playbackRequests = {
  /** The spans a camera's platform holds recordings for between `from` and `to` (a day for the timeline). */
  'playback.recordings': {
    // Reading what exists is viewing, as a camera list is; playing it is operating (below).
    access: 'view',
    params: z
      .object({ cameraId: idSchema, from: timeSchema, to: timeSchema })
      .refine(({ from, to }) => to > from, 'the range ends before it starts')
      .refine(({ from, to }) => to - from <= maxRecordingRangeMs, 'the range is longer than two days'),
    result: z.object({ cameraId: idSchema, spans: z.array(recordingSpanSchema) }),
  },
  /** Starts playing a camera's recording from `from` in the calling window (stopped when the window closes). */
  'playback.start': {
    access: 'operate',
    params: z.object({ cameraId: idSchema, from: timeSchema }),
    result: playbackStartedSchema,
  },
  'playback.seek': {
    access: 'operate',
    params: z.object({ playbackId: idSchema, to: timeSchema }),
    result: playbackPositionSchema,
  },
  'playback.pause': { access: 'operate', params: playbackIdParams, result: playbackPositionSchema },
  'playback.resume': { access: 'operate', params: playbackIdParams, result: playbackPositionSchema },
  'playback.speed': {
    access: 'operate',
    params: z.object({ playbackId: idSchema, speed: z.number().positive().max(64) }),
    result: playbackPositionSchema,
  },
  'playback.stop': { access: 'operate', params: playbackIdParams, result: z.object({}) },
} as const;

export const playbackEvents = {} as const;
