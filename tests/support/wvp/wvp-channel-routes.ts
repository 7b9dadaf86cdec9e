// The wvp double's /api/common/channel routes: the paged list, on-demand play and its stop, recordings of a time
// range and playback with its controls. Upstream: src/main/java/com/genersoft/iot/vmp/gb28181/controller/
// ChannelController.java (master 768d740; the same routes and parameters in v2.7.4-20260107).
import { toCommonGBChannel, type WvpChannel } from './wvp-channels';
import type { QueryParameters } from './wvp-replies';
import { WvpFailure, assertFound, errorCode, formatWvpTime, pageOf, parseWvpTime } from './wvp-replies';
import { streamContent, type WvpState } from './wvp-state';

/** A route: returns the `data` of a success, or throws a WvpFailure. */
export type Route = (state: WvpState, query: QueryParameters) => unknown;

function channelOf(state: WvpState, channelId: number | undefined): WvpChannel {
  // Assert.notNull(channelId, "参数异常"); Assert.notNull(channel, "通道不存在") → HTTP 200, code 100.
  assertFound(channelId, '参数异常');
  return assertFound(state.channelsById.get(channelId!), '通道不存在');
}

/** The GB device (the NVR) and channel codes joined, as PlayServiceImpl names a live stream. */
function liveStreamId(channel: WvpChannel): string {
  return `${channel.gbParentId}_${channel.gbDeviceId ?? channel.gbId}`;
}

/**
 * GET /api/common/channel/list — page, count (required ints), query (code or name contains), online,
 * civilCode, parentDeviceId. ChannelProvider.queryList orders by create_time desc: newest channels first.
 */
export const listChannels: Route = (state, query) => {
  const page = query.primitiveInt('page');
  const count = query.primitiveInt('count');
  const text = query.text('query') || undefined;
  const online = query.optionalBoolean('online');
  query.optionalBoolean('hasRecordPlan');
  query.optionalInt('channelType');
  const civilCode = query.text('civilCode') || undefined;
  const parentDeviceId = query.text('parentDeviceId') || undefined;
  state.counters.channelListRequests.push({ at: state.now(), page, count });
  const rows: WvpChannel[] = [];
  for (let index = state.channels.length - 1; index >= 0; index -= 1) {
    const channel = state.channels[index]!;
    if (online !== undefined && channel.online !== online) continue;
    if (civilCode !== undefined && channel.gbCivilCode !== civilCode) continue;
    if (parentDeviceId !== undefined && channel.gbParentId !== parentDeviceId) continue;
    if (text !== undefined && !channel.gbDeviceId.includes(text) && !channel.gbName.includes(text)) continue;
    rows.push(channel);
  }
  return pageOf(rows, page, count, (channel) =>
    toCommonGBChannel(channel, state.playing.get(channel.gbId) ?? null),
  );
};

/**
 * GET /api/common/channel/play?channelId= — answers StreamContent once the device's stream reached the media
 * server. An OFF channel never answers the INVITE: wvp reports the signalling timeout (InviteErrorCode -1); the
 * double answers at once instead of after userSetting.playTimeout.
 */
export const play: Route = (state, query) => {
  const channel = channelOf(state, query.optionalInt('channelId'));
  const stream = liveStreamId(channel);
  state.counters.plays.push({ at: state.now(), channelId: channel.gbId, stream });
  if (!channel.online) throw new WvpFailure(-1, '信令超时');
  state.playing.set(channel.gbId, stream);
  return streamContent(state.streamUrlFor(channel), {
    app: 'rtp',
    stream,
    mediaServerId: state.mediaServerId,
    serverId: state.serverId,
  });
};

/** GET /api/common/channel/play/stop?channelId= — void, so {code:0, msg:"成功", data:null}. */
export const stopPlay: Route = (state, query) => {
  const channel = channelOf(state, query.optionalInt('channelId'));
  const stream = state.playing.get(channel.gbId) ?? liveStreamId(channel);
  state.counters.playStops.push({ at: state.now(), channelId: channel.gbId, stream });
  state.playing.delete(channel.gbId);
  return null;
};

const halfHourMs = 30 * 60_000;

/** The double's recordings: half-hour files, none between 03:00 and 03:30 (the recorders' nightly restart). */
function recordingsBetween(
  startMs: number,
  endMs: number,
): { startTime: string; endTime: string; fileSize: string }[] {
  const files = [];
  for (
    let fileStart = Math.floor(startMs / halfHourMs) * halfHourMs;
    fileStart < endMs;
    fileStart += halfHourMs
  ) {
    if (formatWvpTime(fileStart).slice(11, 16) === '03:00') continue;
    const fileEnd = fileStart + halfHourMs;
    files.push({
      startTime: formatWvpTime(Math.max(fileStart, startMs)),
      endTime: formatWvpTime(Math.min(fileEnd, endMs)),
      fileSize: String(
        Math.round((Math.min(fileEnd, endMs) - Math.max(fileStart, startMs)) / 1000) * 262_144,
      ),
    });
  }
  return files;
}

