// Alarms of the wvp double, in each version's shape: master's /api/alarm/list (Alarm, newest first) and 2.7.4's
// /api/alarm/all (DeviceAlarm, oldest first) plus its /api/emit server-sent events. Master has no /api/emit.
import type http from 'node:http';
import type { WvpChannel } from './wvp-channels';
import type { QueryParameters } from './wvp-replies';
import { WvpFailure, errorCode, formatWvpTime, pageOf, parseWvpTime } from './wvp-replies';
import type { Route } from './wvp-channel-routes';
import type { StoredAlarm, WvpState } from './wvp-state';

/**
 * Master's AlarmType names (service/bean/AlarmType.java) that the double raises, with GB28181's alarm method
 * (2 设备报警, 5 视频报警) and type number that 2.7.4's DeviceAlarm carries for them.
 */
export const alarmTypes = {
  VideoLoss: { description: '视频丢失报警', method: '2', type: '1' },
  DeviceTamper: { description: '设备防拆报警', method: '2', type: '2' },
  StorageFull: { description: '存储设备磁盘满报警', method: '2', type: '3' },
  ManualVideo: { description: '人工视频报警', method: '5', type: '1' },
  MotionDetection: { description: '运动目标检测报警', method: '5', type: '2' },
  TripwireDetection: { description: '绊线检测报警', method: '5', type: '5' },
  IntrusionDetection: { description: '入侵检测报警', method: '5', type: '6' },
  CrowdGathering: { description: '人员聚集报警', method: '5', type: '10' },
} as const;

export type WvpAlarmType = keyof typeof alarmTypes;

const priorityNames = ['', '一级警情', '二级警情', '三级警情', '四级警情'];
const methodNames: Record<string, string> = { '2': '设备报警', '5': '视频报警' };

/** master: service/bean/Alarm.java — channelId is the channel's database id, alarmTime epoch milliseconds. */
function toAlarm(alarm: StoredAlarm, channel: WvpChannel | undefined): Record<string, unknown> {
  return {
    id: alarm.id,
    channelId: alarm.channelId,
    channelDeviceId: channel?.gbDeviceId ?? null,
    channelName: channel?.gbName ?? null,
    description: alarm.description,
    snapPath: null,
    recordPath: null,
    longitude: channel?.gbLongitude ?? null,
    latitude: channel?.gbLatitude ?? null,
    alarmType: alarm.type,
    alarmTime: alarm.at,
  };
}

/** v2.7.4: gb28181/bean/DeviceAlarm.java — GB codes as strings, times as "yyyy-MM-dd HH:mm:ss". */
export function toDeviceAlarm(alarm: StoredAlarm, channel: WvpChannel | undefined): Record<string, unknown> {
  const kind = alarmTypes[alarm.type as WvpAlarmType];
  return {
    id: String(alarm.id),
    deviceId: channel?.gbParentId ?? null,
    deviceName: channel ? `NVR-${channel.gbParentId.slice(-6)}` : null,
    channelId: channel?.gbDeviceId ?? null,
    alarmPriority: String(alarm.priority),
    alarmPriorityDescription: priorityNames[alarm.priority] ?? null,
    alarmMethod: kind?.method ?? null,
    alarmMethodDescription: kind ? (methodNames[kind.method] ?? null) : null,
    alarmTime: formatWvpTime(alarm.at),
    alarmDescription: alarm.description,
    longitude: channel?.gbLongitude ?? 0,
    latitude: channel?.gbLatitude ?? 0,
    alarmType: kind?.type ?? null,
    alarmTypeDescription: kind?.description ?? null,
    createTime: formatWvpTime(alarm.at),
  };
}

function timeFilter(name: string, text: string | undefined, code: number): number | undefined {
  if (!text) return undefined;
  const time = parseWvpTime(text);
  if (time === undefined) throw new WvpFailure(code, `${name}格式为yyyy-MM-dd HH:mm:ss`);
  return time;
}

function requiredInt(query: QueryParameters, name: string): number {
  // @RequestParam Integer/int: absent → MissingServletRequestParameterException → HTTP 500.
  query.requiredText(name);
  return query.primitiveInt(name);
}

/**
 * master — GET /api/alarm/list?page=&count=&alarmType=&beginTime=&endTime= (vmanager/alarm/AlarmController.java,
 * AlarmMapper.getAlarms: ORDER BY alarm_time DESC). alarmType is a comma-separated list of enum names.
 */
