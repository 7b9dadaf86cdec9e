// The ptz.* requests: find the camera's connector, refuse what its platform or head cannot do (with the reason),
// hold the lease (ptz-lease.ts) and only then call the platform. Area permission wraps these handlers
// (auth/camera-permissions.ts); the journal records the lease's acts (ptz-journal.ts).
import { ProtocolError, type PtzAbilities, type PtzHolder } from '@shared/protocol';
import type { PtzMove } from '@shared/model/camera-platform';
import type { CoreSession, HandlerGroup } from '../session';
import { ConnectorError, type CameraDirectory, type ConnectorCameraRef, type PtzControl } from './connector';
import { PtzLeaseRefused, type PtzLeases } from './ptz-lease';

export type PtzRequests =
  'ptz.state' | 'ptz.move' | 'ptz.stop' | 'ptz.presets' | 'ptz.goToPreset' | 'ptz.areaZoom' | 'ptz.centre';

export interface PtzHandlerOptions {
  readonly directory: CameraDirectory;
  readonly leases: PtzLeases<CoreSession>;
  /** The caller as a lease holder (name for 云台由 … 控制); null for a wall machine or nobody. */
  readonly holderOf: (session: CoreSession) => PtzHolder | null;
  /** A preset call, for the journal (moves and leases are journaled by the lease itself). */
  readonly presetCalled: (session: CoreSession, cameraId: string, presetId: string) => void;
}

const none: PtzAbilities = { move: false, presets: false, areaZoom: false, centre: false };

/** The camera's connector and what its PTZ can do; `reason` says why not when it cannot move. */
function abilitiesOf(directory: CameraDirectory, cameraId: string) {
  const found = directory.find(cameraId);
  if (!found) return { found, abilities: none, reason: '该摄像机不属于任何已接入的平台' };
  const { connector } = found;
  if (!connector.ptz || !connector.capabilities.ptz.move)
    return { found, abilities: none, reason: `平台 ${connector.platformId} 不支持云台控制` };
  if (found.hasPtz === false) return { found, abilities: none, reason: '该摄像机为固定枪机，没有云台' };
  return { found, abilities: connector.capabilities.ptz, reason: undefined };
}

/** A platform failure in the operator's words, with a code the console can act on. */
function protocolErrorOf(error: unknown): unknown {
  if (error instanceof PtzLeaseRefused) return new ProtocolError('rejected', error.message);
  if (!(error instanceof ConnectorError)) return error;
  const code =
    error.reason === 'unsupported' ? 'unsupported' : error.reason === 'not-found' ? 'not-found' : 'rejected';
  return new ProtocolError(code, `云台控制失败：${error.message}`);
}

export function ptzHandlers(options: PtzHandlerOptions): HandlerGroup<PtzRequests> {
  const { directory, leases } = options;

  /** The camera's PTZ, if it can do `ability`; else answers `unsupported` with the reason. */
  const control = (
    cameraId: string,
    ability: keyof PtzAbilities,
  ): { ptz: PtzControl; ref: ConnectorCameraRef } => {
    const { found, abilities, reason } = abilitiesOf(directory, cameraId);
    if (!found) throw new ProtocolError('not-found', `camera ${cameraId} not found`);
    if (!abilities[ability] || !found.connector.ptz)
      throw new ProtocolError(
        'unsupported',
        `不支持：${reason ?? `平台 ${found.connector.platformId} 不支持该云台操作`}`,
      );
    return { ptz: found.connector.ptz, ref: found.ref };
  };
  /** Takes (or keeps) the lease for the caller, then runs the platform call; errors in the operator's words. */
  const steer = async (
    session: CoreSession,
    cameraId: string,
    ability: keyof PtzAbilities,
    act: (ptz: PtzControl, ref: ConnectorCameraRef) => Promise<void>,
  ): Promise<{ holder: PtzHolder }> => {
    const { ptz, ref } = control(cameraId, ability);
    const caller = options.holderOf(session);
    if (!caller) throw new ProtocolError('forbidden', '无权限：大屏节点只能显示，不能操作');
    try {
      const holder = leases.take(cameraId, session, caller);
      await act(ptz, ref);
      return { holder };
    } catch (error) {
      throw protocolErrorOf(error);
    }
  };

  return {
    async 'ptz.state'({ cameraId }) {
      // A camera no connector knows is a fixed camera as far as the console is concerned: no controls, a reason.
      const { abilities, reason } = abilitiesOf(directory, cameraId);
      return { cameraId, abilities, ...(reason ? { reason } : {}), holder: leases.holderOf(cameraId) };
    },
    async 'ptz.move'({ cameraId, direction, speed }, { session }) {
      const move: PtzMove = { direction, speed };
      return steer(session, cameraId, 'move', async (ptz, ref) => {
        await ptz.move(ref, move);
        leases.moved(cameraId, direction);
      });
    },
    async 'ptz.stop'({ cameraId }, { session }) {
      // A stop always reaches the head, but under the caller's lease: stopping someone else's move is refused.
      return steer(session, cameraId, 'move', async (ptz, ref) => {
        leases.stopped(cameraId);
        await ptz.stop(ref);
      });
    },
    async 'ptz.presets'({ cameraId }) {
      const { ptz, ref } = control(cameraId, 'presets');
      try {
        return { presets: [...(await ptz.presets(ref))] };
      } catch (error) {
        throw protocolErrorOf(error);
      }
    },
    async 'ptz.goToPreset'({ cameraId, presetId }, { session }) {
      const answer = await steer(session, cameraId, 'presets', (ptz, ref) => ptz.goToPreset(ref, presetId));
      options.presetCalled(session, cameraId, presetId);
      return answer;
    },
    async 'ptz.areaZoom'({ cameraId, box, zoomIn }, { session }) {
      return steer(session, cameraId, 'areaZoom', async (ptz, ref) => {
        if (!ptz.areaZoom) throw new ConnectorError('unsupported', '平台不支持拉框放大');
        await ptz.areaZoom(ref, box, zoomIn);
      });
    },
    async 'ptz.centre'({ cameraId, point }, { session }) {
      return steer(session, cameraId, 'centre', async (ptz, ref) => {
        if (!ptz.centre) throw new ConnectorError('unsupported', '平台不支持点击居中');
        await ptz.centre(ref, point);
      });
    },
  };
}
