// The fictional 浦江示范区: a jittered lattice of city-ops grids (网格) grouped into streets (街道), cut by a river
// and a creek that run along grid edges, plus roads and landmarks. Everything is in local kilometres.
import type { Point } from './geometry';
import {
  centroid,
  distanceToLine,
  districtHeight,
  districtWidth,
  isInsideRing,
  isSimpleRing,
  signedArea,
} from './geometry';
import { createRandom } from './random';

export type Street = { id: string; name: string; shortName: string };

/** Which bank a grid lies on: west of the river and south of the creek, east of the river, or north of the creek. */
export type Side = 'west' | 'east' | 'north';

export type Grid = {
  id: string;
  name: string;
  street: Street;
  column: number;
  row: number;
  side: Side;
  /** Counter-clockwise, open (first point not repeated). */
  ring: Point[];
  centre: Point;
};

export type Road = {
  id: string;
  name: string;
  /** East-west roads are y = offset(x); north-south roads are x = offset(y). */
  axis: 'east-west' | 'north-south';
  offset: (along: number) => number;
  from: number;
  to: number;
  points: Point[];
};

export type Waterway = { id: string; name: string; points: Point[] };

export type Landmark = { id: string; name: string; position: Point; grid: Grid };

export type District = {
  outline: Point[];
  streets: { street: Street; ring: Point[] }[];
  grids: Grid[];
  river: Waterway;
  creek: Waterway;
  /** The river's x at a given y, and the creek's y at a given x: both follow these curves exactly. */
  riverX: (y: number) => number;
  creekY: (x: number) => number;
  roads: Road[];
  landmarks: Landmark[];
};

/** Streets in the order they are listed in files. The east bank is one street, as the river is a natural border. */
export const streets: readonly Street[] = [
  { id: 'nanjingdonglu', name: '南京东路街道', shortName: '南京东路' },
  { id: 'waitan', name: '外滩街道', shortName: '外滩' },
  { id: 'yuyuan', name: '豫园街道', shortName: '豫园' },
  { id: 'xiaodongmen', name: '小东门街道', shortName: '小东门' },
  { id: 'laoximen', name: '老西门街道', shortName: '老西门' },
  { id: 'huaihaizhonglu', name: '淮海中路街道', shortName: '淮海中路' },
  { id: 'dapuqiao', name: '打浦桥街道', shortName: '打浦桥' },
  { id: 'lujiazui', name: '陆家嘴街道', shortName: '陆家嘴' },
];

const streetCodes: Record<string, string> = {
  N: 'nanjingdonglu',
  W: 'waitan',
  Y: 'yuyuan',
  X: 'xiaodongmen',
  L: 'laoximen',
  H: 'huaihaizhonglu',
  D: 'dapuqiao',
  P: 'lujiazui',
};

/**
 * Which street owns each lattice cell, north row first; '.' is outside the district (the notched corners make the
 * outline irregular). 85 cells = 85 grids. The river runs between columns 8 and 9, the creek between rows 6 and 7.
 */
const streetMap = [
  'NNNNNWWWWP.',
  'NNNNNWWWWP.',
  'HHHNYYWWYPP',
  'HHHHYYYYYPP',
  'HHHLLLYXXPP',
  'DDLLLLYXXPP',
  'DDDLLLXXXPP',
  '.DDDDLXXXPP',
];
const columns = 11;
const rows = 8;
const riverColumn = 9;
const creekRow = 7;
const cellWidth = districtWidth / columns;
const cellHeight = districtHeight / rows;

/** The river: a gentle S-curve flowing north that bends east beyond the district, as the real 黄浦江 does. */
function riverX(y: number): number {
  const bend = Math.max(0, y - 5.6);
  return 6.55 + 0.22 * Math.sin(0.75 * y + 0.6) + 0.07 * Math.sin(2.1 * y + 1.3) + 0.5 * bend * bend;
}

