// What the widget gallery (#/gallery) shows: every fixture of every registered kind, the first fixture of each
// kind also small, large and hidden (a cell behind a maximised one), so a kind is seen in its sizes and states.
import type { WidgetConfig, WidgetKindId } from '@shared/model/widget';

/** Cell sizes of the gallery in CSS pixels: a 1/16 tile, a 1/9 tile and a 1/4 tile of a 1080p display. */
export const gallerySizes = {
  small: { width: 320, height: 200 },
  medium: { width: 480, height: 270 },
  large: { width: 640, height: 360 },
} as const;
export type GallerySize = keyof typeof gallerySizes;

export interface GalleryEntry {
  readonly key: string;
  readonly kind: WidgetKindId;
  readonly fixtureIndex: number;
  readonly widget: WidgetConfig;
  readonly size: GallerySize;
  /** `hidden`: mounted but told it is off screen (`active: false`), as behind a maximised cell. */
  readonly state: 'shown' | 'hidden';
}

/** Entries per kind, in the registry's order. */
export function galleryEntries(
  kinds: ReadonlyArray<{ readonly id: WidgetKindId; readonly fixtures: readonly WidgetConfig[] }>,
): Array<{ kind: WidgetKindId; entries: GalleryEntry[] }> {
  return kinds.map(({ id, fixtures }) => {
    const entry = (fixtureIndex: number, size: GallerySize, state: GalleryEntry['state']): GalleryEntry => ({
      key: `${id}/${fixtureIndex}/${size}/${state}`,
      kind: id,
      fixtureIndex,
      widget: fixtures[fixtureIndex]!,
      size,
      state,
    });
    const first = fixtures.length > 0 ? [entry(0, 'small', 'shown'), entry(0, 'large', 'shown')] : [];
    return {
      kind: id,
      entries: [
        ...fixtures.map((_, index) => entry(index, 'medium', 'shown')),
        ...first,
        ...(fixtures.length > 0 ? [entry(0, 'small', 'hidden')] : []),
      ],
    };
  });
}
