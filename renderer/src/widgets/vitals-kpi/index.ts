// Widget kind `vitals.kpi`: value tiles for a few indicators, coloured by warning level.
import { defineWidgetKind } from '../define-widget-kind';
import VitalsKpiView from './VitalsKpiView.vue';

export const vitalsKpiKind = defineWidgetKind({
  id: 'vitals.kpi',
  label: { zh: '指标', en: 'KPI' },
  view: VitalsKpiView,
  describe: (widget) => widget.options.title ?? widget.options.indicatorIds.join(', '),
  fixtures: [{ kind: 'vitals.kpi', options: { indicatorIds: ['rain-1h', 'tide-bund'] } }],
});
