// Widget kind `vitals.gauge`: one indicator on a dial whose rim shows its warning bands.
import { defineWidgetKind } from '../define-widget-kind';
import VitalsGaugeView from './VitalsGaugeView.vue';

export const vitalsGaugeKind = defineWidgetKind({
  id: 'vitals.gauge',
  label: { zh: '仪表盘', en: 'Gauge' },
  view: VitalsGaugeView,
  describe: (widget) => widget.options.title ?? widget.options.indicatorId,
  fixtures: [{ kind: 'vitals.gauge', options: { indicatorId: 'power-load' } }],
});
