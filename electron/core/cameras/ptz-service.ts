// PTZ as the composition root mounts it: the leases, their journal records and broadcasts, and the ptz.*
// handlers over a camera directory. A window that closes takes its leases (and any turning head) with it.
import type { EventSender, CoreSession, HandlerGroup } from '../session';
import type { Audit } from '../auth/audit';
import type { PtzHolder } from '@shared/protocol';
import type { CameraDirectory } from './connector';
import { PtzLeases } from './ptz-lease';
import { ptzHandlers, type PtzRequests } from './ptz-handlers';

export interface PtzServiceOptions {
  readonly directory: CameraDirectory;
  readonly audit: Audit;
  readonly broadcast: EventSender;
  readonly holderOf: (session: CoreSession) => PtzHolder | null;
  readonly log: (line: string) => void;
}

export interface PtzService {
  readonly leases: PtzLeases<CoreSession>;
  readonly handlers: HandlerGroup<PtzRequests>;
  /** The session's window went away: stop what it steers and free its cameras. */
  sessionClosed(session: CoreSession): void;
  dispose(): void;
}

export function createPtzService(options: PtzServiceOptions): PtzService {
  const { directory, audit, log } = options;
  const leases = new PtzLeases<CoreSession>({
    stop: (cameraId) => {
      const found = directory.find(cameraId);
      found?.connector.ptz
        ?.stop(found.ref)
        .catch((error: unknown) =>
          log(`[ptz] ${cameraId}: automatic stop failed: ${(error as Error).message}`),
        );
    },
    changed: (cameraId, holder) => options.broadcast('ptz.leaseChanged', { cameraId, holder }),
    journal: ({ cameraId, owner, act, detail }) =>
      audit.record(owner, {
        action: 'camera.controlled',
        target: { kind: 'camera', id: cameraId },
        result: 'ok',
        detail: { act, ...detail },
      }),
  });
  const handlers = ptzHandlers({
    directory,
    leases,
    holderOf: options.holderOf,
    presetCalled: (session, cameraId, presetId) =>
      audit.record(session, {
        action: 'camera.controlled',
        target: { kind: 'camera', id: cameraId },
        result: 'ok',
        detail: { act: 'preset', presetId },
      }),
  });
  return {
    leases,
    handlers,
    sessionClosed: (session) => leases.releaseAll(session),
    dispose: () => leases.dispose(),
  };
}
