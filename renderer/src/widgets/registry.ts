// The one list of widget kinds. Every kind declared in shared/model/widget.ts must have an entry here.
import type { WidgetConfig, WidgetKindId } from '@shared/model/widget';
import { mergeMessages } from '../i18n';
import type { WidgetKind } from './define-widget-kind';
import { videoCameraKind } from './video-camera';
import { videoPatrolKind } from './video-patrol';
import { vitalsTrendKind } from './vitals-trend';
import { vitalsKpiKind } from './vitals-kpi';
import { vitalsGaugeKind } from './vitals-gauge';
import { vitalsRankingKind } from './vitals-ranking';
import { warningsBoardKind } from './warnings-board';
import { mapIncidentsKind } from './map-incidents';
import { clockKind } from './clock';
import { camerasOnlineRateKind } from './cameras-online-rate';
import { emptyKind } from './empty';

export const widgetKinds: { readonly [K in WidgetKindId]: WidgetKind<K> } = {
  'video.camera': videoCameraKind,
  'video.patrol': videoPatrolKind,
  'vitals.trend': vitalsTrendKind,
  'vitals.kpi': vitalsKpiKind,
  'vitals.gauge': vitalsGaugeKind,
  'vitals.ranking': vitalsRankingKind,
  'warnings.board': warningsBoardKind,
  'map.incidents': mapIncidentsKind,
  'cameras.onlineRate': camerasOnlineRateKind,
  clock: clockKind,
  empty: emptyKind,
};

// Each kind's own texts join the window's vue-i18n messages before any view of it renders.
for (const kind of Object.values(widgetKinds)) if (kind.messages) mergeMessages(kind.messages);

export function widgetKindOf(widget: WidgetConfig): WidgetKind<WidgetKindId> {
  return widgetKinds[widget.kind] as unknown as WidgetKind<WidgetKindId>;
}