/** The creek meanders east into the river, like 苏州河 meets 黄浦江 at the north end of 外滩. */
function creekY(x: number): number {
  return 5.25 + 0.11 * Math.sin(1.3 * x + 0.5) + 0.05 * Math.sin(3.7 * x + 0.2);
}

/** Water lines are sampled about every 60 m so they look natural at street zoom. */
const waterStep = 0.06;

type Node = [column: number, row: number];
const nodeKey = ([column, row]: Node) => `${column},${row}`;
const edgeKey = (first: Node, second: Node) => {
  const [low, high] = compareNodes(first, second) <= 0 ? [first, second] : [second, first];
  return `${nodeKey(low)}:${nodeKey(high)}`;
};
function compareNodes(first: Node, second: Node): number {
  return first[0] - second[0] || first[1] - second[1];
}

function cellStreet(column: number, row: number): string | undefined {
  const code = streetMap[rows - 1 - row]?.[column];
  return code === undefined || code === '.' ? undefined : streetCodes[code];
}

/** The four corners of a cell, counter-clockwise from the south-west. */
function cellCorners(column: number, row: number): Node[] {
  return [
    [column, row],
    [column + 1, row],
    [column + 1, row + 1],
    [column, row + 1],
  ];
}

/** Samples `count` points strictly between two values (for edge interiors and line extensions). */
function between(from: number, to: number, step: number): number[] {
  const count = Math.max(1, Math.ceil(Math.abs(to - from) / step));
  return Array.from({ length: count - 1 }, (_, index) => from + ((to - from) * (index + 1)) / count);
}

