// The contract of a widget kind: one folder per kind exports `defineWidgetKind({...})`, listed in registry.ts.
import type { Component } from 'vue';
import type { BezelBands } from '@shared/layout/cell-rects';
import type { LocalizedText } from '@shared/model/common';
import { widgetOptionSchemas, type WidgetConfigOf, type WidgetKindId } from '@shared/model/widget';

/** The size of a cell in CSS pixels, as measured on screen. */
export interface WidgetSize {
  readonly width: number;
  readonly height: number;
}

/** Props every widget view receives. `active` is false while the cell is off screen or hidden. */
export interface WidgetViewProps<K extends WidgetKindId> {
  widget: WidgetConfigOf<K>;
  size: WidgetSize;
  active: boolean;
  /** Where the widget sits on the wall (absent in previews); e.g. a patrol finds its position by it. */
  cell?: { readonly displayId: string; readonly cellIndex: number };
  /**
   * The bezels of the display's physical panels that run through this cell, in its own pixels (a merged cell
   * over panels); a widget that lays out tiles of its own keeps them off these. Absent: one seamless screen.
   */
  bezels?: BezelBands;
}

/**
 * A kind's own UI texts, one tree per locale (Chinese first), under a key named after the kind (e.g.
 * `mapIncidents`); the registry merges them into the window's vue-i18n messages, views read them with `t()`.
 */
export interface WidgetMessages {
  readonly 'zh-CN': Record<string, unknown>;
  readonly en: Record<string, unknown>;
}

export interface WidgetKind<K extends WidgetKindId> {
  readonly id: K;
  readonly label: LocalizedText;
  /** The options schema, declared once in shared/model/widget.ts (type, defaults, validation). */
  readonly optionsSchema: (typeof widgetOptionSchemas)[K];
  readonly view: Component;
  /** Short description of one configured widget for the console's mimic (e.g. the camera name). */
  describe?(widget: WidgetConfigOf<K>): string;
  /** The kind's UI texts, if it has any of its own (shared ones such as `widget.stale` live in renderer/src/i18n). */
  readonly messages?: WidgetMessages;
  /** Sample widgets for tests and the `#/gallery` page: every one must render from fixtures alone. */
  readonly fixtures: readonly WidgetConfigOf<K>[];
}

export function defineWidgetKind<K extends WidgetKindId>(
  kind: Omit<WidgetKind<K>, 'optionsSchema'>,
): WidgetKind<K> {
  return { ...kind, optionsSchema: widgetOptionSchemas[kind.id] };
}
