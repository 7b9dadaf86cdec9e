// The `vitals.trend` widget kind: a line chart of one to six vital-sign indicators over recent minutes.
import { defineWidgetKind } from '../define-widget-kind';
import VitalsTrendView from './VitalsTrendView.vue';
import { vitalsTrendMessages } from './messages';

/** A trend chart with warning bands, each indicator's latest value and its age in the header. */
export const vitalsTrendKind = defineWidgetKind({
  id: 'vitals.trend',
  label: { zh: '趋势图', en: 'Trend' },
  view: VitalsTrendView,
  messages: vitalsTrendMessages,
  describe: (widget) => widget.options.title ?? widget.options.indicatorIds.join(', '),
  fixtures: [
    { kind: 'vitals.trend', options: { indicatorIds: ['rain-1h'], minutes: 10 } },
    {
      kind: 'vitals.trend',
      options: { indicatorIds: ['rain-1h', 'tide-bund'], minutes: 30, title: '降雨与潮位' },
    },
  ],
});
