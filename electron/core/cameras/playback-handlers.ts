// The playback.* requests: each window starts and controls its own playback streams (see playback-sessions.ts).
import type { CoreSession, HandlerGroup } from '../session';
import type { PlaybackSessions } from './playback-sessions';

export type PlaybackRequests =
  | 'playback.recordings'
  | 'playback.start'
  | 'playback.seek'
  | 'playback.pause'
  | 'playback.resume'
  | 'playback.speed'
  | 'playback.stop';

/** The window that asks owns what it starts: the session is the owner, so its close stops its playbacks. */
export function playbackHandlers(sessions: PlaybackSessions<CoreSession>): HandlerGroup<PlaybackRequests> {
  return {
    async 'playback.recordings'({ cameraId, from, to }) {
      return { cameraId, spans: [...(await sessions.recordings(cameraId, from, to))] };
    },
    async 'playback.start'({ cameraId, from }, { session }) {
      return sessions.start(session, cameraId, from);
    },
    async 'playback.seek'({ playbackId, to }, { session }) {
      return sessions.seek(session, playbackId, to);
    },
    async 'playback.pause'({ playbackId }, { session }) {
      return sessions.pause(session, playbackId);
    },
    async 'playback.resume'({ playbackId }, { session }) {
      return sessions.resume(session, playbackId);
    },
    async 'playback.speed'({ playbackId, speed }, { session }) {
      return sessions.speed(session, playbackId, speed);
    },
    async 'playback.stop'({ playbackId }, { session }) {
      await sessions.stop(session, playbackId);
      return {};
    },
  };
}
