// wvp's records read at the edge: a channel (CommonGBChannel) to a PlatformCamera, alarms of both versions (master's
// Alarm, 2.7.4's DeviceAlarm), recording files, presets and StreamContent addresses. A record that does not parse is
// undefined (the caller skips and counts it); nothing here throws for a platform's bad data.
import { z } from 'zod';
import type { StreamKind } from '@shared/model/camera';
import type { PtzPreset, RecordingSpan } from '@shared/model/camera-platform';
import type { PlatformCamera } from '../../connector';

/**
 * gb28181/bean/CommonGBChannel.java (master 768d740; the same fields in v2.7.4-20260107). Only what the wall uses is
 * checked; wvp writes every field, nulls included.
 */
const channelSchema = z.object({
  gbId: z.number().int().positive(),
  gbDeviceId: z.string().min(1).max(64),
  gbName: z.string().trim().min(1).max(200),
  gbStatus: z.enum(['ON', 'OFF']),
  // WGS-84 as wvp stores positions; 0/0 or null is "not placed" (common for devices that never reported one).
  gbLongitude: z.number().min(-180).max(180).nullish(),
  gbLatitude: z.number().min(-90).max(90).nullish(),
  // GB28181 A.3 PTZType: 1 球机, 2 半球, 3 固定枪机, 4 遥控枪机, 5 遥控半球 (2022); null when never reported.
  gbPtzType: z.number().int().nullish(),
  gbCivilCode: z.string().nullish(),
  gbBusinessGroupId: z.string().nullish(),
});

/** PTZ types that steer; a channel whose type was never reported gets no PTZ controls (they would do nothing). */
const steerablePtzTypes = new Set([1, 4, 5]);

/** A channel row as a PlatformCamera (gbId is the id every `channelId` parameter means), or undefined if malformed. */
export function toPlatformCamera(row: unknown): PlatformCamera | undefined {
  const parsed = channelSchema.safeParse(row);
  if (!parsed.success) return undefined;
  const channel = parsed.data;
  const { gbLongitude: longitude, gbLatitude: latitude } = channel;
  const isPlaced =
    typeof longitude === 'number' && typeof latitude === 'number' && (longitude !== 0 || latitude !== 0);
  return {
    platformCameraId: String(channel.gbId),
    name: channel.gbName,
    ...(isPlaced ? { position: { lonLat: [longitude, latitude] as const, crs: 'wgs84' as const } } : {}),
    status: channel.gbStatus === 'ON' ? 'online' : 'offline',
    hasPtz: channel.gbPtzType != null && steerablePtzTypes.has(channel.gbPtzType),
    ...(channel.gbCivilCode ? { civilCode: channel.gbCivilCode } : {}),
    ...(channel.gbBusinessGroupId ? { businessGroup: channel.gbBusinessGroupId } : {}),
  };
}

