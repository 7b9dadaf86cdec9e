import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Rect, Wall } from '../model/wall';
import {
  planWindows,
  type PhysicalDisplay,
  type PlannedWindow,
  type WindowPlanOptions,
} from './plan-windows';

const fullHd = { width: 1920, height: 1080 };

function rect(x: number, y: number, width = fullHd.width, height = fullHd.height): Rect {
  return { x, y, width, height };
}

function display(
  id: string,
  bounds: Rect,
  extra: Partial<Omit<PhysicalDisplay, 'id' | 'bounds'>> = {},
): PhysicalDisplay {
  return { id, bounds, isPrimary: false, scaleFactor: 1, ...extra };
}

function primary(id: string, bounds: Rect, extra: Partial<Omit<PhysicalDisplay, 'id' | 'bounds'>> = {}) {
  return display(id, bounds, { isPrimary: true, ...extra });
}

function wallOf(displays: Record<string, Rect>): Wall {
  return {
    id: 'test-wall',
    name: { zh: '测试', en: 'Test' },
    displays: Object.entries(displays).map(([id, bounds]) => ({ id, name: { zh: id, en: id }, bounds })),
  };
}

/** A horizontal row of full-HD wall displays named w1…wN. */
function rowWall(count: number): Wall {
  return wallOf(
    Object.fromEntries(Array.from({ length: count }, (_, index) => [`w${index + 1}`, rect(index * 1920, 0)])),
  );
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.width >= 1 &&
    inner.height >= 1 &&
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

function distinctBoundsCount(displays: readonly PhysicalDisplay[]): number {
  return new Set(
    displays
      .filter((entry) => entry.bounds.width > 0 && entry.bounds.height > 0)
      .map(({ bounds }) => `${bounds.x},${bounds.y},${bounds.width},${bounds.height}`),
  ).size;
}

/** The invariants every plan keeps. */
function expectInvariants(wall: Wall, displays: readonly PhysicalDisplay[], plan: readonly PlannedWindow[]) {
  for (const window of plan) {
    const host = displays.find((entry) => entry.id === window.physicalDisplayId);
    expect(host, `${window.role} names a display that exists`).toBeDefined();
    expect(contains(host!.bounds, window.bounds), `${JSON.stringify(window)} lies within its display`).toBe(
      true,
    );
  }
  const walls = plan.filter((window) => window.role === 'wall');
  expect(walls.map((window) => window.wallDisplayId)).toEqual(wall.displays.map((entry) => entry.id));
  const fullscreenHosts = walls
    .filter((window) => window.fullscreen)
    .map((window) => window.physicalDisplayId);
  expect(new Set(fullscreenHosts).size, 'no two full-screen wall windows share a display').toBe(
    fullscreenHosts.length,
  );
  if (distinctBoundsCount(displays) >= wall.displays.length) {
    expect(
      walls.every((window) => window.fullscreen),
      'enough displays: every wall window is full-screen',
    ).toBe(true);
  }
  // Deterministic: the order in which the host lists its displays does not matter.
  expect(planWindows(wall, [...displays].reverse(), {})).toEqual(planWindows(wall, displays, {}));
}

interface Case {
  name: string;
  wall: Wall;
  displays: PhysicalDisplay[];
  options?: WindowPlanOptions;
  /** wall display id → physical display id (full-screen) or 'tile' (tiled on the primary). */
  walls: Record<string, string>;
  /** Physical display of the console, with 'share' meaning the centred 80 % window; null: no console. */
  console: { on: string; bounds: 'work-area' | 'share' } | null;
}

const laptop = primary('laptop', rect(0, 0), { workArea: rect(0, 0, 1920, 1040) });

const cases: Case[] = [
  {
    name: '1 display, 1-display wall: the wall fills it, the console floats over it',
    wall: rowWall(1),
    displays: [primary('d1', rect(0, 0))],
    walls: { w1: 'd1' },
    console: { on: 'd1', bounds: 'share' },
  },
  {
    name: '1 display (laptop), 2-display wall: both tiled in the work area',
    wall: rowWall(2),
    displays: [laptop],
    walls: { w1: 'tile', w2: 'tile' },
    console: { on: 'laptop', bounds: 'share' },
  },
  {
    name: '1 display (laptop), 2×2 wall: four tiles',
    wall: wallOf({ a: rect(0, 0), b: rect(1920, 0), c: rect(0, 1080), d: rect(1920, 1080) }),
    displays: [laptop],
    walls: { a: 'tile', b: 'tile', c: 'tile', d: 'tile' },
    console: { on: 'laptop', bounds: 'share' },
  },
  {
    name: '2 displays, 2-display wall: one each, console floats on the primary',
    wall: rowWall(2),
    displays: [primary('d1', rect(0, 0)), display('d2', rect(1920, 0))],
    walls: { w1: 'd1', w2: 'd2' },
    console: { on: 'd1', bounds: 'share' },
  },
  {
    name: '2 displays, 1-display wall: the wall takes the secondary, the console the primary',
    wall: rowWall(1),
    displays: [primary('d1', rect(0, 0)), display('d2', rect(1920, 0))],
    walls: { w1: 'd2' },
    console: { on: 'd1', bounds: 'work-area' },
  },
  {
    name: '3 displays (console + 2), 2-display wall: the primary keeps the console',
    wall: rowWall(2),
    displays: [primary('d1', rect(0, 0)), display('d2', rect(1920, 0)), display('d3', rect(3840, 0))],
    walls: { w1: 'd2', w2: 'd3' },
    console: { on: 'd1', bounds: 'work-area' },
  },
  {
    name: '3 displays listed with the primary not first, 2-display wall',
    wall: rowWall(2),
    displays: [display('d3', rect(3840, 0)), display('d2', rect(1920, 0)), primary('d1', rect(0, 0))],
    walls: { w1: 'd2', w2: 'd3' },
    console: { on: 'd1', bounds: 'work-area' },
  },
  {
    name: 'primary in the middle of 3, 2-display wall: the outer two carry the wall in order',
    wall: rowWall(2),
    displays: [
      display('left', rect(-1920, 0)),
      primary('middle', rect(0, 0)),
      display('right', rect(1920, 0)),
    ],
    walls: { w1: 'left', w2: 'right' },
    console: { on: 'middle', bounds: 'work-area' },
  },
  {
    name: 'negative coordinates: a display left of the primary takes the 1-display wall',
    wall: rowWall(1),
    displays: [primary('main', rect(0, 0)), display('west', rect(-1920, 0))],
    walls: { w1: 'west' },
    console: { on: 'main', bounds: 'work-area' },
  },
  {
    name: 'negative coordinates, 2 displays, 2-display wall: position order left to right',
    wall: rowWall(2),
    displays: [primary('main', rect(0, 0)), display('west', rect(-1920, 0))],
    walls: { w1: 'west', w2: 'main' },
    console: { on: 'main', bounds: 'share' },
  },
  {
    name: 'vertical stacking: a 1×2 wall on two stacked displays, matched by bounds',
    wall: wallOf({ top: rect(0, 0), bottom: rect(0, 1080) }),
    displays: [display('lower', rect(0, 1080)), primary('upper', rect(0, 0))],
    walls: { top: 'upper', bottom: 'lower' },
    console: { on: 'upper', bounds: 'share' },
  },
  {
    name: 'vertical stacking with offset origins: paired by x then y',
    wall: wallOf({ top: rect(0, 0), bottom: rect(0, 1080) }),
    displays: [
      primary('console', rect(-1920, 0)),
      display('s2', rect(100, 500)),
      display('s1', rect(100, -580)),
    ],
    walls: { top: 's1', bottom: 's2' },
    console: { on: 'console', bounds: 'work-area' },
  },
  {
    name: 'mixed scale factors: bounds are in DIPs, the scale factor does not change the plan',
    wall: rowWall(2),
    displays: [
      primary('hidpi', rect(0, 0, 1920, 1080), { scaleFactor: 2 }),
      display('plain', rect(1920, 0, 1920, 1080), { scaleFactor: 1 }),
      display('retina', rect(3840, 0, 1440, 900), { scaleFactor: 2 }),
    ],
    walls: { w1: 'plain', w2: 'retina' },
    console: { on: 'hidpi', bounds: 'work-area' },
  },
  {
    name: 'a display unplugged: 4-display wall on 3 displays, the leftovers tile on the primary',
    wall: rowWall(4),
    displays: [primary('p1', rect(0, 0)), display('p2', rect(1920, 0)), display('p3', rect(3840, 0))],
    walls: { w1: 'tile', w2: 'p2', w3: 'p3', w4: 'tile' },
    console: { on: 'p1', bounds: 'share' },
  },
  {
    name: 'explicit assignment to a missing display falls back to position order',
    wall: rowWall(2),
    displays: [primary('d1', rect(0, 0)), display('d2', rect(1920, 0))],
    options: { assignments: { w1: 'gone' } },
    walls: { w1: 'd1', w2: 'd2' },
    console: { on: 'd1', bounds: 'share' },
  },
  {
    name: 'explicit assignment swaps the displays',
    wall: rowWall(2),
    displays: [primary('d1', rect(0, 0)), display('d2', rect(1920, 0))],
    options: { assignments: { w1: 'd2', w2: 'd1' } },
    walls: { w1: 'd2', w2: 'd1' },
    console: { on: 'd1', bounds: 'share' },
  },
  {
    name: 'explicit assignment may use the primary; the console then takes a free display',
    wall: rowWall(1),
    displays: [primary('d1', rect(0, 0)), display('d2', rect(1920, 0))],
    options: { assignments: { w1: 'd1' } },
    walls: { w1: 'd1' },
    console: { on: 'd2', bounds: 'work-area' },
  },
  {
    name: 'two wall displays assigned to one physical display: the first keeps it',
    wall: rowWall(2),
    displays: [primary('d1', rect(0, 0)), display('d2', rect(1920, 0)), display('d3', rect(3840, 0))],
    options: { assignments: { w1: 'd3', w2: 'd3' } },
    walls: { w1: 'd3', w2: 'd2' },
    console: { on: 'd1', bounds: 'work-area' },
  },
  {
    name: 'mirroring: two displays with equal bounds count once',
    wall: rowWall(1),
    displays: [primary('panel', rect(0, 0)), display('projector', rect(0, 0))],
    walls: { w1: 'panel' },
    console: { on: 'panel', bounds: 'share' },
  },
  {
    name: 'mirroring with a 2-display wall: not enough distinct displays, both tile',
    wall: rowWall(2),
    displays: [primary('panel', rect(0, 0)), display('projector', rect(0, 0))],
    walls: { w1: 'tile', w2: 'tile' },
    console: { on: 'panel', bounds: 'share' },
  },
  {
    name: 'assignment to a mirrored display means its representative',
    wall: rowWall(1),
    displays: [
      primary('main', rect(0, 0)),
      display('mirror-a', rect(1920, 0)),
      display('mirror-b', rect(1920, 0)),
    ],
    options: { assignments: { w1: 'mirror-b' } },
    walls: { w1: 'mirror-a' },
    console: { on: 'main', bounds: 'work-area' },
  },
  {
    name: '4 displays in a 2×2 grid, 2×2 wall: matched by bounds',
    wall: wallOf({ a: rect(0, 0), b: rect(1920, 0), c: rect(0, 1080), d: rect(1920, 1080) }),
    displays: [
      display('p4', rect(1920, 1080)),
      display('p3', rect(0, 1080)),
      display('p2', rect(1920, 0)),
      primary('p1', rect(0, 0)),
    ],
    walls: { a: 'p1', b: 'p2', c: 'p3', d: 'p4' },
    console: { on: 'p1', bounds: 'share' },
  },
  {
    name: '6 displays (3×2) at other coordinates than the wall file: paired by position',
    wall: wallOf({
      a: rect(0, 0),
      b: rect(1920, 0),
      c: rect(3840, 0),
      d: rect(0, 1080),
      e: rect(1920, 1080),
      f: rect(3840, 1080),
    }),
    displays: [
      primary('q1', rect(2000, 0)),
      display('q2', rect(3920, 0)),
      display('q3', rect(5840, 0)),
      display('q4', rect(2000, 1080)),
      display('q5', rect(3920, 1080)),
      display('q6', rect(5840, 1080)),
    ],
    walls: { a: 'q1', b: 'q2', c: 'q3', d: 'q4', e: 'q5', f: 'q6' },
    console: { on: 'q1', bounds: 'share' },
  },
  {
    name: '7 displays: a console monitor plus a 6-display wall',
    wall: rowWall(6),
    displays: [
      primary('desk', rect(0, 1080, 1280, 1024), { workArea: rect(0, 1080, 1280, 984) }),
      ...Array.from({ length: 6 }, (_, index) => display(`s${index + 1}`, rect(index * 1920, 0))),
    ],
    walls: { w1: 's1', w2: 's2', w3: 's3', w4: 's4', w5: 's5', w6: 's6' },
    console: { on: 'desk', bounds: 'work-area' },
  },
  {
    name: 'no display flagged primary: the first in position order acts as primary',
    wall: rowWall(1),
    displays: [display('b', rect(1920, 0)), display('a', rect(0, 0))],
    walls: { w1: 'b' },
    console: { on: 'a', bounds: 'work-area' },
  },
  {
    name: 'console: false with a spare display: the spare stays empty',
    wall: rowWall(1),
    displays: [primary('d1', rect(0, 0)), display('d2', rect(1920, 0))],
    options: { console: false },
    walls: { w1: 'd2' },
    console: null,
  },
  {
    name: 'a display without area is ignored',
    wall: rowWall(1),
    displays: [primary('d1', rect(0, 0)), display('ghost', { x: 1920, y: 0, width: 0, height: 0 })],
    walls: { w1: 'd1' },
    console: { on: 'd1', bounds: 'share' },
  },
  {
    name: 'laptop plus one external, 3-display wall: the external shows one, the rest tile on the laptop',
    wall: rowWall(3),
    displays: [primary('laptop', rect(0, 0, 1366, 768)), display('external', rect(1366, 0))],
    walls: { w1: 'external', w2: 'tile', w3: 'tile' },
    console: { on: 'laptop', bounds: 'share' },
  },
];

describe('planWindows: display configurations', () => {
  it.each(cases)('$name', ({ wall, displays, options, walls, console: expectedConsole }) => {
    const plan = planWindows(wall, displays, options);
    const primaryDisplay = displays.find((entry) => entry.isPrimary) ?? displays[0]!;
    for (const window of plan.filter((entry) => entry.role === 'wall')) {
      const expected = walls[window.wallDisplayId];
      if (expected === 'tile') {
        expect(window).toMatchObject({ physicalDisplayId: primaryDisplay.id, fullscreen: false });
        expect(contains(primaryDisplay.workArea ?? primaryDisplay.bounds, window.bounds)).toBe(true);
      } else {
        const host = displays.find((entry) => entry.id === expected)!;
        expect(window).toEqual({
          role: 'wall',
          wallDisplayId: window.wallDisplayId,
          physicalDisplayId: expected,
          bounds: host.bounds,
          fullscreen: true,
        });
      }
    }
    const consoleWindow = plan.find((entry) => entry.role === 'console');
    if (expectedConsole === null) {
      expect(consoleWindow).toBeUndefined();
    } else {
      const host = displays.find((entry) => entry.id === expectedConsole.on)!;
      const area = host.workArea ?? host.bounds;
      expect(consoleWindow).toMatchObject({ physicalDisplayId: expectedConsole.on, fullscreen: false });
      if (expectedConsole.bounds === 'work-area') expect(consoleWindow!.bounds).toEqual(area);
      else expect(consoleWindow!.bounds).toEqual(centred80(area));
    }
    expect(plan).toHaveLength(wall.displays.length + (expectedConsole ? 1 : 0));
    expectInvariants(wall, displays, plan);
  });

  it('has at least 20 configurations', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });
});

