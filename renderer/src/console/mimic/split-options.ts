// The splits the mimic offers per display: the named presets, or 自定义 (rows × columns) for any other layout.
import type { Layout } from '@shared/model/wall';
import { layoutPreset, layoutPresetNames, type LayoutPresetName } from '@shared/layout/presets';

/** The splits offered, in order (the presets a command room asks for by name). */
export const splitNames: readonly LayoutPresetName[] = layoutPresetNames.filter(
  (name) => name !== '2x2-in-4x4',
);

const sameLayout = (first: Layout, second: Layout) =>
  first.rows === second.rows &&
  first.columns === second.columns &&
  JSON.stringify(first.merges) === JSON.stringify(second.merges);

/** The preset a display's layout is, or 'custom'. */
export function splitNameOf(layout: Layout): LayoutPresetName | 'custom' {
  return splitNames.find((name) => sameLayout(layoutPreset(name), layout)) ?? 'custom';
}

/** A custom split of rows × columns (1–8 each), without merged blocks. */
export function customSplit(rows: number, columns: number): Layout {
  const clamp = (value: number) => Math.min(8, Math.max(1, Math.round(value) || 1));
  return { rows: clamp(rows), columns: clamp(columns), merges: [] };
}