export function buildDistrict(seed: number): District {
  const random = createRandom(seed, 'lattice');

  // Lattice nodes: a smooth warp plus per-node jitter, then snapped onto the river and creek curves.
  const nodes: Point[][] = [];
  for (let column = 0; column <= columns; column += 1) {
    const line: Point[] = [];
    for (let row = 0; row <= rows; row += 1) {
      let x = column * cellWidth + 0.14 * Math.sin(0.8 * row * cellHeight + 0.5);
      let y = row * cellHeight + 0.12 * Math.sin(0.7 * column * cellWidth + 1.1);
      x += random.between(-0.16, 0.16) * cellWidth;
      y += random.between(-0.16, 0.16) * cellHeight;
      if (column === riverColumn && row === creekRow) {
        // The confluence lies on both curves: a few fixed-point steps converge (both curves are shallow).
        for (let step = 0; step < 30; step += 1) y = creekY(riverX(y));
        x = riverX(y);
      } else if (column === riverColumn) {
        x = riverX(y);
      } else if (row === creekRow && column < riverColumn) {
        y = creekY(x);
      }
      line.push({ x, y });
    }
    nodes.push(line);
  }
  const position = ([column, row]: Node) => nodes[column]?.[row] as Point;

  // Cells and how many cells use each edge (1 = on the district outline).
  const cells: { column: number; row: number; streetId: string }[] = [];
  const edgeUse = new Map<string, { first: Node; second: Node; count: number }>();
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < columns; column += 1) {
      const streetId = cellStreet(column, row);
      if (streetId === undefined) continue;
      cells.push({ column, row, streetId });
      const corners = cellCorners(column, row);
      corners.forEach((corner, index) => {
        const next = corners[(index + 1) % 4] as Node;
        const key = edgeKey(corner, next);
        const [first, second] = compareNodes(corner, next) <= 0 ? [corner, next] : [next, corner];
        const use = edgeUse.get(key) ?? { first, second, count: 0 };
        use.count += 1;
        edgeUse.set(key, use);
      });
    }
  }

  // Edge interiors, shared by both cells of an edge so polygons tile exactly.
  const edgeInterior = new Map<string, Point[]>();
  for (const key of [...edgeUse.keys()].sort()) {
    const { first, second, count } = edgeUse.get(key) as { first: Node; second: Node; count: number };
    const start = position(first);
    const end = position(second);
    const isRiver = first[0] === riverColumn && second[0] === riverColumn;
    const isCreek = first[1] === creekRow && second[1] === creekRow && second[0] <= riverColumn;
    if (isRiver) {
      edgeInterior.set(
        key,
        between(start.y, end.y, waterStep).map((y) => ({ x: riverX(y), y })),
      );
    } else if (isCreek) {
      edgeInterior.set(
        key,
        between(start.x, end.x, waterStep).map((x) => ({ x, y: creekY(x) })),
      );
    } else if (count === 1) {
      // Outline edges get a slight wobble: real district borders follow streets and walls, never a ruler.
      const length = Math.hypot(end.x - start.x, end.y - start.y);
      const normal = { x: -(end.y - start.y) / length, y: (end.x - start.x) / length };
      edgeInterior.set(
        key,
        [1 / 3, 2 / 3].map((fraction) => {
          const shift = random.between(-0.035, 0.035);
          return {
            x: start.x + (end.x - start.x) * fraction + normal.x * shift,
            y: start.y + (end.y - start.y) * fraction + normal.y * shift,
          };
        }),
      );
    } else {
      edgeInterior.set(key, []);
    }
  }

  /** The points of a directed edge, from its start up to (not including) its end. */
  const edgePath = (from: Node, to: Node): Point[] => {
    const interior = edgeInterior.get(edgeKey(from, to)) ?? [];
    const forward = compareNodes(from, to) <= 0;
    return [position(from), ...(forward ? interior : [...interior].reverse())];
  };

  /** The outer boundary of a set of cells: edges not shared inside the set, chained into one ring. */
  const traceBoundary = (label: string, members: { column: number; row: number }[]): Point[] => {
    const outgoing = new Map<string, { from: Node; to: Node }>();
    const directed = new Set<string>();
    for (const { column, row } of members) {
      const corners = cellCorners(column, row);
      corners.forEach((corner, index) =>
        directed.add(`${nodeKey(corner)}>${nodeKey(corners[(index + 1) % 4] as Node)}`),
      );
    }
    for (const { column, row } of members) {
      const corners = cellCorners(column, row);
      corners.forEach((corner, index) => {
        const next = corners[(index + 1) % 4] as Node;
        if (directed.has(`${nodeKey(next)}>${nodeKey(corner)}`)) return;
        if (outgoing.has(nodeKey(corner))) {
          throw new Error(`demo district: ${label} touches itself at node ${nodeKey(corner)}`);
        }
        outgoing.set(nodeKey(corner), { from: corner, to: next });
      });
    }
    const startKey = [...outgoing.keys()].sort()[0] as string;
    const ring: Point[] = [];
    let key = startKey;
    let steps = 0;
    do {
      const edge = outgoing.get(key);
      if (edge === undefined) throw new Error(`demo district: the boundary of ${label} is not closed`);
      ring.push(...edgePath(edge.from, edge.to));
      key = nodeKey(edge.to);
      steps += 1;
    } while (key !== startKey);
    if (steps !== outgoing.size) throw new Error(`demo district: ${label} is not one piece without holes`);
    return ring;
  };

  const checkRing = (label: string, ring: Point[]) => {
    if (signedArea(ring) <= 0 || !isSimpleRing(ring)) {
      throw new Error(`demo district: the polygon of ${label} is not simple and counter-clockwise`);
    }
  };

  const grids: Grid[] = [];
  const streetRings: District['streets'] = [];
  for (const street of streets) {
    // Grids are numbered as a reader scans the map: north row first, then west to east.
    const members = cells
      .filter((cell) => cell.streetId === street.id)
      .sort((first, second) => second.row - first.row || first.column - second.column);
    const ring = traceBoundary(street.id, members);
    checkRing(street.id, ring);
    streetRings.push({ street, ring });
    members.forEach(({ column, row }, index) => {
      const number = String(index + 1).padStart(2, '0');
      const corners = cellCorners(column, row);
      const gridRing = corners.flatMap((corner, cornerIndex) =>
        edgePath(corner, corners[(cornerIndex + 1) % 4] as Node),
      );
      const id = `${street.id}-${number}`;
      checkRing(id, gridRing);
      grids.push({
        id,
        name: `${street.shortName}-${number}网格`,
        street,
        column,
        row,
        side: column >= riverColumn ? 'east' : row === creekRow ? 'north' : 'west',
        ring: gridRing,
        centre: centroid(gridRing),
      });
    });
  }
  const outline = traceBoundary('the district', cells);
  checkRing('the district', outline);

  // The river and creek run on from the lattice curves past the outline, so they leave the map naturally.
  const riverSouth = position([riverColumn, 0]);
  const riverNorth = position([riverColumn, rows]);
  const river: Waterway = {
    id: 'pujiang-river',
    name: '浦江',
    points: [
      { x: riverX(-0.8), y: -0.8 },
      ...between(-0.8, riverSouth.y, waterStep).map((y) => ({ x: riverX(y), y })),
      ...Array.from({ length: rows }, (_, row) =>
        edgePath([riverColumn, row], [riverColumn, row + 1]),
      ).flat(),
      riverNorth,
      ...between(riverNorth.y, 6.8, waterStep).map((y) => ({ x: riverX(y), y })),
      { x: riverX(6.8), y: 6.8 },
    ],
  };
  const creekWest = position([0, creekRow]);
  const creek: Waterway = {
    id: 'suwan-creek',
    name: '苏湾河',
    points: [
      { x: -0.8, y: creekY(-0.8) },
      ...between(-0.8, creekWest.x, waterStep).map((x) => ({ x, y: creekY(x) })),
      ...Array.from({ length: riverColumn }, (_, column) =>
        edgePath([column, creekRow], [column + 1, creekRow]),
      ).flat(),
      position([riverColumn, creekRow]),
    ],
  };

  const roads = buildRoads(riverX, creekY);
  const landmarks = buildLandmarks(roads, riverX, grids);
  return { outline, streets: streetRings, grids, river, creek, riverX, creekY, roads, landmarks };
}

