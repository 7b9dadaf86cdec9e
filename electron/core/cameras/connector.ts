// The camera connector contract: what the core asks of a camera platform (wvp-GB28181-pro, ZLMediaKit, ONVIF,
// static URL templates). Connectors speak their platform's protocol and nothing else; the catalogue merges their
// cameras, the permissions and the journal wrap every call above them (see README.md).
import type { Disposable } from '@shared/base/disposable';
import type { Event } from '@shared/base/emitter';
import type { StreamKind } from '@shared/model/camera';
import type {
  CameraStatus,
  ConnectorHealth,
  PictureBox,
  PlatformAlarm,
  PlatformCapabilities,
  PtzMove,
  PtzPreset,
  RecordingSpan,
} from '@shared/model/camera-platform';

/**
 * A camera as its platform lists it, before the catalogue gives it a wall id and an area. Positions are in the
 * platform's own coordinate system (`crs`); the catalogue converts them for the base map.
 */
export interface PlatformCamera {
  /** The platform's id for the camera (a GB28181 channel's 20-digit code, a ZLMediaKit `app/stream`). */
  readonly platformCameraId: string;
  readonly name: string;
  readonly position?: {
    readonly lonLat: readonly [number, number];
    readonly crs: 'wgs84' | 'gcj02' | 'bd09';
  };
  readonly status: CameraStatus;
  readonly hasPtz: boolean;
  /** Where the platform files the camera: an administrative (civil) code and a business group, if it has them. */
  readonly civilCode?: string;
  readonly businessGroup?: string;
}

/** One page of a listing; `next` is passed back for the following page, absent on the last. */
export interface CameraPage {
  readonly cameras: readonly PlatformCamera[];
  readonly next?: string;
  /** Records on this page that were malformed and skipped (counted, never thrown). */
  readonly skipped: number;
  /** The platform's total, when it says (for progress). */
  readonly total?: number;
}

/** What a connector is asked about: the camera's platform-side id, as the catalogue keeps it. */
export interface ConnectorCameraRef {
  /** The wall's id (`cam-0001`, `wvp-34020000001320000001`): for logs and errors only. */
  readonly cameraId: string;
  readonly platformCameraId: string;
}

/** A live stream a tile can play; `release` tells an on-demand platform the wall stopped watching. */
export interface LiveStream {
  readonly url: string;
  readonly kind: StreamKind;
  release(): Promise<void>;
}

/** A status change a platform reported (or the catalogue's poll found). */
export interface StatusChange {
  readonly platformCameraId: string;
  readonly status: CameraStatus;
}

export interface PtzControl {
  /** Starts or continues a move; the platform keeps moving until `stop` (the lease sends it, see ptz-lease). */
  move(camera: ConnectorCameraRef, move: PtzMove): Promise<void>;
  stop(camera: ConnectorCameraRef): Promise<void>;
  presets(camera: ConnectorCameraRef): Promise<readonly PtzPreset[]>;
  goToPreset(camera: ConnectorCameraRef, presetId: string): Promise<void>;
  /** Only where `capabilities.ptz.areaZoom`: zoom into (or, `zoomIn: false`, out of) a box of the picture. */
  areaZoom?(camera: ConnectorCameraRef, box: PictureBox, zoomIn: boolean): Promise<void>;
  /** Only where `capabilities.ptz.centre`: turn towards a point of the picture (fractions of width/height). */
  centre?(camera: ConnectorCameraRef, point: { readonly x: number; readonly y: number }): Promise<void>;
}

/** A recording being played; every control is checked against `capabilities.playback` before it is called. */
export interface PlaybackStream {
  readonly url: string;
  readonly kind: StreamKind;
  /** The recorded time the stream starts at (epoch ms): the tile's 回放 clock counts from it. */
  readonly startsAt: number;
  seek(time: number): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  setSpeed(speed: number): Promise<void>;
  stop(): Promise<void>;
}

export interface PlaybackControl {
  /** The spans recorded between `from` and `to` (epoch ms), in time order. */
  recordings(camera: ConnectorCameraRef, from: number, to: number): Promise<readonly RecordingSpan[]>;
  /** Starts playing the recording from `from` (until `to`, or the end of the day's recordings). */
  start(camera: ConnectorCameraRef, from: number, to?: number): Promise<PlaybackStream>;
}

/**
 * One platform, connected. Calls reject with a `ConnectorError` naming what went wrong in the operator's words;
 * a connector never throws for a malformed record (it skips and counts it) and re-authenticates by itself when a
 * token expires. `dispose` stops its timers and sockets and releases the streams it still holds.
 */
export interface CameraConnector extends Disposable {
  readonly platformId: string;
  readonly capabilities: PlatformCapabilities;
  /** The current health and its changes, for the source strip. */
  readonly health: () => ConnectorHealth;
  readonly onHealth: Event<ConnectorHealth>;
  /** Lists the platform's cameras a page at a time (only where `capabilities.listsCameras`). */
  listCameras(next?: string): Promise<CameraPage>;
  /** Starts (or finds) a live stream of a camera in a profile. */
  openLive(camera: ConnectorCameraRef, profile: 'main' | 'sub'): Promise<LiveStream>;
  /** Present where `capabilities.ptz.move` or `.presets`. */
  readonly ptz?: PtzControl;
  /** Present where `capabilities.playback.recordings`. */
  readonly playback?: PlaybackControl;
  readonly onStatus: Event<readonly StatusChange[]>;
  readonly onAlarm: Event<PlatformAlarm>;
}

/** Why a platform call failed, sorted so the core can answer and the console can show it. */
export class ConnectorError extends Error {
  constructor(
    readonly reason: 'unreachable' | 'unauthorised' | 'not-found' | 'unsupported' | 'refused' | 'malformed',
    message: string,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

/**
 * How the rest of the core finds a camera's connector: the catalogue implements it. PTZ, playback and live
 * streams go through here, so they never hold a list of platforms of their own.
 */
export interface CameraDirectory {
  /** The connector and the platform-side reference of a wall camera, or undefined for an unknown camera. */
  find(cameraId: string):
    | {
        readonly connector: CameraConnector;
        readonly ref: ConnectorCameraRef;
        /** Whether this camera has a PTZ head (its listing's `hasPtz`); absent: as the platform's capabilities say. */
        readonly hasPtz?: boolean;
      }
    | undefined;
}