/** The GB code of a channel row, for matching 2.7.4's alarms (which name channels by code); undefined if absent. */
export function gbCodeOf(row: unknown): string | undefined {
  const code = (row as { gbDeviceId?: unknown } | null)?.gbDeviceId;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

/** PageHelper's PageInfo (com.github.pagehelper.PageInfo) as far as paging needs it. */
export const pageSchema = z.object({
  total: z.number().int().nonnegative().optional(),
  list: z.array(z.unknown()),
  hasNextPage: z.boolean().optional(),
});

const shanghaiOffsetMs = 8 * 3600_000;

/** wvp's DateUtil.PATTERN "yyyy-MM-dd HH:mm:ss" in its zone, Asia/Shanghai (UTC+8 without daylight saving). */
export function formatWvpTime(epochMs: number): string {
  const shifted = new Date(epochMs + shanghaiOffsetMs).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}

export function parseWvpTime(text: unknown): number | undefined {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return undefined;
  const epochMs = Date.parse(`${text.replace(' ', 'T')}+08:00`);
  return Number.isNaN(epochMs) ? undefined : epochMs;
}

/** The last second of the wvp day (Asia/Shanghai) that `epochMs` falls in. */
export function endOfWvpDay(epochMs: number): number {
  const dayMs = 86_400_000;
  return Math.floor((epochMs + shanghaiOffsetMs) / dayMs) * dayMs + dayMs - shanghaiOffsetMs - 1000;
}

/**
 * gb28181/bean/CommonRecordInfo.java (startTime, endTime as wvp times). Files that touch or overlap are joined
 * into one span, so the timeline shows gaps, not file boundaries; malformed files are left out.
 */
export function toRecordingSpans(rows: unknown): RecordingSpan[] {
  if (!Array.isArray(rows)) return [];
  const files: RecordingSpan[] = [];
  for (const row of rows as { startTime?: unknown; endTime?: unknown }[]) {
    const start = parseWvpTime(row?.startTime);
    const end = parseWvpTime(row?.endTime);
    if (start !== undefined && end !== undefined && end > start) files.push({ start, end });
  }
  files.sort((left, right) => left.start - right.start);
  const spans: RecordingSpan[] = [];
  for (const file of files) {
    const last = spans[spans.length - 1];
    // Devices report consecutive files a second apart (…29:59 / …30:00): still one recording.
    if (last && file.start <= last.end + 1000)
      spans[spans.length - 1] = { start: last.start, end: Math.max(last.end, file.end) };
    else spans.push(file);
  }
  return spans;
}

/** gb28181/bean/Preset.java: presetId and presetName, both strings; a preset without a numeric id is left out. */
export function toPresets(rows: unknown): PtzPreset[] {
  if (!Array.isArray(rows)) return [];
  const presets: PtzPreset[] = [];
  for (const row of rows as { presetId?: unknown; presetName?: unknown }[]) {
    const id = typeof row?.presetId === 'number' ? String(row.presetId) : row?.presetId;
    if (typeof id !== 'string' || !/^\d{1,3}$/.test(id)) continue;
    const name =
      typeof row.presetName === 'string' && row.presetName.trim() ? row.presetName.trim() : `预置位 ${id}`;
    presets.push({ id, name: name.slice(0, 120) });
  }
  return presets;
}

/** The StreamContent field (vmanager/bean/StreamContent.java) that a platform's `stream` setting chooses. */
export type WvpStreamField = 'ws_flv' | 'flv' | 'wss_flv' | 'https_flv' | 'fmp4' | 'hls';

/** How the wall's players take each field; fMP4 has no player here (the connector refuses it with the reason). */
export const streamKindOf: Record<WvpStreamField, StreamKind | undefined> = {
  ws_flv: 'ws-flv',
  wss_flv: 'ws-flv',
  flv: 'http-flv',
  https_flv: 'http-flv',
  hls: 'hls',
  fmp4: undefined,
};

/** One alarm of either version, read; `channel` is a gbId (master) or a GB code (2.7.4). */
export interface WvpAlarm {
  readonly id: string;
  readonly time: number;
  readonly type: string;
  readonly description: string;
  readonly channel: { readonly gbId: string } | { readonly gbCode: string } | undefined;
  readonly isVideoLoss: boolean;
}

/** master — service/bean/Alarm.java: channelId = gbId, alarmType an AlarmType enum name, alarmTime epoch ms. */
export function fromMasterAlarm(row: unknown): WvpAlarm | undefined {
  const alarm = row as Record<string, unknown> | null;
  if (!alarm || (typeof alarm.id !== 'number' && typeof alarm.id !== 'string')) return undefined;
  if (typeof alarm.alarmTime !== 'number' || alarm.alarmTime < 0) return undefined;
  const type = typeof alarm.alarmType === 'string' ? alarm.alarmType : '未知';
  return {
    id: String(alarm.id),
    time: Math.round(alarm.alarmTime),
    type: type.slice(0, 120),
    description: text(alarm.description) ?? type,
    channel: typeof alarm.channelId === 'number' ? { gbId: String(alarm.channelId) } : undefined,
    isVideoLoss: type === 'VideoLoss',
  };
}

/**
 * v2.7.4 — gb28181/bean/DeviceAlarm.java: channelId is the GB code, alarmMethod/alarmType GB28181 codes as strings
 * (method 2 设备报警, type 1 视频丢失报警), times "yyyy-MM-dd HH:mm:ss".
 */
export function fromDeviceAlarm(row: unknown): WvpAlarm | undefined {
  const alarm = row as Record<string, unknown> | null;
  if (!alarm || (typeof alarm.id !== 'number' && typeof alarm.id !== 'string')) return undefined;
  const time = parseWvpTime(alarm.alarmTime);
  if (time === undefined) return undefined;
  const method = text(alarm.alarmMethod);
  const code = text(alarm.alarmType);
  const type =
    text(alarm.alarmTypeDescription) ??
    text(alarm.alarmMethodDescription) ??
    `${method ?? '?'}/${code ?? '?'}`;
  return {
    id: String(alarm.id),
    time,
    type: type.slice(0, 120),
    description: text(alarm.alarmDescription) ?? type,
    channel: text(alarm.channelId) ? { gbCode: text(alarm.channelId)! } : undefined,
    isVideoLoss: method === '2' && code === '1',
  };
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 2000) : undefined;
}