function centred80(area: Rect): Rect {
  const width = Math.round(area.width * 0.8);
  const height = Math.round(area.height * 0.8);
  return {
    x: area.x + Math.floor((area.width - width) / 2),
    y: area.y + Math.floor((area.height - height) / 2),
    width,
    height,
  };
}

describe('planWindows: details', () => {
  it('returns no windows without displays', () => {
    expect(planWindows(rowWall(2), [])).toEqual([]);
    expect(planWindows(rowWall(2), [primary('ghost', { x: 0, y: 0, width: 0, height: 0 })])).toEqual([]);
  });

  it('tiles a 2×2 wall on a laptop as 2×2, in reading order, keeping 16:9', () => {
    const wall = wallOf({ d: rect(1920, 1080), c: rect(0, 1080), b: rect(1920, 0), a: rect(0, 0) });
    const plan = planWindows(wall, [laptop], { console: false });
    const bounds = Object.fromEntries(
      plan.flatMap((window) => (window.role === 'wall' ? [[window.wallDisplayId, window.bounds]] : [])),
    );
    // Cells are 960×520 (the work area is 1040 high); 16:9 inside that is 924×520, centred.
    expect(bounds).toEqual({
      a: { x: 18, y: 0, width: 924, height: 520 },
      b: { x: 978, y: 0, width: 924, height: 520 },
      c: { x: 18, y: 520, width: 924, height: 520 },
      d: { x: 978, y: 520, width: 924, height: 520 },
    });
  });

  it('keeps an ultra-wide display wide and never scales a tile above its native size', () => {
    const wall = wallOf({ wide: rect(0, 0, 3840, 1080), small: rect(3840, 0, 640, 360) });
    const plan = planWindows(wall, [primary('big', rect(0, 0, 3840, 2160))], { console: false });
    const [wide, small] = plan;
    expect(wide!.bounds.width / wide!.bounds.height).toBeCloseTo(3840 / 1080, 1);
    expect(small!.bounds).toMatchObject({ width: 640, height: 360 });
  });

  it('keeps 16 tiles on a small screen on-screen and non-empty', () => {
    const wall = wallOf(
      Object.fromEntries(
        Array.from({ length: 16 }, (_, index) => [
          `t${index}`,
          rect((index % 4) * 1920, Math.floor(index / 4) * 1080),
        ]),
      ),
    );
    const tiny = primary('tiny', rect(0, 0, 800, 600), { workArea: rect(0, 24, 800, 576) });
    const plan = planWindows(wall, [tiny]);
    expect(plan).toHaveLength(17);
    for (const window of plan) expect(contains(tiny.workArea!, window.bounds)).toBe(true);
    expectInvariants(wall, [tiny], plan);
  });

  it('clips a work area that reaches outside its display', () => {
    const odd = primary('odd', rect(0, 0), { workArea: rect(-100, 0, 3000, 1040) });
    const plan = planWindows(rowWall(2), [odd]);
    for (const window of plan) expect(contains(odd.bounds, window.bounds)).toBe(true);
  });

  it('an exact-bounds match decides which wall displays get a screen when some are missing', () => {
    // Position order alone would give w1 → p2 and w2 → p3; the screens sit exactly where w2 and w3 are.
    const displays = [
      primary('console', rect(-1920, 0)),
      display('p2', rect(1920, 0)),
      display('p3', rect(3840, 0)),
    ];
    const plan = planWindows(rowWall(4), displays);
    expect(plan.map((window) => [window.physicalDisplayId, window.fullscreen])).toEqual([
      ['console', false],
      ['p2', true],
      ['p3', true],
      ['console', false],
      ['console', false],
    ]);
  });

  it('ignores a coincidental exact match that would show the wall out of order', () => {
    // w2's bounds equal d2's, which would push w1 onto d3, right of w2.
    const displays = [primary('d1', rect(0, 0)), display('d2', rect(1920, 0)), display('d3', rect(3840, 0))];
    expect(
      planWindows(rowWall(2), displays, { console: false }).map((window) => window.physicalDisplayId),
    ).toEqual(['d2', 'd3']);
  });
});