/** Where an east-west road meets a north-south one (both curves are shallow, so iteration converges). */
export function roadCrossing(eastWest: Road, northSouth: Road): Point {
  let y = eastWest.offset((northSouth.from + northSouth.to) / 2);
  let x = northSouth.offset(y);
  for (let step = 0; step < 30; step += 1) {
    y = eastWest.offset(x);
    x = northSouth.offset(y);
  }
  return { x, y };
}

function makeRoad(
  id: string,
  name: string,
  axis: Road['axis'],
  offset: (along: number) => number,
  from: number,
  to: number,
): Road {
  const alongValues = [from, ...between(from, to, 0.2), to];
  const points = alongValues.map((along) =>
    axis === 'east-west' ? { x: along, y: offset(along) } : { x: offset(along), y: along },
  );
  return { id, name, axis, offset, from, to, points };
}

function buildRoads(riverX: (y: number) => number, creekY: (x: number) => number): Road[] {
  // The riverside road keeps 100 m off the river, like 中山东一路 behind the flood wall.
  const bundX = (y: number) => riverX(y) - 0.1;
  const sketch = (id: string, name: string, axis: Road['axis'], offset: (along: number) => number) =>
    makeRoad(id, name, axis, offset, -0.3, 6.3);
  const bund = sketch('zhongshan-road', '中山东路', 'north-south', bundX);
  const nanjingY = (x: number) => 4.86 + 0.03 * Math.sin(1.9 * x);
  const yananY = (x: number) => 4.42 + 0.05 * Math.sin(1.1 * x + 0.7);
  const fuxingY = (x: number) => 2.28 + 0.06 * Math.sin(0.9 * x + 2);
  const nanjingEnd = roadCrossing(sketch('nanjing', '', 'east-west', nanjingY), bund);
  const yananEnd = roadCrossing(sketch('yanan', '', 'east-west', yananY), bund);
  const fuxingEnd = roadCrossing(sketch('fuxing', '', 'east-west', fuxingY), bund);
  let bundNorth = 5.2;
  for (let step = 0; step < 30; step += 1) bundNorth = creekY(bundX(bundNorth));

  return [
    makeRoad('nanjing-road-east', '南京东路', 'east-west', nanjingY, 1.45, nanjingEnd.x),
    makeRoad('yanan-road-east', '延安东路', 'east-west', yananY, -0.3, yananEnd.x),
    makeRoad('fuxing-road-east', '复兴东路', 'east-west', fuxingY, -0.3, fuxingEnd.x),
    makeRoad(
      'xizang-road-south',
      '西藏南路',
      'north-south',
      (y) => 2.72 + 0.04 * Math.sin(1.3 * y),
      -0.3,
      6.3,
    ),
    makeRoad(
      'henan-road-middle',
      '河南中路',
      'north-south',
      (y) => 4.92 + 0.03 * Math.sin(1.7 * y + 0.4),
      -0.3,
      6.3,
    ),
    makeRoad('zhongshan-road-east-1', '中山东一路', 'north-south', bundX, yananEnd.y, bundNorth),
    makeRoad('zhongshan-road-south', '中山南路', 'north-south', bundX, -0.3, yananEnd.y),
    makeRoad('pudong-road-south', '浦东南路', 'north-south', (y) => riverX(y) + 0.75, -0.3, 4.6),
  ];
}

