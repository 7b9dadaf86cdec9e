// The double's channel estate: up to 26,000 GB28181 channels of the demo district (浦江示范区), generated from a
// seed so every run lists the same cameras, kept compact, and expanded into wvp's CommonGBChannel on the way out.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSeededRandom } from '../../../shared/base/seeded-random';
import { formatWvpTime } from './wvp-replies';

/**
 * A street of the demo district with the civil code (行政区划, gbCivilCode) its cameras carry. 310199 is not a real
 * district code (Huangpu is 310101), as the district itself is invented; 8 digits is GB28181's street level.
 */
export interface WvpStreet {
  readonly id: string;
  readonly name: string;
  readonly civilCode: string;
  /** The street's outline (WGS-84 [lon, lat]) from resources/demo/district.geojson. */
  readonly outline: readonly (readonly [number, number])[];
}

/** One channel as the double keeps it; `toCommonGBChannel` gives the wire shape. */
export interface WvpChannel {
  /** Database id (CommonGBChannel.gbId): what every `channelId` parameter of the common API means. */
  readonly gbId: number;
  /** The 20-digit GB28181 code: civil code (8) + industry 00 + type 132 (IP camera) + network 0 + serial (6). */
  readonly gbDeviceId: string;
  readonly gbName: string;
  readonly gbCivilCode: string;
  readonly streetId: string;
  /** WGS-84, as wvp stores positions. */
  readonly gbLongitude: number;
  readonly gbLatitude: number;
  online: boolean;
  /** 1 球机, 2 半球, 3 固定枪机, 4 遥控枪机; null when the device never reported it (common). */
  readonly gbPtzType: number | null;
  readonly gbBusinessGroupId: string;
  /** The NVR (type 118) the channel hangs under. */
  readonly gbParentId: string;
  readonly dataDeviceId: number;
  readonly gbManufacturer: string;
  readonly createTime: string;
  /**
   * Fields that replace (or, with `undefined`, remove) fields of the wire record: how the double serves
   * malformed channels.
   */
  readonly overrides?: Readonly<Record<string, unknown>>;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const civilCodes: Record<string, string> = {
  nanjingdonglu: '31019901',
  waitan: '31019902',
  yuyuan: '31019903',
  xiaodongmen: '31019904',
  laoximen: '31019905',
  huaihaizhonglu: '31019906',
  dapuqiao: '31019907',
  lujiazui: '31019908',
};

const roads: Record<string, readonly string[]> = {
  nanjingdonglu: ['南京东路', '河南中路', '九江路', '福州路'],
  waitan: ['中山东一路', '北京东路', '滇池路', '圆明园路'],
  yuyuan: ['方浜中路', '旧校场路', '福佑路', '安仁街'],
  xiaodongmen: ['中华路', '东门路', '外马路', '董家渡路'],
  laoximen: ['复兴东路', '西藏南路', '文庙路', '蓬莱路'],
  huaihaizhonglu: ['淮海中路', '马当路', '黄陂南路', '顺昌路'],
  dapuqiao: ['徐家汇路', '瑞金二路', '蒙自路', '丽园路'],
  lujiazui: ['世纪大道', '陆家嘴环路', '银城中路', '浦东南路'],
};

const directions = ['东', '南', '西', '北'];
const manufacturers = ['Hikvision', 'Dahua', 'Uniview', 'TIANDY'];

let streetsCache: WvpStreet[] | undefined;

/** The district's eight streets, read once from the demo workspace. */
export function wvpStreets(): readonly WvpStreet[] {
  if (streetsCache) return streetsCache;
  const text = readFileSync(path.join(root, 'resources', 'demo', 'district.geojson'), 'utf8');
  const collection = JSON.parse(text) as {
    features: {
      properties: { kind: string; id: string; name: string };
      geometry: { coordinates: unknown };
    }[];
  };
  streetsCache = collection.features
    .filter((feature) => feature.properties.kind === 'street')
    .map((feature) => {
      const civilCode = civilCodes[feature.properties.id];
      if (!civilCode) throw new Error(`wvp double: no civil code for street ${feature.properties.id}`);
      const rings = feature.geometry.coordinates as [number, number][][];
      return { id: feature.properties.id, name: feature.properties.name, civilCode, outline: rings[0] ?? [] };
    });
  return streetsCache;
}

/** Ray casting: true when the point lies inside the ring. */
export function isInside(
  point: readonly [number, number],
  ring: readonly (readonly [number, number])[],
): boolean {
  let inside = false;
  for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index, index += 1) {
    const [x1, y1] = ring[index]!;
    const [x2, y2] = ring[previous]!;
    if (y1 > point[1] !== y2 > point[1] && point[0] < ((x2 - x1) * (point[1] - y1)) / (y2 - y1) + x1) {
      inside = !inside;
    }
  }
  return inside;
}

export interface GenerateOptions {
  count: number;
  seed: number;
  /** Share of channels that start OFF (default 0.05). */
  offlineShare: number;
}

/** Channels per NVR: a channel's gbParentId is its recorder, as on a real platform fed by NVRs. */
const channelsPerRecorder = 32;
const createdFrom = Date.parse('2024-03-01T08:00:00+08:00');

/**
 * `count` channels spread round-robin over the streets, each placed inside its street's outline, so a connector's
 * civil-code mapping and a point-in-street check agree. Same seed, same channels.
 */
