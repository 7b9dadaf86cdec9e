// The warnings board's texts (Chinese first), merged into the window's vue-i18n messages by the widget registry.
import type { WidgetMessages } from '../define-widget-kind';

export const warningsBoardMessages: WidgetMessages = {
  'zh-CN': { board: { title: '预警看板', none: '当前无预警', raised: '{time} 起（{age}）' } },
  en: { board: { title: 'Warnings', none: 'No warnings', raised: 'since {time} ({age})' } },
};