/** Finds the grid containing a point, if any. */
export function findGrid(point: Point, grids: readonly Grid[]): Grid | undefined {
  return grids.find((grid) => isInsideRing(point, grid.ring));
}

/** How far a point is from the edge of its grid (cameras keep clear of edges so their grid is unambiguous). */
export function distanceToGridEdge(point: Point, grid: Grid): number {
  return distanceToLine(point, grid.ring, true);
}

function buildLandmarks(roads: Road[], riverX: (y: number) => number, grids: Grid[]): Landmark[] {
  const road = (id: string) => roads.find((candidate) => candidate.id === id) as Road;
  const onRoad = (id: string, along: number): Point => {
    const found = road(id);
    return found.axis === 'east-west'
      ? { x: along, y: found.offset(along) }
      : { x: found.offset(along), y: along };
  };
  const specifications: { id: string; name: string; position: Point }[] = [
    // 陈毅广场 sits where 南京东路 meets the river, between the riverside road and the flood wall.
    { id: 'bund-viewing-deck', name: '外滩观景平台', position: { x: riverX(4.8) - 0.05, y: 4.8 } },
    { id: 'nanjing-road-walk', name: '南京路步行街', position: onRoad('nanjing-road-east', 3.6) },
    { id: 'people-square', name: '人民广场', position: { x: 1.05, y: 4.85 } },
    { id: 'metro-hub', name: '人民广场地铁枢纽', position: { x: 1.95, y: 4.98 } },
    { id: 'yuyuan-garden', name: '豫园', position: { x: 4.75, y: 2.85 } },
    { id: 'city-god-temple', name: '城隍庙', position: { x: 4.6, y: 2.48 } },
    { id: 'central-hospital', name: '浦江中心医院', position: { x: 1.1, y: 2.65 } },
    { id: 'pujiang-stadium', name: '浦江体育场', position: { x: 1.8, y: 1.1 } },
    { id: 'zhongshan-underpass', name: '中山南路下立交', position: onRoad('zhongshan-road-south', 0.95) },
    { id: 'shiliupu-pumping-station', name: '十六铺雨水泵站', position: { x: riverX(1.95) - 0.05, y: 1.95 } },
    { id: 'east-bank-greenway', name: '东岸滨江绿地', position: { x: riverX(3.6) + 0.12, y: 3.6 } },
  ];
  return specifications.map(({ id, name, position }) => {
    const grid = findGrid(position, grids);
    if (grid === undefined) throw new Error(`demo district: landmark ${id} lies outside the district`);
    return { id, name, position, grid };
  });
}
