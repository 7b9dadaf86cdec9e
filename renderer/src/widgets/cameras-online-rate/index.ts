// Widget kind `cameras.onlineRate`: 在线率 per street or grid, now and averaged since midnight.
import { defineWidgetKind } from '../define-widget-kind';
import CamerasOnlineRateView from './CamerasOnlineRateView.vue';

export const camerasOnlineRateKind = defineWidgetKind({
  id: 'cameras.onlineRate',
  label: { zh: '视频在线率', en: 'Camera online rate' },
  view: CamerasOnlineRateView,
  describe: (widget) => widget.options.title ?? widget.options.areaKind,
  messages: {
    'zh-CN': {
      onlineRate: {
        title: '视频在线率',
        area: '区域',
        now: '当前',
        average: '今日平均',
        unknown: '状态未知',
        none: '暂无摄像机',
      },
    },
    en: {
      onlineRate: {
        title: 'Camera online rate',
        area: 'Area',
        now: 'Now',
        average: 'Today',
        unknown: 'Unknown',
        none: 'No cameras',
      },
    },
  },
  fixtures: [{ kind: 'cameras.onlineRate', options: { areaKind: 'street', limit: 12 } }],
});
