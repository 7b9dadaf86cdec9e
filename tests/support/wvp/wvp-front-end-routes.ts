// The wvp double's /api/common/channel/front-end routes: PTZ moves and stop, presets, and (master only) drag-a-box
// zoom. Upstream: src/main/java/com/genersoft/iot/vmp/gb28181/controller/ChannelFrontEndController.java and
// gb28181/service/impl/SourcePTZServiceForGbImpl.java (master 768d740; v2.7.4-20260107 lacks drag_zoom_*).
import { canSteer, type WvpChannel } from './wvp-channels';
import { WvpFailure, assertFound, errorCode } from './wvp-replies';
import type { Route } from './wvp-channel-routes';
import type { WvpState } from './wvp-state';

function channelOf(state: WvpState, channelId: number | undefined): WvpChannel {
  // channelService.getOne(channelId); Assert.notNull(channel, "通道不存在").
  return assertFound(channelId === undefined ? undefined : state.channelsById.get(channelId), '通道不存在');
}

function speedOf(name: string, value: number | undefined): number {
  if (value === undefined) return 50;
  if (value < 0 || value > 100) throw new WvpFailure(errorCode.failed.code, `${name} 为 0-100的数字`);
  return value;
}

/**
 * GET /front-end/ptz?channelId=&command=&panSpeed=&tiltSpeed=&zoomSpeed= — command is one of left, right, up, down,
 * upleft, upright, downleft, downright, zoomin, zoomout, stop; wvp's switch has no error branch, so any other word
 * sends the all-zero (stop) code. A missing command is a NullPointerException in that switch (HTTP 500). Speeds
 * default to 50 and must lie in 0–100. The SIP command is fire-and-forget: success is {code:0, msg:"成功"}.
 */
const ptz: Route = (state, query) => {
  const channel = channelOf(state, query.optionalInt('channelId'));
  const panSpeed = speedOf('panSpeed', query.optionalInt('panSpeed'));
  const tiltSpeed = speedOf('tiltSpeed', query.optionalInt('tiltSpeed'));
  const zoomSpeed = speedOf('zoomSpeed', query.optionalInt('zoomSpeed'));
  const command = query.text('command');
  if (command === undefined) {
    throw new WvpFailure(
      errorCode.serverError.code,
      'Cannot invoke "String.hashCode()" because "<local6>" is null',
      500,
    );
  }
  state.counters.ptz.push({
    at: state.now(),
    channelId: channel.gbId,
    command,
    panSpeed,
    tiltSpeed,
    zoomSpeed,
  });
  return null;
};

/**
 * GET /front-end/preset/query?channelId= — List<Preset> (gb28181/bean/Preset.java: presetId and presetName, both
 * strings). The double's steerable cameras (PTZ type 1, 4, 5) have four presets; fixed ones none.
 */
const queryPresets: Route = (state, query) => {
  const channel = channelOf(state, query.optionalInt('channelId'));
  state.counters.presetQueries.push({ at: state.now(), channelId: channel.gbId });
  if (!canSteer(channel)) return [];
  return ['全景', '路口', '人行道', '河道'].map((name, index) => ({
    presetId: String(index + 1),
    presetName: name,
  }));
};

/** GET /front-end/preset/call?channelId=&presetId= — a missing presetId is "参数异常" (code 100). */
const callPreset: Route = (state, query) => {
  const channel = channelOf(state, query.optionalInt('channelId'));
  const presetId = assertFound(query.optionalInt('presetId'), '参数异常');
  state.counters.presetCalls.push({ at: state.now(), channelId: channel.gbId, presetId });
  return null;
};

/**
 * GET /front-end/drag_zoom_in|drag_zoom_out?channelId=&length=&width=&midPointX=&midPointY=&lengthX=&lengthY=
 * (master only). The six box parameters are primitive ints: a missing one is an IllegalStateException (HTTP 400).
 */
function dragZoom(direction: 'in' | 'out'): Route {
  return (state, query) => {
    const channel = channelOf(state, query.optionalInt('channelId'));
    const box = Object.fromEntries(
      ['length', 'width', 'midPointX', 'midPointY', 'lengthX', 'lengthY'].map((name) => [
        name,
        query.primitiveInt(name),
      ]),
    );
    state.counters.dragZooms.push({
      at: state.now(),
      channelId: channel.gbId,
      direction,
      midPointX: box.midPointX!,
      midPointY: box.midPointY!,
    });
    return null;
  };
}

export function frontEndRoutes(version: WvpState['version']): Record<string, Route> {
  const base = '/api/common/channel/front-end';
  const routes: Record<string, Route> = {
    [`${base}/ptz`]: ptz,
    [`${base}/preset/query`]: queryPresets,
    [`${base}/preset/call`]: callPreset,
  };
  if (version === 'master') {
    routes[`${base}/drag_zoom_in`] = dragZoom('in');
    routes[`${base}/drag_zoom_out`] = dragZoom('out');
  }
  return routes;
}
