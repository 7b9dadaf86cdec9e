// The wall grid as the wall shows it: cells at the geometry's rectangles, never across a bezel on a display of
// panels, and a maximised cell over the whole display with the others hidden and inactive.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import type { DisplayContent, WallDisplay } from '@shared/model/wall';
import { layoutCells } from '@shared/layout/grid';
import WallGrid from './WallGrid.vue';

// Widgets are not what this test is about: a stub records whether its cell is active.
vi.mock('./WidgetCell.vue', () => ({
  default: defineComponent({
    props: {
      widget: { type: Object, required: true },
      isHidden: Boolean,
      bezels: { type: Object, default: undefined },
    },
    setup: (props) => () =>
      h('div', {
        class: 'stub',
        'data-active': String(!props.isHidden),
        'data-bezels': props.bezels && JSON.stringify(props.bezels),
      }),
  }),
}));

/** A ResizeObserver that reports the given size at once (happy-dom lays nothing out). */
function observeAs(width: number, height: number) {
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(private readonly callback: ResizeObserverCallback) {}
      observe() {
        this.callback([{ contentRect: { width, height } } as ResizeObserverEntry], this as never);
      }
      disconnect() {}
    },
  );
}

const clocks = (count: number) =>
  Array.from({ length: count }, () => ({ kind: 'clock' as const, options: { showDate: false } }));

function rects(wrapper: ReturnType<typeof mount>) {
  return wrapper.findAll('[data-testid="wall-cell"]').map((cell) => {
    const style = (cell.element as HTMLElement).style;
    return {
      x: parseFloat(style.left),
      y: parseFloat(style.top),
      width: parseFloat(style.width),
      height: parseFloat(style.height),
    };
  });
}

beforeEach(() => vi.unstubAllGlobals());
afterEach(() => vi.unstubAllGlobals());

/** One output of 3860 × 2180 over 2 × 2 panels, 20 px behind each bezel: bands at x 1920–1940 and y 1080–1100. */
const panelDisplay: WallDisplay = {
  id: 'centre',
  name: { zh: '中屏', en: 'Centre' },
  bounds: { x: 0, y: 0, width: 3860, height: 2180 },
  panels: { rows: 2, columns: 2, bezel: { horizontal: 20, vertical: 20 } },
};

describe('WallGrid', () => {
  it('on a 2×2-panel display, a 3×3 layout keeps every tile off the 20 px bezels', async () => {
    observeAs(3860, 2180);
    const content: DisplayContent = { layout: { rows: 3, columns: 3, merges: [] }, cells: clocks(9) };
    const wrapper = mount(WallGrid, {
      props: { display: panelDisplay, content, maximized: undefined, topInset: 40 },
    });
    await flushPromises();
    const placed = rects(wrapper);
    expect(placed).toHaveLength(9);
    for (const rect of placed) {
      const crossesColumnBezel = rect.x < 1940 && rect.x + rect.width > 1920;
      const crossesRowBezel = rect.y < 1100 && rect.y + rect.height > 1080;
      expect(crossesColumnBezel || crossesRowBezel, JSON.stringify(rect)).toBe(false);
    }
  });

  it('hands a merged cell over the bezels the bands that run through it, in its own pixels', async () => {
    observeAs(3860, 2180);
    const content: DisplayContent = {
      layout: { rows: 4, columns: 4, merges: [{ row: 1, column: 1, rowSpan: 2, columnSpan: 2 }] },
      cells: clocks(13),
    };
    const wrapper = mount(WallGrid, {
      props: { display: panelDisplay, content, maximized: undefined, topInset: 40 },
    });
    await flushPromises();
    const placed = rects(wrapper);
    const bezels = wrapper.findAll('.stub').map((stub) => stub.attributes('data-bezels'));
    const merged = layoutCells(content.layout).findIndex((cell) => cell.rowSpan === 2);
    const rect = placed[merged]!;
    // Its widget's pixels start inside the cell's 1 px border.
    expect(JSON.parse(bezels[merged]!)).toEqual({
      columns: [{ start: 1920 - rect.x - 1, end: 1940 - rect.x - 1 }],
      rows: [{ start: 1080 - rect.y - 1, end: 1100 - rect.y - 1 }],
    });
    // Every other cell lies on one panel: no band runs through it.
    bezels.forEach((json, index) => {
      if (index !== merged) expect(JSON.parse(json!)).toEqual({ columns: [], rows: [] });
    });
  });

  it('a maximised cell covers the display below the strip; the others are hidden and inactive', async () => {
    observeAs(1920, 1080);
    const display: WallDisplay = {
      id: 'right',
      name: { zh: '右屏', en: 'Right' },
      bounds: { x: 1920, y: 0, width: 1920, height: 1080 },
    };
    const content: DisplayContent = { layout: { rows: 2, columns: 2, merges: [] }, cells: clocks(4) };
    const wrapper = mount(WallGrid, { props: { display, content, maximized: 3, topInset: 40 } });
    await flushPromises();
    expect(rects(wrapper)[3]).toEqual({ x: 4, y: 44, width: 1912, height: 1032 });
    const cells = wrapper.findAll('[data-testid="wall-cell"]');
    expect(cells.map((cell) => cell.classes('hidden'))).toEqual([true, true, true, false]);
    expect(wrapper.findAll('.stub').map((stub) => stub.attributes('data-active'))).toEqual([
      'false',
      'false',
      'false',
      'true',
    ]);
  });
});
