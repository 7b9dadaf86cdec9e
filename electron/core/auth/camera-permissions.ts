// Per-area camera permission where it matters: stream URLs (media.resolve, media.prefetch, snapshots) only for
// cameras the caller may see, camera lists holding only those, and recordings (playback.*) and PTZ only in the
// caller's own areas. Wraps the camera handlers, which stay unaware.
import { ProtocolError } from '@shared/protocol';
import type { Camera } from '@shared/model/camera';
import type { Scenario, WallState } from '@shared/model/wall';
import { videoCellStreams } from '@shared/model/widget';
import type { Principal } from '@shared/model/user';
import type { CoreSession, HandlerGroup, SessionContext } from '../session';
import { areasInclude, maySeeCamera, type WallView } from './principal';

type CameraRequests =
  | 'cameras.get'
  | 'media.resolve'
  | 'media.prefetch'
  | 'media.snapshot'
  | 'playback.recordings'
  | 'playback.start';

export interface CameraPermissionOptions {
  /** A camera of the catalogue by id (cameras.json's or a platform's), undefined for an unknown one. */
  readonly camera: (cameraId: string) => Camera | undefined;
  readonly wallState: () => WallState;
  readonly scenarios: () => readonly Scenario[];
  /** A refused camera, for the journal (the session refusal path journals request-level refusals). */
  readonly refused: (session: CoreSession, cameraId: string, reason: string) => void;
  /** A camera a user's window resolved: the start of a view (调阅). */
  readonly viewed: (session: CoreSession, cameraId: string) => void;
}

/**
 * What the wall shows, for `maySeeCamera`: every camera of its tiles and patrols now. A wall machine may also
 * play what any scenario or 返回 would put on it (its prefetch and the first frames of a 平急转换 come before
 * the new state reaches the window); a user sees only what the wall shows now.
 */
export function wallView(state: WallState, scenarios: readonly Scenario[] | null): WallView {
  const shown = new Set<string>();
  const add = (displays: WallState['displays']) => {
    for (const content of Object.values(displays))
      for (const stream of videoCellStreams(content.cells)) shown.add(stream.cameraId);
  };
  add(state.displays);
  if (scenarios) {
    for (const scenario of scenarios) add(scenario.displays);
    const back = state.history.at(-1);
    if (back) add(back.displays);
  }
  return { isShown: (cameraId) => shown.has(cameraId) };
}

/** The camera handlers with the caller's camera permission around them. */
export function withCameraPermissions(
  handlers: HandlerGroup<CameraRequests>,
  options: CameraPermissionOptions,
): HandlerGroup<CameraRequests> {
  const byId = { get: options.camera };
  const viewOf = (principal: Principal) =>
    wallView(options.wallState(), principal.kind === 'machine' ? options.scenarios() : null);
  const principalOf = (session: CoreSession): Principal => {
    // The session check let only signed-in callers and machines through: a missing principal is a core bug.
    if (!session.principal) throw new ProtocolError('forbidden', '无权限：未登录');
    return session.principal;
  };
  const check = (session: CoreSession, cameraId: string) => {
    const principal = principalOf(session);
    const camera = byId.get(cameraId);
    if (!camera) return; // unknown cameras are the handler's not-found
    if (maySeeCamera(principal, camera, viewOf(principal))) return;
    const reason =
      principal.kind === 'machine'
        ? '大屏节点只能播放大屏上的摄像机'
        : `摄像机 ${cameraId} 不在您的管辖区域内`;
    options.refused(session, cameraId, reason);
    throw new ProtocolError('forbidden', `无权限：${reason}`);
  };
  /**
   * Recordings are the past of a camera: only of the caller's own areas. That the wall shows a camera live to the
   * room does not open its history (a user's areas, as for putting a camera on the wall).
   */
  const checkRecordings = (session: CoreSession, cameraId: string) => {
    const principal = principalOf(session);
    const camera = byId.get(cameraId);
    if (!camera || (principal.kind === 'user' && areasInclude(principal.areas, camera))) return;
    const reason = `摄像机 ${cameraId} 不在您的管辖区域内，不能调阅录像`;
    options.refused(session, cameraId, reason);
    throw new ProtocolError('forbidden', `无权限：${reason}`);
  };
  return {
    async 'cameras.get'(params, context) {
      const principal = principalOf(context.session);
      const answer = await handlers['cameras.get'](params, context);
      // The wall's own map widgets draw every camera of the district for the room: a wall machine lists them
      // all (positions, not streams), and plays only what the wall shows.
      if (principal.kind === 'machine') return answer;
      const view = viewOf(principal);
      return { ...answer, cameras: answer.cameras.filter((camera) => maySeeCamera(principal, camera, view)) };
    },
    async 'media.resolve'(params, context) {
      check(context.session, params.cameraId);
      const answer = await handlers['media.resolve'](params, context);
      options.viewed(context.session, params.cameraId);
      return answer;
    },
    async 'media.prefetch'(params, context) {
      const principal = principalOf(context.session);
      const answer = await handlers['media.prefetch'](params, context);
      const view = viewOf(principal);
      const visible = (cameraId: string) => {
        const camera = byId.get(cameraId);
        return camera !== undefined && maySeeCamera(principal, camera, view);
      };
      return { sources: answer.sources.filter((source) => visible(source.cameraId)) };
    },
    async 'media.snapshot'(params, context) {
      check(context.session, params.cameraId);
      return handlers['media.snapshot'](params, context);
    },
    async 'playback.recordings'(params, context) {
      checkRecordings(context.session, params.cameraId);
      return handlers['playback.recordings'](params, context);
    },
    async 'playback.start'(params, context) {
      checkRecordings(context.session, params.cameraId);
      return handlers['playback.start'](params, context);
    },
  };
}

/** Requests that steer or read a camera's head: each carries the camera's id. */
const cameraControlRequests = [
  'ptz.state',
  'ptz.move',
  'ptz.stop',
  'ptz.presets',
  'ptz.goToPreset',
  'ptz.areaZoom',
  'ptz.centre',
] as const;
type CameraControlRequests = (typeof cameraControlRequests)[number];

/**
 * PTZ with the caller's areas around it: a user steers only the cameras of their own streets and grids (a camera
 * on the shared wall may be watched by anyone in the room, but turned only by those responsible for it).
 */
export function withCameraControlPermissions(
  handlers: HandlerGroup<CameraControlRequests>,
  options: Pick<CameraPermissionOptions, 'camera' | 'refused'>,
): HandlerGroup<CameraControlRequests> {
  const check = (session: CoreSession, cameraId: string) => {
    const principal = session.principal;
    const camera = options.camera(cameraId);
    if (!principal || principal.kind !== 'user' || !camera) return; // the request check and not-found answer these
    if (areasInclude(principal.areas, camera)) return;
    const reason = `摄像机 ${cameraId} 不在您的管辖区域内`;
    options.refused(session, cameraId, reason);
    throw new ProtocolError('forbidden', `无权限：${reason}`);
  };
  const wrapped: Partial<HandlerGroup<CameraControlRequests>> = {};
  // Only these names: `handlers` may be the whole table, whose other entries other wrappers guard.
  for (const name of cameraControlRequests) {
    const handler = handlers[name] as (
      params: { cameraId: string },
      context: SessionContext,
    ) => Promise<unknown>;
    (wrapped as Record<string, unknown>)[name] = async (
      params: { cameraId: string },
      context: SessionContext,
    ) => {
      check(context.session, params.cameraId);
      return handler(params, context);
    };
  }
  return wrapped as HandlerGroup<CameraControlRequests>;
}
