// The core's trust boundary in one place for the composition root: the journal, the audit that writes to it,
// sign-in, and the handlers wrapped with camera permissions and journaling.
import type { RequestHandlers } from '@shared/protocol';
import type { Camera } from '@shared/model/camera';
import type { Scenario, WallState } from '@shared/model/wall';
import { Journal } from '../journal/journal';
import type { CoreSession, SessionContext } from '../session';
import type { Workspace } from '../workspace/load-workspace';
import { Audit } from './audit';
import { withAudit } from './audited-handlers';
import { withCameraControlPermissions, withCameraPermissions } from './camera-permissions';
import { SignIn } from './sign-in';

export interface TrustBoundaryOptions {
  readonly workspace: Workspace;
  /** A camera of the catalogue by id (default: cameras.json's), for per-area permissions. */
  readonly camera?: (cameraId: string) => Camera | undefined;
  readonly stateDir: string;
  /** The address the core listens on (without users.json, consoles are served on loopback only). */
  readonly host: string;
  readonly consoleUser: string | null;
  readonly machineToken: string | null;
  readonly isJournalOff: boolean;
  readonly sessions: () => Iterable<CoreSession>;
  readonly wallState: () => WallState;
  readonly scenarios: () => readonly Scenario[];
  /** A connection's user signed out or their session ended (playbacks they started stop). */
  readonly signedOut?: (session: CoreSession) => void;
  readonly log: (line: string) => void;
}

export interface TrustBoundary {
  readonly journal: Journal | null;
  readonly audit: Audit;
  readonly signIn: SignIn;
  /** The handlers with camera permissions and journaling around them (the request check is in CoreSession). */
  protect(handlers: RequestHandlers<SessionContext>): RequestHandlers<SessionContext>;
}

export async function createTrustBoundary(options: TrustBoundaryOptions): Promise<TrustBoundary> {
  // One journal per core, in the writable state folder (never the workspace: it may be read-only).
  const journal = options.isJournalOff
    ? null
    : await Journal.open({ stateDir: options.stateDir, log: options.log });
  const audit = new Audit(journal, Date.now, options.log);
  const signIn = new SignIn({
    workspace: options.workspace,
    consoleUser: options.consoleUser,
    machineToken: options.machineToken,
    isLoopback: ['127.0.0.1', 'localhost', '::1'].includes(options.host),
    audit,
    sessions: options.sessions,
    signedOut: options.signedOut,
    log: options.log,
  });
  const byId = new Map(options.workspace.cameras.cameras.map((camera) => [camera.id, camera]));
  const camera = options.camera ?? ((cameraId: string) => byId.get(cameraId));
  const refusedCamera = (session: CoreSession, cameraId: string, reason: string) =>
    audit.record(session, {
      action: 'refused',
      target: { kind: 'camera', id: cameraId },
      result: 'refused',
      reason: `无权限：${reason}`,
    });
  return {
    journal,
    audit,
    signIn,
    protect: (handlers) => ({
      ...handlers,
      ...withCameraPermissions(handlers, {
        camera,
        wallState: options.wallState,
        scenarios: options.scenarios,
        refused: refusedCamera,
        viewed: (session, cameraId) => audit.viewStarted(session, cameraId),
      }),
      ...withAudit(handlers, audit, camera),
      ...withCameraControlPermissions(handlers, { camera, refused: refusedCamera }),
    }),
  };
}
