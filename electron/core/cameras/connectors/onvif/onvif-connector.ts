// The ONVIF connector: PTZ of cameras reached directly (ContinuousMove, Stop, GetPresets, GotoPreset of the ver20 PTZ
// service), signed with a WS-Security UsernameToken digest. It lists nothing and plays nothing: the platform's URL
// templates play the streams (the static connector asks this one for PTZ, see camera-services.ts).
import { Emitter } from '@shared/base/emitter';
import type { Platform } from '@shared/model/camera';
import type {
  ConnectorHealth,
  PlatformAlarm,
  PlatformCapabilities,
  PtzDirection,
  PtzMove,
  PtzPreset,
} from '@shared/model/camera-platform';
import {
  ConnectorError,
  type CameraConnector,
  type ConnectorCameraRef,
  type PtzControl,
  type StatusChange,
} from '../../connector';
import { readSecret } from '../../read-secret';
import { attribute, deviceTime, elements, escapeXml, onvifNamespaces, soapCall, textOf } from './onvif-soap';

export interface OnvifConnectorOptions {
  /** Where a `{ file }` secret is looked up. */
  readonly workspaceDir: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly fetch?: typeof fetch;
  /** The clock the UsernameToken's `Created` is stamped with. */
  readonly now?: () => number;
  /** Per SOAP call (default 5 s). */
  readonly timeoutMs?: number;
}

/** Move and presets; no standard area zoom or centring in ONVIF PTZ; nothing listed or recorded here. */
export const onvifCapabilities: PlatformCapabilities = {
  onDemandLive: false,
  listsCameras: false,
  statusEvents: false,
  alarms: false,
  ptz: { move: true, presets: true, areaZoom: false, centre: false },
  playback: { recordings: false, seek: false, pause: false, speeds: [1] },
};

/** Pan (right +), tilt (up +) and zoom (in +) signs of each direction. */
const axes: Record<PtzDirection, { pan: number; tilt: number; zoom: number }> = {
  up: { pan: 0, tilt: 1, zoom: 0 },
  down: { pan: 0, tilt: -1, zoom: 0 },
  left: { pan: -1, tilt: 0, zoom: 0 },
  right: { pan: 1, tilt: 0, zoom: 0 },
  'up-left': { pan: -1, tilt: 1, zoom: 0 },
  'up-right': { pan: 1, tilt: 1, zoom: 0 },
  'down-left': { pan: -1, tilt: -1, zoom: 0 },
  'down-right': { pan: 1, tilt: -1, zoom: 0 },
  'zoom-in': { pan: 0, tilt: 0, zoom: 1 },
  'zoom-out': { pan: 0, tilt: 0, zoom: -1 },
};

/**
 * The ContinuousMove velocity of a move, in the generic velocity space (-1..1). Speed 0 is the slowest move, not
 * none (a velocity of 0 would not move at all): 0..1 maps onto 0.1..1.
 */
export function onvifVelocity(move: PtzMove): { pan: number; tilt: number; zoom: number } {
  const magnitude = Math.round((0.1 + 0.9 * Math.min(1, Math.max(0, move.speed))) * 1000) / 1000;
  const { pan, tilt, zoom } = axes[move.direction];
  return { pan: pan * magnitude, tilt: tilt * magnitude, zoom: zoom * magnitude };
}

/** Where a device's PTZ is: its PTZ service address and the media profile token the calls name. */
interface DeviceTarget {
  readonly ptzUrl: string;
  readonly profileToken: string;
}

/** A service address a device announced, on the configured address's origin (its own may be behind NAT). */
function onOrigin(announced: string | undefined, address: string): string {
  if (!announced) return address;
  try {
    const url = new URL(announced);
    return new URL(url.pathname + url.search, new URL(address).origin).toString();
  } catch {
    return address;
  }
}

