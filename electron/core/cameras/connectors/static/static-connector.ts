// A static URL-template platform as a CameraConnector: plays the cameras cameras.json lists for it, and nothing
// else (no listing, no status, no PTZ). Workspaces without connectors run through this exactly as before.
import { Emitter } from '@shared/base/emitter';
import type { Camera, Platform } from '@shared/model/camera';
import {
  liveOnlyCapabilities,
  type ConnectorHealth,
  type PlatformAlarm,
} from '@shared/model/camera-platform';
import type {
  CameraConnector,
  CameraPage,
  ConnectorCameraRef,
  LiveStream,
  StatusChange,
} from '../../connector';
import { resolveStreamUrl } from '../../stream-url';

/**
 * The connector of one template platform. `origin()` names the media address `{origin}` is filled with (the
 * demo server's rotating addresses); a camera's `platformCameraId` is its `streamId`.
 */
export class StaticConnector implements CameraConnector {
  readonly capabilities = liveOnlyCapabilities;
  readonly platformId: string;
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
  ) {
    this.platformId = platform.id;
  }

  readonly health = (): ConnectorHealth => ({
    platformId: this.platformId,
    state: 'connected',
    cameras: this.cameras.length,
    skipped: 0,
  });

  /** The platform's cameras of cameras.json, on one page (the catalogue keeps them as they are filed there). */
  async listCameras(): Promise<CameraPage> {
    return {
      cameras: this.cameras.map((camera) => ({
        platformCameraId: camera.streamId,
        name: camera.name,
        status: camera.isOnline ? 'online' : 'offline',
        hasPtz: false,
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
    this.healthChanged.dispose();
    this.statusChanged.dispose();
    this.alarmRaised.dispose();
  }
}
