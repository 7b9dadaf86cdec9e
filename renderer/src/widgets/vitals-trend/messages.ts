// The trend widget's own texts (its compact header says "Stale" where other widgets say "Stale data"), merged
// into the window's vue-i18n messages by the widget registry; the rest are the shared widget.* messages.
import type { WidgetMessages } from '../define-widget-kind';

export const vitalsTrendMessages: WidgetMessages = {
  'zh-CN': { trend: { stale: '数据过期' } },
  en: { trend: { stale: 'Stale' } },
};