/**
 * GET /api/common/channel/playback/query?channelId=&startTime=&endTime= — List<CommonRecordInfo>
 * (gb28181/bean/CommonRecordInfo.java: startTime, endTime, fileSize as a string), never past the double's now.
 * A bad time is a ControllerException (HTTP 200, code 100); an OFF device lets the query time out (code 100, msg
 * "timeout", DeferredResult.onTimeout).
 */
export const queryRecords: Route = (state, query) => {
  const startText = query.text('startTime');
  const endText = query.text('endTime');
  const startMs = parseWvpTime(startText);
  const endMs = parseWvpTime(endText);
  if (startMs === undefined)
    throw new WvpFailure(errorCode.failed.code, 'startTime格式为yyyy-MM-dd HH:mm:ss');
  if (endMs === undefined) throw new WvpFailure(errorCode.failed.code, 'endTime格式为yyyy-MM-dd HH:mm:ss');
  const channel = channelOf(state, query.optionalInt('channelId'));
  state.counters.recordQueries.push({
    at: state.now(),
    channelId: channel.gbId,
    startTime: startText!,
    endTime: endText!,
  });
  if (!channel.online) throw new WvpFailure(errorCode.failed.code, 'timeout');
  return recordingsBetween(startMs, Math.min(endMs, state.now()));
};

/**
 * GET /api/common/channel/playback?channelId=&startTime=&endTime= — StreamContent of a playback stream named
 * device_channel_start_end (RtpServerServiceImpl.getPlaybackStream). The double's `playbackUrlFor` decides what
 * it plays (by default the live stream: the double has no recorder).
 */
export const startPlayback: Route = (state, query) => {
  const channel = channelOf(state, query.optionalInt('channelId'));
  const startTime = query.text('startTime') ?? '';
  const endTime = query.text('endTime') ?? '';
  for (const text of [startTime, endTime]) {
    if (parseWvpTime(text) === undefined) {
      throw new WvpFailure(errorCode.serverError.code, `Text '${text}' could not be parsed at index 0`, 500);
    }
  }
  const compact = (text: string) => text.replace(/[-: ]/g, '');
  const stream = `${liveStreamId(channel)}_${compact(startTime)}_${compact(endTime)}`;
  state.counters.playbacks.push({ at: state.now(), channelId: channel.gbId, stream, startTime, endTime });
  if (!channel.online) throw new WvpFailure(-1, '信令超时');
  state.playbacks.set(stream, channel.gbId);
  return streamContent(
    state.playbackUrlFor(channel, startTime),
    { app: 'rtp', stream, mediaServerId: state.mediaServerId, serverId: state.serverId },
    { startTime, endTime },
  );
};

/**
 * GET /api/common/channel/playback/{stop,pause,resume,seek,speed}?channelId=&stream= (seekTime, speed).
 * PlayServiceImpl: pause/resume/seek of an unknown stream → code 100 "streamId不存在"; speed → code 400.
 */
function playbackControl(action: 'stop' | 'pause' | 'resume' | 'seek' | 'speed'): Route {
  return (state, query) => {
    const channelId = query.optionalInt('channelId');
    const stream = query.text('stream') ?? '';
    const value =
      action === 'seek'
        ? query.optionalNumber('seekTime')
        : action === 'speed'
          ? query.optionalNumber('speed')
          : 0;
    assertFound(channelId, '参数异常');
    assertFound(value, '参数异常');
    const channel = channelOf(state, channelId);
    const record = { at: state.now(), channelId: channel.gbId, stream, action };
    state.counters.playbackControls.push(
      action === 'seek' || action === 'speed' ? { ...record, value } : record,
    );
    if (action === 'stop') {
      state.playbacks.delete(stream);
      return null;
    }
    if (!state.playbacks.has(stream)) {
      throw new WvpFailure(
        action === 'speed' ? errorCode.badRequest.code : errorCode.failed.code,
        'streamId不存在',
      );
    }
    return null;
  };
}

export const channelRoutes: Record<string, Route> = {
  '/api/common/channel/list': listChannels,
  '/api/common/channel/play': play,
  '/api/common/channel/play/stop': stopPlay,
  '/api/common/channel/playback/query': queryRecords,
  '/api/common/channel/playback': startPlayback,
  '/api/common/channel/playback/stop': playbackControl('stop'),
  '/api/common/channel/playback/pause': playbackControl('pause'),
  '/api/common/channel/playback/resume': playbackControl('resume'),
  '/api/common/channel/playback/seek': playbackControl('seek'),
  '/api/common/channel/playback/speed': playbackControl('speed'),
};
