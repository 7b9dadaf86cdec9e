// Widget kind `empty`: a cell with nothing assigned.
import { defineWidgetKind } from '../define-widget-kind';
import EmptyView from './EmptyView.vue';

export const emptyKind = defineWidgetKind({
  id: 'empty',
  label: { zh: '空闲', en: 'Empty' },
  view: EmptyView,
  fixtures: [{ kind: 'empty', options: {} }],
});
