// A static URL-template platform as a CameraConnector: plays the cameras cameras.json lists for it, and nothing
// else (no listing, no status) but the PTZ of an ONVIF platform, which it takes from that platform's ONVIF
// connector. Workspaces without connectors run through this exactly as before.
import { Emitter } from '@shared/base/emitter';
import type { Camera, Platform } from '@shared/model/camera';
import {
  liveOnlyCapabilities,
  type ConnectorHealth,
  type PlatformAlarm,
  type PlatformCapabilities,
} from '@shared/model/camera-platform';
import type {
  CameraConnector,
  CameraPage,
  ConnectorCameraRef,
  LiveStream,
  PtzControl,
  StatusChange,
} from '../../connector';
import { resolveStreamUrl } from '../../stream-url';

/**
 * The connector of one template platform. `origin()` names the media address `{origin}` is filled with (the
 * demo server's rotating addresses); a camera's `platformCameraId` is its `streamId`. `ptzSource`, an ONVIF
 * platform's connector (owned: disposed with this one), gives its cameras PTZ and the platform its health, while
 * live still plays the templates.
 */
export class StaticConnector implements CameraConnector {
  readonly capabilities: PlatformCapabilities;
  readonly platformId: string;
  readonly ptz?: PtzControl;
  private readonly healthChanged = new Emitter<ConnectorHealth>();
  private readonly statusChanged = new Emitter<readonly StatusChange[]>();
  private readonly alarmRaised = new Emitter<PlatformAlarm>();
  readonly onHealth = this.healthChanged.event;
  readonly onStatus = this.statusChanged.event;
  readonly onAlarm = this.alarmRaised.event;

  constructor(
    private readonly platform: Platform,
    private readonly cameras: readonly Camera[],
    private readonly origin: () => string,
    private readonly ptzSource?: CameraConnector,
  ) {
    this.platformId = platform.id;
    this.capabilities = ptzSource?.ptz
      ? { ...liveOnlyCapabilities, ptz: ptzSource.capabilities.ptz }
      : liveOnlyCapabilities;
    this.ptz = ptzSource?.ptz;
    ptzSource?.onHealth((health) => this.healthChanged.fire({ ...health, cameras: this.cameras.length }));
  }

  readonly health = (): ConnectorHealth => ({
    platformId: this.platformId,
    state: 'connected',
    skipped: 0,
    ...this.ptzSource?.health(),
    cameras: this.cameras.length,
  });

  /** Whether a camera has a PTZ head: an ONVIF platform's cameras that have a device entry. */
  hasPtz(platformCameraId: string): boolean {
    const connector = this.platform.connector;
    return (
      this.ptz !== undefined &&
      connector?.type === 'onvif' &&
      Object.hasOwn(connector.devices, platformCameraId)
    );
  }

  /** The platform's cameras of cameras.json, on one page (the catalogue keeps them as they are filed there). */
  async listCameras(): Promise<CameraPage> {
    return {
      cameras: this.cameras.map((camera) => ({
        platformCameraId: camera.streamId,
        name: camera.name,
        status: camera.isOnline ? 'online' : 'offline',
        hasPtz: this.hasPtz(camera.streamId),
      })),
      skipped: 0,
      total: this.cameras.length,
    };
  }

  async openLive(camera: ConnectorCameraRef, profile: 'main' | 'sub'): Promise<LiveStream> {
    return this.streamAt(camera, profile, this.origin());
  }

  /**
   * The stream on a given media address: `media.prefetch` puts both profiles of one tile on one address, as
   * resolving them one by one would.
   */
  streamAt(camera: ConnectorCameraRef, profile: 'main' | 'sub', origin: string): LiveStream {
    return {
      url: resolveStreamUrl(this.platform, camera.platformCameraId, profile, origin),
      kind: this.platform.kind,
      // A template stream is always there: nothing to stop.
      release: async () => undefined,
    };
  }

  dispose(): void {
    this.ptzSource?.dispose();
    this.healthChanged.dispose();
    this.statusChanged.dispose();
    this.alarmRaised.dispose();
  }
}
