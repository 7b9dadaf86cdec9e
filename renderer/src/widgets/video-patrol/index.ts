// The `video.patrol` widget kind: a camera group cycling through one wall cell (视频轮巡), one tile or a block.
import { patrolBlockOf } from '@shared/model/patrol';
import { defineWidgetKind } from '../define-widget-kind';
import VideoPatrolView from './VideoPatrolView.vue';

/** A patrol cell: one camera (or one page of a rows×columns block) per dwell (≥ 5 s), paused from the console. */
export const videoPatrolKind = defineWidgetKind({
  id: 'video.patrol',
  label: { zh: '视频轮巡', en: 'Video patrol' },
  view: VideoPatrolView,
  describe: (widget) => {
    const { rows, columns } = patrolBlockOf(widget.options);
    const block = rows * columns > 1 ? `${rows}×${columns} · ` : '';
    return `轮巡 ${block}${widget.options.cameraIds.length} 路 · ${widget.options.dwellSeconds}s`;
  },
  fixtures: [
    {
      kind: 'video.patrol',
      options: { cameraIds: ['cam-0001', 'cam-0002', 'cam-0003'], dwellSeconds: 10, profile: 'auto' },
    },
    {
      kind: 'video.patrol',
      options: {
        cameraIds: ['cam-0001', 'cam-0002', 'cam-0003', 'cam-0004', 'cam-0005', 'cam-0006'],
        dwellSeconds: 10,
        profile: 'auto',
        block: { rows: 2, columns: 2 },
      },
    },
  ],
});
