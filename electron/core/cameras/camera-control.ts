// What a person does with a camera beyond watching it live: steer it (PTZ, one controller at a time) and play
// its recordings (回放), both through the camera directory and both ending with the window or the sign-out.
import type { Audit } from '../auth/audit';
import type { CoreSession, EventSender, HandlerGroup } from '../session';
import type { PtzHolder } from '@shared/protocol';
import type { CameraDirectory } from './connector';
import { playbackHandlers } from './playback-handlers';
import { PlaybackSessions } from './playback-sessions';
import { createPtzService } from './ptz-service';

export interface CameraControlOptions {
  readonly directory: CameraDirectory;
  readonly audit: Audit;
  readonly broadcast: EventSender;
  /** Who a session's user is, shown as the lease holder (云台由 张三 控制). */
  readonly holderOf: (session: CoreSession) => PtzHolder | null;
  readonly log: (line: string) => void;
}

type ControlRequests =
  keyof ReturnType<typeof createPtzService>['handlers'] | keyof ReturnType<typeof playbackHandlers>;

export interface CameraControl {
  readonly handlers: HandlerGroup<ControlRequests>;
  /** A window closed: its heads stop, its leases end, its playbacks stop (each journaled). */
  sessionClosed(session: CoreSession): void;
  /** Its user signed out: recordings were opened as that user, so they stop with the sign-out. */
  signedOut(session: CoreSession): void;
  close(): Promise<void>;
}

export function createCameraControl(options: CameraControlOptions): CameraControl {
  const ptz = createPtzService(options);
  const playbacks = new PlaybackSessions<CoreSession>({
    directory: options.directory,
    ended: (session, viewing) => options.audit.playbackViewed(session, viewing),
    log: options.log,
  });
  return {
    handlers: { ...ptz.handlers, ...playbackHandlers(playbacks) },
    sessionClosed(session) {
      void playbacks.closeOwner(session);
      ptz.sessionClosed(session);
    },
    signedOut(session) {
      void playbacks.closeOwner(session);
    },
    async close() {
      await playbacks.close();
      ptz.dispose();
    },
  };
}
