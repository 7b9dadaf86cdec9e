// PTZ through wvp's common channel API: moves and stop, presets, and drag-a-box zoom where the server has it.
// Upstream: gb28181/controller/ChannelFrontEndController.java (master 768d740; v2.7.4-20260107 has no drag_zoom_*),
// whose speeds are 0–100 (wvp scales them to GB28181's 0–255 pan/tilt and 0–15 zoom bytes itself, in
// FrontEndControlCodeForPTZ).
import type { PictureBox, PtzDirection, PtzMove } from '@shared/model/camera-platform';
import { ConnectorError, type ConnectorCameraRef, type PtzControl } from '../../connector';
import type { WvpHttp } from './wvp-http';
import { toPresets } from './wvp-records';

const base = '/api/common/channel/front-end';

/** The contract's directions as ChannelFrontEndController's `command` words. */
const commandOf: Record<PtzDirection, string> = {
  up: 'up',
  down: 'down',
  left: 'left',
  right: 'right',
  'up-left': 'upleft',
  'up-right': 'upright',
  'down-left': 'downleft',
  'down-right': 'downright',
  'zoom-in': 'zoomin',
  'zoom-out': 'zoomout',
};

/**
 * A move's speed 0..1 as wvp's 0–100. Never 0: GB28181 speed 0 leaves the head still, and the contract's 0 is
 * "slowest", not "stopped".
 */
export function wvpSpeedOf(speed: number): number {
  return Math.min(100, Math.max(1, Math.round(speed * 100)));
}

/**
 * The picture size drag-a-box zoom is described in (GB28181 A.2.8: the window's length and width in pixels, the
 * box's centre and size). The box arrives as fractions, so any frame works; 1920×1080 is what devices expect.
 */
const frame = { length: 1920, width: 1080 };

export function createWvpPtz(http: WvpHttp, hasAreaZoom: () => boolean): PtzControl {
  const channelId = (camera: ConnectorCameraRef) => camera.platformCameraId;
  return {
    async move(camera, move: PtzMove) {
      const speed = wvpSpeedOf(move.speed);
      await http.get(`${base}/ptz`, {
        channelId: channelId(camera),
        command: commandOf[move.direction],
        panSpeed: speed,
        tiltSpeed: speed,
        zoomSpeed: speed,
      });
    },
    async stop(camera) {
      await http.get(`${base}/ptz`, { channelId: channelId(camera), command: 'stop' });
    },
    async presets(camera) {
      return toPresets(await http.get(`${base}/preset/query`, { channelId: channelId(camera) }));
    },
    async goToPreset(camera, presetId) {
      // Preset ids are GB28181's 1–255 (presetId is an Integer parameter upstream).
      if (!/^\d{1,3}$/.test(presetId)) throw new ConnectorError('refused', `预置位编号无效：${presetId}`);
      await http.get(`${base}/preset/call`, { channelId: channelId(camera), presetId });
    },
    async areaZoom(camera, box: PictureBox, zoomIn: boolean) {
      if (!hasAreaZoom()) throw new ConnectorError('unsupported', '此 wvp 版本不支持拉框放大');
      await http.get(`${base}/${zoomIn ? 'drag_zoom_in' : 'drag_zoom_out'}`, {
        channelId: channelId(camera),
        length: frame.length,
        width: frame.width,
        midPointX: Math.round((box.x + box.width / 2) * frame.length),
        midPointY: Math.round((box.y + box.height / 2) * frame.width),
        lengthX: Math.max(1, Math.round(box.width * frame.length)),
        lengthY: Math.max(1, Math.round(box.height * frame.width)),
      });
    },
  };
}