describe('planWindows: invariants on random configurations', () => {
  const size = fc.constantFrom(
    { w: 1920, h: 1080 },
    { w: 1280, h: 1024 },
    { w: 3840, h: 2160 },
    { w: 1366, h: 768 },
  );
  const physical = fc
    .array(
      fc.record({ x: fc.integer({ min: -8000, max: 8000 }), y: fc.integer({ min: -4000, max: 4000 }), size }),
      {
        minLength: 0,
        maxLength: 8,
      },
    )
    .chain((entries) =>
      fc.record({
        entries: fc.constant(entries),
        primaryIndex: fc.integer({ min: 0, max: Math.max(0, entries.length - 1) }),
        mirror: fc.boolean(),
      }),
    )
    .map(({ entries, primaryIndex, mirror }) => {
      const displays = entries.map((entry, index) =>
        display(`p${index}`, rect(entry.x, entry.y, entry.size.w, entry.size.h), {
          isPrimary: index === primaryIndex,
        }),
      );
      if (mirror && displays.length > 0) displays.push(display('mirror', { ...displays[0]!.bounds }));
      return displays;
    });
  const wall = fc
    .array(fc.record({ column: fc.integer({ min: 0, max: 5 }), row: fc.integer({ min: 0, max: 3 }) }), {
      minLength: 1,
      maxLength: 12,
    })
    .map((cells) => {
      const unique = [...new Map(cells.map((cell) => [`${cell.column}:${cell.row}`, cell])).values()];
      return wallOf(
        Object.fromEntries(
          unique.map((cell, index) => [`w${index}`, rect(cell.column * 1920, cell.row * 1080)]),
        ),
      );
    });

  it('keeps every window on-screen and full-screen wall windows on distinct displays', () => {
    fc.assert(
      fc.property(wall, physical, fc.boolean(), (wallValue, displays, withConsole) => {
        const plan = planWindows(wallValue, displays, { console: withConsole });
        if (displays.length === 0) {
          expect(plan).toEqual([]);
          return;
        }
        expectInvariants(wallValue, displays, plan);
        expect(plan.filter((window) => window.role === 'console')).toHaveLength(withConsole ? 1 : 0);
      }),
      { numRuns: 300, seed: 20_261_101 },
    );
  });
});
