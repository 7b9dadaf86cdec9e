// Widget kind `clock`: the room's time, large.
import { defineWidgetKind } from '../define-widget-kind';
import ClockView from './ClockView.vue';

export const clockKind = defineWidgetKind({
  id: 'clock',
  label: { zh: '时钟', en: 'Clock' },
  view: ClockView,
  fixtures: [{ kind: 'clock', options: { showDate: true } }],
});