const listAlarms: Route = (state, query) => {
  const page = requiredInt(query, 'page');
  const count = requiredInt(query, 'count');
  const types = query.text('alarmType')?.split(',').filter(Boolean);
  for (const type of types ?? []) {
    if (!(type in alarmTypes)) {
      throw new WvpFailure(
        errorCode.serverError.code,
        `Method parameter 'alarmType': Failed to convert value of type 'java.lang.String[]' to required type ` +
          `'java.util.List'; No enum constant com.genersoft.iot.vmp.service.bean.AlarmType.${type}`,
        500,
      );
    }
  }
  const begin = timeFilter('beginTime', query.text('beginTime'), errorCode.badRequest.code);
  const end = timeFilter('endTime', query.text('endTime'), errorCode.badRequest.code);
  state.counters.alarmListRequests.push({ at: state.now() });
  const rows = state.alarms
    .filter((alarm) => !types?.length || types.includes(alarm.type))
    .filter((alarm) => (begin === undefined || alarm.at >= begin) && (end === undefined || alarm.at <= end))
    .sort((left, right) => right.at - left.at || right.id - left.id);
  return pageOf(rows, page, count, (alarm) => toAlarm(alarm, state.channelsById.get(alarm.channelId)));
};

/**
 * v2.7.4 — GET /api/alarm/all?page=&count=&deviceId=&channelId=&alarmType=&startTime=&endTime=
 * (gb28181/controller/AlarmController.java at v2.7.4-20260107, DeviceAlarmMapper: ORDER BY alarm_time ASC).
 * channelId here is the channel's GB code; a malformed time is code 400 in an HTTP 200.
 */
const allAlarms: Route = (state, query) => {
  const page = requiredInt(query, 'page');
  const count = requiredInt(query, 'count');
  const channelCode = query.text('channelId') || undefined;
  const deviceId = query.text('deviceId') || undefined;
  const begin = timeFilter('startTime', query.text('startTime'), errorCode.badRequest.code);
  const end = timeFilter('endTime', query.text('endTime'), errorCode.badRequest.code);
  state.counters.alarmListRequests.push({ at: state.now() });
  const rows = state.alarms
    .map((alarm) => ({ alarm, channel: state.channelsById.get(alarm.channelId) }))
    .filter(({ channel }) => channelCode === undefined || channel?.gbDeviceId === channelCode)
    .filter(({ channel }) => deviceId === undefined || channel?.gbParentId === deviceId)
    .filter(
      ({ alarm }) => (begin === undefined || alarm.at >= begin) && (end === undefined || alarm.at <= end),
    )
    .sort((left, right) => left.alarm.at - right.alarm.at || left.alarm.id - right.alarm.id);
  return pageOf(rows, page, count, ({ alarm, channel }) => toDeviceAlarm(alarm, channel));
};

export function alarmRoutes(version: WvpState['version']): Record<string, Route> {
  return version === 'master' ? { '/api/alarm/list': listAlarms } : { '/api/alarm/all': allAlarms };
}

/**
 * v2.7.4's SSE push (gb28181/controller/SseController.java + gb28181/session/SseSessionManager.java at
 * v2.7.4-20260107): GET /api/emit?browserId= without authentication, one connection per browserId (a second
 * one replaces the first, which then hears nothing), `event:keepalive` / `data:alive` every second, and each
 * alarm as `event:message` with the DeviceAlarm as JSON.
 */
export class AlarmEvents {
  private readonly sessions = new Map<string, http.ServerResponse>();
  private readonly timer: NodeJS.Timeout;

  constructor(keepaliveMs: number) {
    this.timer = setInterval(() => this.sendToAll('keepalive', 'alive'), keepaliveMs);
    this.timer.unref();
  }

  get connectionCount(): number {
    return this.sessions.size;
  }

  connect(browserId: string, response: http.ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.flushHeaders();
    this.sessions.set(browserId, response);
    response.on('close', () => {
      if (this.sessions.get(browserId) === response) this.sessions.delete(browserId);
    });
  }

  sendToAll(event: string, data: unknown): void {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    for (const response of this.sessions.values()) response.write(`event:${event}\ndata:${text}\n\n`);
  }

  /** Drops every listener (an outage); the keepalive timer keeps running for the next ones. */
  disconnectAll(): void {
    for (const response of this.sessions.values()) response.destroy();
    this.sessions.clear();
  }

  close(): void {
    clearInterval(this.timer);
    this.disconnectAll();
  }
}
