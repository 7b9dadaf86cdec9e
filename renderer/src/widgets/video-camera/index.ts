// The `video.camera` widget kind: one live camera in a wall cell.
import { defineWidgetKind } from '../define-widget-kind';
import VideoCameraView from './VideoCameraView.vue';

/** A live camera tile (sub or main stream by tile size), with its name and playback state in Chinese. */
export const videoCameraKind = defineWidgetKind({
  id: 'video.camera',
  label: { zh: '视频', en: 'Video' },
  view: VideoCameraView,
  describe: (widget) => widget.options.cameraId,
  fixtures: [
    { kind: 'video.camera', options: { cameraId: 'cam-0001', profile: 'auto' } },
    { kind: 'video.camera', options: { cameraId: 'cam-0002', profile: 'sub' } },
    { kind: 'video.camera', options: { cameraId: 'cam-0003', profile: 'main' } },
  ],
});