export function createOnvifConnector(platform: Platform, options: OnvifConnectorOptions): CameraConnector {
  if (platform.connector?.type !== 'onvif') {
    throw new Error(`platform ${platform.id}: not an onvif connector`);
  }
  const devices = platform.connector.devices;
  const fetchCall = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 5000;

  const healthEmitter = new Emitter<ConnectorHealth>();
  const statusEmitter = new Emitter<readonly StatusChange[]>();
  const alarmEmitter = new Emitter<PlatformAlarm>();
  /** streamId → what went wrong at its last call (cleared by a call that works). */
  const failing = new Map<string, { reason: ConnectorError['reason']; problem: string }>();
  const cameraCount = Object.keys(devices).length;
  let health: ConnectorHealth = {
    platformId: platform.id,
    state: 'connected',
    cameras: cameraCount,
    skipped: 0,
  };
  const updateHealth = () => {
    const problems = [...failing.values()];
    // A refused password is down (nothing works until someone fixes it); an unreachable device is degraded.
    const worst =
      problems.find((item) => item.reason === 'unauthorised') ??
      problems.find((item) => item.reason === 'unreachable');
    const next: ConnectorHealth = {
      platformId: platform.id,
      state: worst === undefined ? 'connected' : worst.reason === 'unauthorised' ? 'down' : 'degraded',
      cameras: cameraCount,
      skipped: 0,
      ...(worst !== undefined
        ? {
            problem: (problems.length > 1
              ? `${worst.problem}（另有 ${problems.length - 1} 台设备异常）`
              : worst.problem
            ).slice(0, 500),
          }
        : {}),
    };
    if (next.state === health.state && next.problem === health.problem) return;
    health = next;
    healthEmitter.fire(health);
  };

  const targets = new Map<string, Promise<DeviceTarget>>();
  /** streamId → how far the device's clock is ahead of ours (ms): the digest's `Created` is stamped in its time. */
  const clockShift = new Map<string, number>();

  /** Asks the device its time; true when it is off by more than 5 s from what we signed with (worth a retry). */
  async function resynchronise(streamId: string, address: string, name: string): Promise<boolean> {
    const answer = await soapCall({
      url: address,
      action: `${onvifNamespaces.tds}/GetSystemDateAndTime`,
      body: '<tds:GetSystemDateAndTime/>',
      username: undefined,
      password: '',
      timeoutMs,
      now,
      fetch: fetchCall,
      device: name,
    }).catch(() => '');
    const time = deviceTime(answer);
    if (time === undefined) return false;
    const shift = time - now();
    if (Math.abs(shift - (clockShift.get(streamId) ?? 0)) < 5_000) return false;
    clockShift.set(streamId, shift);
    return true;
  }

  /** Runs `work` against a camera's device, keeping the platform's health from how it went. */
  async function withDevice<T>(
    camera: ConnectorCameraRef,
    work: (call: (url: string, action: string, body: string) => Promise<string>) => Promise<T>,
  ): Promise<T> {
    const streamId = camera.platformCameraId;
    const device = Object.hasOwn(devices, streamId) ? devices[streamId] : undefined;
    if (!device) {
      throw new ConnectorError(
        'not-found',
        `摄像机 ${camera.cameraId} 没有配置 ONVIF 设备（streamId ${streamId}）`,
      );
    }
    const name = `${camera.cameraId}（${device.address}）`;
    try {
      const password = await readSecret(device.password, {
        workspaceDir: options.workspaceDir,
        env: options.env,
      }).catch((error: Error) => {
        throw new ConnectorError('unauthorised', `ONVIF 设备 ${name} 的密码不可用：${error.message}`);
      });
      const call = (url: string, action: string, body: string) =>
        soapCall({
          url,
          action,
          body,
          username: device.username,
          password,
          timeoutMs,
          now: () => now() + (clockShift.get(streamId) ?? 0),
          fetch: fetchCall,
          device: name,
        });
      const result = await work(call).catch(async (error: unknown) => {
        // A device whose clock is off refuses the digest's time as it would a wrong password: sign in its time
        // (as ONVIF clients do) and try once more; a refusal that stays is the password.
        const refused = error instanceof ConnectorError && error.reason === 'unauthorised';
        if (!refused || !(await resynchronise(streamId, device.address, name))) throw error;
        return work(call);
      });
      if (failing.delete(streamId)) updateHealth();
      return result;
    } catch (error) {
      if (
        error instanceof ConnectorError &&
        (error.reason === 'unauthorised' || error.reason === 'unreachable')
      ) {
        failing.set(streamId, { reason: error.reason, problem: error.message });
        updateHealth();
      }
      throw error;
    }
  }

  /** The device's PTZ address and PTZ profile, asked once (GetCapabilities, GetProfiles) and kept while it works. */
  function targetOf(
    streamId: string,
    call: (url: string, action: string, body: string) => Promise<string>,
  ): Promise<DeviceTarget> {
    let target = targets.get(streamId);
    if (!target) {
      const address = devices[streamId]!.address;
      target = (async () => {
        let mediaUrl = address;
        let ptzUrl = address;
        try {
          const capabilities = await call(
            address,
            `${onvifNamespaces.tds}/GetCapabilities`,
            '<tds:GetCapabilities><tds:Category>All</tds:Category></tds:GetCapabilities>',
          );
          mediaUrl = onOrigin(textOf(elements(capabilities, 'Media')[0]?.inner ?? '', 'XAddr'), address);
          ptzUrl = onOrigin(textOf(elements(capabilities, 'PTZ')[0]?.inner ?? '', 'XAddr'), address);
        } catch (error) {
          // A device without GetCapabilities usually serves every service at its one address.
          if (!(error instanceof ConnectorError) || error.reason !== 'refused') throw error;
        }
        const profiles = elements(
          await call(mediaUrl, `${onvifNamespaces.trt}/GetProfiles`, '<trt:GetProfiles/>'),
          'Profiles',
        );
        const withPtz = profiles.find((profile) => elements(profile.inner, 'PTZConfiguration').length > 0);
        const profileToken = attribute(withPtz?.attributes ?? '', 'token');
        if (!profileToken) {
          throw new ConnectorError(
            'unsupported',
            `ONVIF 设备 ${address} 没有带云台配置的媒体配置（profile）`,
          );
        }
        return { ptzUrl, profileToken };
      })();
      targets.set(streamId, target);
      // Asked again after a failure: a device that was off or misconfigured may be fixed.
      target.catch(() => targets.delete(streamId));
    }
    return target;
  }

  const ptzCall = <T>(
    camera: ConnectorCameraRef,
    operation: string,
    body: (profileToken: string) => string,
    answer: (xml: string) => T,
  ) =>
    withDevice(camera, async (call) => {
      const target = await targetOf(camera.platformCameraId, call);
      return answer(
        await call(
          target.ptzUrl,
          `${onvifNamespaces.tptz}/${operation}`,
          body(escapeXml(target.profileToken)),
        ),
      );
    });

  const ptz: PtzControl = {
    move: (camera, move) => {
      const velocity = onvifVelocity(move);
      const panTilt =
        velocity.pan !== 0 || velocity.tilt !== 0
          ? `<tt:PanTilt x="${velocity.pan}" y="${velocity.tilt}"/>`
          : '';
      const zoom = velocity.zoom !== 0 ? `<tt:Zoom x="${velocity.zoom}"/>` : '';
      return ptzCall(
        camera,
        'ContinuousMove',
        (token) =>
          `<tptz:ContinuousMove><tptz:ProfileToken>${token}</tptz:ProfileToken>` +
          `<tptz:Velocity>${panTilt}${zoom}</tptz:Velocity></tptz:ContinuousMove>`,
        () => undefined,
      );
    },
    stop: (camera) =>
      ptzCall(
        camera,
        'Stop',
        (token) =>
          `<tptz:Stop><tptz:ProfileToken>${token}</tptz:ProfileToken>` +
          `<tptz:PanTilt>true</tptz:PanTilt><tptz:Zoom>true</tptz:Zoom></tptz:Stop>`,
        () => undefined,
      ),
    presets: (camera) =>
      ptzCall(
        camera,
        'GetPresets',
        (token) => `<tptz:GetPresets><tptz:ProfileToken>${token}</tptz:ProfileToken></tptz:GetPresets>`,
        (xml) => {
          const presets: PtzPreset[] = [];
          for (const preset of elements(xml, 'Preset')) {
            const id = attribute(preset.attributes, 'token');
            // A preset without a token cannot be called; skipped, as a malformed record is.
            if (!id || id.length > 64) continue;
            presets.push({ id, name: (textOf(preset.inner, 'Name') ?? id).slice(0, 120) });
          }
          return presets;
        },
      ),
    goToPreset: (camera, presetId) =>
      ptzCall(
        camera,
        'GotoPreset',
        (token) =>
          `<tptz:GotoPreset><tptz:ProfileToken>${token}</tptz:ProfileToken>` +
          `<tptz:PresetToken>${escapeXml(presetId)}</tptz:PresetToken></tptz:GotoPreset>`,
        () => undefined,
      ),
  };

  return {
    platformId: platform.id,
    capabilities: onvifCapabilities,
    health: () => health,
    onHealth: healthEmitter.event,
    onStatus: statusEmitter.event,
    onAlarm: alarmEmitter.event,
    ptz,
    async listCameras() {
      // cameras.json files them (listsCameras: false); nothing to list here.
      return { cameras: [], skipped: 0, total: 0 };
    },
    async openLive(camera) {
      throw new ConnectorError(
        'unsupported',
        `摄像机 ${camera.cameraId} 的视频由平台的 URL 模板播放，不经 ONVIF`,
      );
    },
    dispose() {
      healthEmitter.dispose();
      statusEmitter.dispose();
      alarmEmitter.dispose();
    },
  };
}
