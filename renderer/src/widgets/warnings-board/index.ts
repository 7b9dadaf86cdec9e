// Widget kind `warnings.board`: every indicator at a warning level, most severe first, with since when.
import { defineWidgetKind } from '../define-widget-kind';
import WarningsBoardView from './WarningsBoardView.vue';
import { warningsBoardMessages } from './messages';

export const warningsBoardKind = defineWidgetKind({
  id: 'warnings.board',
  label: { zh: '预警看板', en: 'Warnings' },
  view: WarningsBoardView,
  messages: warningsBoardMessages,
  describe: (widget) => widget.options.title ?? '预警看板',
  fixtures: [
    { kind: 'warnings.board', options: { limit: 12 } },
    { kind: 'warnings.board', options: { title: '气象水文预警', dimensions: ['weather'], limit: 6 } },
  ],
});
