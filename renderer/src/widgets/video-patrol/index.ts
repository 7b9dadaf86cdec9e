// The `video.patrol` widget kind: a camera group cycling through one wall cell (视频轮巡).
import { defineWidgetKind } from '../define-widget-kind';
import VideoPatrolView from './VideoPatrolView.vue';

/** A patrol tile: one camera per dwell (≥ 5 s), paused and resumed from the console. */
export const videoPatrolKind = defineWidgetKind({
  id: 'video.patrol',
  version: 1,
  label: { zh: '视频轮巡', en: 'Video patrol' },
  view: VideoPatrolView,
  describe: (widget) => `轮巡 ${widget.options.cameraIds.length} 路 · ${widget.options.dwellSeconds}s`,
  fixtures: [
    {
      kind: 'video.patrol',
      options: { cameraIds: ['cam-0001', 'cam-0002', 'cam-0003'], dwellSeconds: 10, profile: 'auto' },
    },
  ],
});