export function generateChannels(options: GenerateOptions): WvpChannel[] {
  const streets = wvpStreets();
  const random = createSeededRandom(options.seed);
  const serials = new Map<string, number>();
  const channels: WvpChannel[] = [];
  for (let index = 0; index < options.count; index += 1) {
    const street = streets[index % streets.length]!;
    const serial = (serials.get(street.id) ?? 0) + 1;
    serials.set(street.id, serial);
    const recorder = Math.floor((serial - 1) / channelsPerRecorder) + 1;
    const [longitude, latitude] = pointIn(street.outline, random);
    const road = pick(roads[street.id] ?? ['道路'], random);
    const ptzDraw = random();
    channels.push({
      gbId: index + 1,
      gbDeviceId: `${street.civilCode}001320${String(serial).padStart(6, '0')}`,
      gbName: `${street.name.replace('街道', '')}-${road}-${pick(directions, random)}-${String(serial).padStart(4, '0')}`,
      gbCivilCode: street.civilCode,
      streetId: street.id,
      gbLongitude: Math.round(longitude * 1e6) / 1e6,
      gbLatitude: Math.round(latitude * 1e6) / 1e6,
      online: random() >= options.offlineShare,
      gbPtzType: ptzDraw < 0.1 ? null : ptzDraw < 0.25 ? 1 : ptzDraw < 0.33 ? 2 : ptzDraw < 0.9 ? 3 : 4,
      gbBusinessGroupId: `${street.civilCode}00215${random() < 0.3 ? 1 : 2}${'0'.repeat(5)}1`,
      gbParentId: `${street.civilCode}001180${String(recorder).padStart(6, '0')}`,
      dataDeviceId: streets.indexOf(street) * 10_000 + recorder,
      gbManufacturer: pick(manufacturers, random),
      createTime: formatWvpTime(createdFrom + index * 1000),
    });
  }
  return channels;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

const boundsCache = new WeakMap<object, [number, number, number, number]>();

function pointIn(ring: readonly (readonly [number, number])[], random: () => number): [number, number] {
  let bounds = boundsCache.get(ring);
  if (!bounds) {
    const longitudes = ring.map((point) => point[0]);
    const latitudes = ring.map((point) => point[1]);
    bounds = [
      Math.min(...longitudes),
      Math.max(...longitudes),
      Math.min(...latitudes),
      Math.max(...latitudes),
    ];
    boundsCache.set(ring, bounds);
  }
  const [west, east, south, north] = bounds;
  for (;;) {
    const point: [number, number] = [west + (east - west) * random(), south + (north - south) * random()];
    if (isInside(point, ring)) return point;
  }
}

/** Whether the PTZ type steers (球机, 遥控枪机, 遥控半球): those answer presets. */
export function canSteer(channel: WvpChannel): boolean {
  return channel.gbPtzType === 1 || channel.gbPtzType === 4 || channel.gbPtzType === 5;
}

/**
 * The wire record: every field of CommonGBChannel (gb28181/bean/CommonGBChannel.java, Lombok @Data, Jackson
 * writes nulls), master 768d740 and v2.7.4-20260107 alike. `streamId` is set while the channel is playing.
 */
export function toCommonGBChannel(channel: WvpChannel, streamId: string | null): Record<string, unknown> {
  const record: Record<string, unknown> = {
    gbId: channel.gbId,
    gbDeviceId: channel.gbDeviceId,
    gbName: channel.gbName,
    gbManufacturer: channel.gbManufacturer,
    gbModel: 'IPC',
    gbOwner: null,
    gbCivilCode: channel.gbCivilCode,
    gbBlock: null,
    gbAddress: null,
    gbParental: 0,
    gbParentId: channel.gbParentId,
    gbSafetyWay: 0,
    gbRegisterWay: 1,
    gbCertNum: null,
    gbCertifiable: null,
    gbErrCode: null,
    gbEndTime: null,
    gbSecrecy: 0,
    gbIpAddress: null,
    gbPort: null,
    gbPassword: null,
    gbStatus: channel.online ? 'ON' : 'OFF',
    gbLongitude: channel.gbLongitude,
    gbLatitude: channel.gbLatitude,
    gpsAltitude: null,
    gpsSpeed: null,
    gpsDirection: null,
    gpsTime: null,
    gbBusinessGroupId: channel.gbBusinessGroupId,
    gbPtzType: channel.gbPtzType,
    gbPositionType: null,
    gbRoomType: 1,
    gbUseType: null,
    gbSupplyLightType: null,
    gbDirectionType: null,
    gbResolution: null,
    gbDownloadSpeed: null,
    gbSvcSpaceSupportMod: null,
    gbSvcTimeSupportMode: null,
    recordPLan: null,
    dataType: 1,
    dataDeviceId: channel.dataDeviceId,
    createTime: channel.createTime,
    updateTime: channel.createTime,
    streamId,
    enableBroadcast: 0,
    mapLevel: null,
  };
  for (const [field, value] of Object.entries(channel.overrides ?? {})) {
    if (value === undefined) delete record[field];
    else record[field] = value;
  }
  return record;
}

/** Ready-made malformed records, as platforms really serve them (hand-edited rows, half-registered devices). */
export const malformedKinds = {
  /** No GB code at all. */
  'missing-id': { gbDeviceId: undefined },
  /** A position typed by hand as text. */
  'bad-position': { gbLongitude: '121.5E', gbLatitude: 'abc' },
  /** Outside WGS-84's range (latitude and longitude swapped). */
  'swapped-position': { gbLongitude: 31.23, gbLatitude: 121.5 },
  /** A status that is neither ON nor OFF. */
  'bad-status': { gbStatus: 'UNKNOWN' },
  /** Name null (a channel whose catalogue never arrived). */
  'missing-name': { gbName: null },
} as const satisfies Record<string, Record<string, unknown>>;

export type MalformedKind = keyof typeof malformedKinds;
