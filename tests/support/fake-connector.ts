// A camera platform double for catalogue and live-stream tests: lists the cameras it is given in pages, can be
// taken down and brought back, reports status changes on demand, and counts the streams it opened and released.
import { Emitter } from '@shared/base/emitter';
import {
  liveOnlyCapabilities,
  type CameraStatus,
  type ConnectorHealth,
  type PlatformAlarm,
  type PlatformCapabilities,
} from '@shared/model/camera-platform';
import {
  ConnectorError,
  type CameraConnector,
  type CameraPage,
  type ConnectorCameraRef,
  type LiveStream,
  type PlatformCamera,
  type StatusChange,
} from '../../electron/core/cameras/connector';

export interface FakeConnectorOptions {
  readonly platformId: string;
  readonly cameras?: readonly PlatformCamera[];
  readonly pageSize?: number;
  /** Malformed records the platform "sent" on each page (counted as skipped). */
  readonly skippedPerPage?: number;
  readonly capabilities?: Partial<PlatformCapabilities>;
}

/** `count` GB28181-like channels `34020000001320000001…`, every tenth offline, under civil code 330106. */
export function fakePlatformCameras(count: number): PlatformCamera[] {
  return Array.from({ length: count }, (_, index) => ({
    platformCameraId: `3402000000132${String(index + 1).padStart(7, '0')}`,
    name: `通道 ${index + 1}`,
    position: {
      lonLat: [120.1 + (index % 100) * 0.001, 30.2 + Math.floor(index / 100) * 0.0001],
      crs: 'wgs84',
    },
    status: index % 10 === 9 ? 'offline' : 'online',
    hasPtz: index % 5 === 0,
    civilCode: '330106001',
    businessGroup: index % 2 === 0 ? 'bg-east' : 'bg-west',
  }));
}

export class FakeConnector implements CameraConnector {
  readonly platformId: string;
  readonly capabilities: PlatformCapabilities;
  cameras: PlatformCamera[];
  /** While true every call fails as an unreachable platform would. */
  isDown = false;
  /** Pages listed, streams opened and released, for assertions. */
  pagesListed = 0;
  readonly opened: string[] = [];
  readonly released: string[] = [];
  private readonly pageSize: number;
  private readonly skippedPerPage: number;
  private readonly healthChanged = new Emitter<ConnectorHealth>();
  private readonly statusChanged = new Emitter<readonly StatusChange[]>();
  private readonly alarmRaised = new Emitter<PlatformAlarm>();
  readonly onHealth = this.healthChanged.event;
  readonly onStatus = this.statusChanged.event;
  readonly onAlarm = this.alarmRaised.event;

  constructor(options: FakeConnectorOptions) {
    this.platformId = options.platformId;
    this.cameras = [...(options.cameras ?? [])];
    this.pageSize = options.pageSize ?? 500;
    this.skippedPerPage = options.skippedPerPage ?? 0;
    this.capabilities = {
      ...liveOnlyCapabilities,
      listsCameras: true,
      statusEvents: true,
      ...options.capabilities,
    };
  }

  readonly health = (): ConnectorHealth => ({
    platformId: this.platformId,
    state: this.isDown ? 'down' : 'connected',
    ...(this.isDown ? { problem: '无法连接' } : {}),
    cameras: this.cameras.length,
    skipped: 0,
  });

  async listCameras(next?: string): Promise<CameraPage> {
    if (this.isDown) throw new ConnectorError('unreachable', '无法连接');
    this.pagesListed += 1;
    const start = next === undefined ? 0 : Number(next);
    const end = start + this.pageSize;
    return {
      cameras: this.cameras.slice(start, end),
      skipped: this.skippedPerPage,
      total: this.cameras.length,
      ...(end < this.cameras.length ? { next: String(end) } : {}),
    };
  }

  async openLive(camera: ConnectorCameraRef, profile: 'main' | 'sub'): Promise<LiveStream> {
    if (this.isDown) throw new ConnectorError('unreachable', '无法连接');
    const key = `${camera.platformCameraId}/${profile}`;
    this.opened.push(key);
    return {
      url: `ws://platform.test/rtp/${camera.platformCameraId}_${profile}.live.flv`,
      kind: 'ws-flv',
      release: async () => {
        this.released.push(key);
      },
    };
  }

  /** The platform reports status changes (as wvp's channel events do). */
  reportStatus(changes: readonly { platformCameraId: string; status: CameraStatus }[]): void {
    this.statusChanged.fire(changes);
  }

  /** Takes the platform down or brings it back, telling listeners as a real connector's health would. */
  setDown(isDown: boolean): void {
    this.isDown = isDown;
    this.healthChanged.fire(this.health());
  }

  dispose(): void {
    this.healthChanged.dispose();
    this.statusChanged.dispose();
    this.alarmRaised.dispose();
  }
}
