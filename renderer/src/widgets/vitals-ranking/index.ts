// Widget kind `vitals.ranking`: several indicators of one kind ranked by value (e.g. streets by hotline tickets).
import { defineWidgetKind } from '../define-widget-kind';
import VitalsRankingView from './VitalsRankingView.vue';

export const vitalsRankingKind = defineWidgetKind({
  id: 'vitals.ranking',
  label: { zh: '排行', en: 'Ranking' },
  view: VitalsRankingView,
  describe: (widget) => widget.options.title ?? widget.options.indicatorIds.join(', '),
  fixtures: [
    {
      kind: 'vitals.ranking',
      options: { indicatorIds: ['hotline-12345', 'grid-work-orders'], title: '工单排行', limit: 10 },
    },
  ],
});
