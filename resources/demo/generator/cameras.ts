// The demo camera estate (视觉中枢): 240 cameras, dense at landmarks, along the river, creek and roads, sparse in
// residential grids, each named, tagged and assigned to the grid polygon that contains it.
import type { z } from 'zod';
import type { cameraSchema } from '../../../shared/model/camera';
import type { District, Grid, Road } from './district';
import { distanceToGridEdge, findGrid, roadCrossing } from './district';
import type { Point } from './geometry';
import { distance, distanceToLine, isInsideRing, toLonLat } from './geometry';
import type { Random } from './random';
import { createRandom } from './random';

/** The fixed tag vocabulary (标签化管理): scenario patrol plans select cameras by these. */
export const cameraTags = [
  '防汛',
  '下立交',
  '河道',
  '人流',
  '地铁',
  '交通路口',
  '道路',
  '重点区域',
  '消防通道',
  '小区',
  '高空瞭望',
  '云台',
] as const;
export type CameraTag = (typeof cameraTags)[number];

export const cameraCount = 240;
/** The embedded media server loops six synthetic streams; cameras share them in turn. */
export const demoStreamIds = ['cam-01', 'cam-02', 'cam-03', 'cam-04', 'cam-05', 'cam-06'] as const;
/**
 * Two cameras of the daily scenario's right display carry PTZ heads (云台): their streams are the demo media
 * server's steerable views (`ptz-01`, `ptz-02`, resources/media/clips/ptz/), so the console can turn them.
 */
const ptzStreams: ReadonlyMap<string, string> = new Map([
  ['landmark:nanjing-road-walk', 'ptz-01'],
  ['landmark:yuyuan-garden', 'ptz-02'],
]);
const onlineRate = 0.96;

/** A camera plus the placement group it came from, which scenario presets pick from. */
export type PlannedCamera = { camera: z.input<typeof cameraSchema>; group: string };

const compassDirections = ['北向', '东北向', '东向', '东南向', '南向', '西南向', '西向', '西北向'] as const;

/** Cameras keep 15 m off grid edges so rounding to 6 decimals can never move one into the next grid. */
const edgeClearance = 0.015;

type Draft = { name: string; point: Point; grid: Grid; tags: CameraTag[]; group: string };

function orderedTags(tags: readonly (CameraTag | false)[]): CameraTag[] {
  const wanted = new Set(tags.filter((tag): tag is CameraTag => tag !== false));
  const ordered = cameraTags.filter((tag) => wanted.has(tag));
  // Up to three describing tags, plus 云台 on the PTZ heads.
  const describing = ordered.filter((tag) => tag !== '云台').length;
  if (describing < 1 || describing > 3) throw new Error(`demo cameras: 1-3 tags expected, got ${ordered}`);
  return ordered;
}

/** Moves a point inside its grid until it is clear of the edges; undefined when it is outside the district. */
function settle(start: Point, grids: readonly Grid[]): { point: Point; grid: Grid } | undefined {
  let point = start;
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const grid = findGrid(point, grids);
    if (grid === undefined) return undefined;
    const clearance = distanceToGridEdge(point, grid);
    if (clearance >= edgeClearance) return { point, grid };
    const towardX = grid.centre.x - point.x;
    const towardY = grid.centre.y - point.y;
    const length = Math.hypot(towardX, towardY);
    const step = edgeClearance - clearance + 0.005;
    point = { x: point.x + (towardX / length) * step, y: point.y + (towardY / length) * step };
  }
  return undefined;
}

type LandmarkPlan = {
  count: number;
  /** Place words cycled through; '' names the camera after the landmark alone (e.g. 外滩观景平台-北向). */
  places: string[];
  tags: CameraTag[];
  /** Where a camera may stand, relative to the landmark. */
  sample: (random: Random) => Point;
  extraTags?: (point: Point, random: Random) => (CameraTag | false)[];
};

export function buildCameras(district: District, seed: number): PlannedCamera[] {
  const random = createRandom(seed, 'cameras');
  const { grids, riverX, creekY } = district;
  const drafts: Draft[] = [];
  const usedNames = new Set<string>();

  /** A unique name: the stem plus a direction; when every direction is taken the place gets a number. */
  const takeName = (prefix: string, place: string, directions: readonly string[]): string => {
    for (let round = 1; round < 100; round += 1) {
      const numberedPlace = round === 1 ? place : place === '' ? `${round}号点` : `${place}${round}号`;
      const stem = numberedPlace === '' ? prefix : `${prefix}-${numberedPlace}`;
      for (const direction of random.shuffle(directions)) {
        const name = `${stem}-${direction}`;
        if (!usedNames.has(name)) {
          usedNames.add(name);
          return name;
        }
      }
    }
    throw new Error(`demo cameras: no free name for ${prefix}-${place}`);
  };

  /** Samples positions until one settles inside the district (and passes `accept`). */
  const placeCamera = (
    label: string,
    sample: () => Point,
    accept: (grid: Grid, point: Point) => boolean = () => true,
  ): { point: Point; grid: Grid } => {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const placed = settle(sample(), grids);
      if (placed !== undefined && accept(placed.grid, placed.point)) return placed;
    }
    throw new Error(`demo cameras: could not place a camera for ${label}`);
  };

  const river = district.river.points;
  const road = (id: string) => {
    const found = district.roads.find((candidate) => candidate.id === id);
    if (found === undefined) throw new Error(`demo cameras: no road ${id}`);
    return found;
  };
  const landmark = (id: string) => {
    const found = district.landmarks.find((candidate) => candidate.id === id);
    if (found === undefined) throw new Error(`demo cameras: no landmark ${id}`);
    return found;
  };
  const around = (centre: Point, radius: number) => (source: Random) => {
    const angle = source.between(0, 2 * Math.PI);
    const reach = source.between(0.03, radius);
    return { x: centre.x + reach * Math.cos(angle), y: centre.y + reach * Math.sin(angle) };
  };
  const alongRiver = (centre: Point, spread: number, bank: -1 | 1) => (source: Random) => {
    const y = centre.y + source.between(-spread, spread);
    return { x: riverX(y) + bank * source.between(0.03, 0.18), y };
  };
  const alongRoad = (roadId: string, centre: number, spread: number) => (source: Random) => {
    const found = road(roadId);
    const along = centre + source.between(-spread, spread);
    const across = found.offset(along) + source.between(-0.02, 0.02);
    return found.axis === 'east-west' ? { x: along, y: across } : { x: across, y: along };
  };
  const nearRiver = (point: Point, within: number) => distanceToLine(point, river) < within;

  // 1. Landmarks: where crowds, floods and emergencies concentrate, so where the estate is densest.
  const bund = landmark('bund-viewing-deck').position;
  const underpass = landmark('zhongshan-underpass').position;
  const landmarkPlans: Record<string, LandmarkPlan> = {
    'bund-viewing-deck': {
      count: 16,
      places: ['', '陈毅广场', '亲水平台', '防汛墙', '气象信号塔', '金陵东路口', '北京东路口'],
      tags: ['人流', '重点区域'],
      sample: alongRiver(bund, 0.35, -1),
      extraTags: (point) => [nearRiver(point, 0.09) && '防汛'],
    },
    'nanjing-road-walk': {
      count: 14,
      places: ['世纪广场', '东口', '西口', '第一百货', '中段', '河南中路口'],
      tags: ['人流', '重点区域'],
      sample: alongRoad('nanjing-road-east', landmark('nanjing-road-walk').position.x, 0.9),
    },
    'people-square': {
      count: 10,
      places: ['', '音乐喷泉', '博物馆前', '地下通道', '广场东侧'],
      tags: ['人流', '重点区域'],
      sample: around(landmark('people-square').position, 0.22),
    },
    'metro-hub': {
      count: 10,
      places: ['1号口', '8号口', '12号口', '换乘通道', '站厅', '公交枢纽'],
      tags: ['地铁', '人流'],
      sample: around(landmark('metro-hub').position, 0.2),
    },
    'yuyuan-garden': {
      count: 10,
      places: ['', '九曲桥', '湖心亭', '正门', '商城广场'],
      tags: ['人流', '重点区域'],
      sample: around(landmark('yuyuan-garden').position, 0.15),
      extraTags: (_point, source) => [source.chance(0.25) && '消防通道'],
    },
    'city-god-temple': {
      count: 8,
      places: ['', '正门', '老街', '方浜中路'],
      tags: ['人流', '消防通道'],
      sample: around(landmark('city-god-temple').position, 0.15),
    },
    'central-hospital': {
      count: 5,
      places: ['急诊入口', '门诊大楼', '救护车通道'],
      tags: ['重点区域', '消防通道'],
      sample: around(landmark('central-hospital').position, 0.12),
    },
    'pujiang-stadium': {
      count: 8,
      places: ['', '东看台入口', '西广场', '南门', '停车场'],
      tags: ['人流', '重点区域'],
      sample: around(landmark('pujiang-stadium').position, 0.2),
    },
    'zhongshan-underpass': {
      count: 6,
      places: ['', '南入口', '北入口', '积水标尺', '泵房'],
      tags: ['下立交', '防汛'],
      sample: alongRoad('zhongshan-road-south', underpass.y, 0.15),
      extraTags: (_point, source) => [source.chance(0.4) && '交通路口'],
    },
    'shiliupu-pumping-station': {
      count: 4,
      places: ['出水口', '进水闸', '泵房', '前池'],
      tags: ['防汛', '河道'],
      sample: around(landmark('shiliupu-pumping-station').position, 0.07),
    },
    'east-bank-greenway': {
      count: 6,
      places: ['', '滨江步道', '观景台', '轮渡站'],
      tags: ['人流', '河道'],
      sample: alongRiver(landmark('east-bank-greenway').position, 0.4, 1),
    },
  };
  for (const { id, name, grid: landmarkGrid } of district.landmarks) {
    const plan = landmarkPlans[id];
    if (plan === undefined) throw new Error(`demo cameras: no camera plan for landmark ${id}`);
    for (let index = 0; index < plan.count; index += 1) {
      // Same bank as the landmark: a camera across the river would show the wrong place.
      const { point, grid } = placeCamera(
        id,
        () => plan.sample(random),
        (candidate) => candidate.side === landmarkGrid.side,
      );
      drafts.push({
        name: takeName(name, plan.places[index % plan.places.length] as string, compassDirections),
        point,
        grid,
        tags: orderedTags([...plan.tags, ...(plan.extraTags?.(point, random) ?? [])]),
        group: `landmark:${id}`,
      });
    }
  }

  // 2. The river banks (防汛墙): stratified along the river so every stretch of the flood wall is covered.
  const riverSouth = district.river.points.find((point) => point.y >= 0) as Point;
  const junction = district.creek.points.at(-1) as Point;
  /** Stretches of the flood wall from south to north, each with the y (km) where it ends. */
  const westStretches: [number, string][] = [
    [1.2, '董家渡'],
    [2.4, '十六铺'],
    [3.6, '老码头'],
    [4.45, '外滩南段'],
    [junction.y, '外滩北段'],
    [Infinity, '北外滩'],
  ];
  const eastStretches: [number, string][] = [
    [2, '东昌路'],
    [4, '滨江大道'],
    [Infinity, '陆家嘴'],
  ];
  const stretchAt = (stretches: [number, string][], y: number) =>
    (stretches.find(([north]) => y <= north) as [number, string])[1];
  const westBankViews = ['东向', '东北向', '东南向', '北向', '南向'];
  const eastBankViews = ['西向', '西北向', '西南向', '北向', '南向'];
  const bankCameras = (bank: -1 | 1, count: number) => {
    // From just inside the south edge to just short of the north edge (about 6 km).
    const from = Math.max(0.1, riverSouth.y + 0.1);
    const to = 5.85;
    for (let index = 0; index < count; index += 1) {
      const { point, grid } = placeCamera(
        'river bank',
        () => {
          const y = from + ((index + random.between(0.15, 0.85)) * (to - from)) / count;
          return { x: riverX(y) + bank * random.between(0.03, 0.12), y };
        },
        (candidate, candidatePoint) =>
          (bank === 1) === (candidate.side === 'east') && distance(candidatePoint, junction) > 0.12,
      );
      const segment = stretchAt(bank === -1 ? westStretches : eastStretches, point.y);
      const isPromenade = segment.startsWith('外滩') || (bank === 1 && random.chance(0.3));
      drafts.push({
        // Bank cameras look at the water or along it, never inland.
        name: takeName(
          bank === -1 ? '浦江防汛墙' : '浦江东岸',
          segment,
          bank === -1 ? westBankViews : eastBankViews,
        ),
        point,
        grid,
        tags: orderedTags(['河道', '防汛', isPromenade && '人流']),
        group: bank === -1 ? `river-west:${segment}` : 'river-east',
      });
    }
  };
  bankCameras(-1, 20);
  bankCameras(1, 10);

  // 3. The creek: both banks of every bridge, where water level and debris are watched.
  const bridgeAtRoad = (roadId: string) => {
    const found = road(roadId);
    let x = found.offset(5.25);
    for (let step = 0; step < 30; step += 1) x = found.offset(creekY(x));
    return x;
  };
  const bridges: [string, number][] = [
    ['恒丰路桥', 0.5],
    ['乌镇路桥', 1.4],
    ['西藏路桥', bridgeAtRoad('xizang-road-south')],
    ['浙江路桥', 3.3],
    ['福建路桥', 3.9],
    ['河南路桥', bridgeAtRoad('henan-road-middle')],
    ['四川路桥', 5.45],
    ['乍浦路桥', 5.8],
    ['外白渡桥', junction.x - 0.2],
  ];
  for (const [bridge, x] of bridges) {
    for (const bank of [-1, 1] as const) {
      const { point, grid } = placeCamera(
        bridge,
        () => {
          const offsetX = x + random.between(-0.03, 0.03);
          return { x: offsetX, y: creekY(offsetX) + bank * random.between(0.03, 0.08) };
        },
        (candidate) => (bank === 1) === (candidate.side === 'north'),
      );
      drafts.push({
        name: takeName('苏湾河', `${bridge}${bank === -1 ? '南' : '北'}`, ['东向', '西向']),
        point,
        grid,
        tags: orderedTags(['河道', '防汛']),
        group: `creek:${bridge}`,
      });
    }
  }

  // 4. Intersections: three of the four approaches of each junction of the main roads.
  const metroHub = landmark('metro-hub').position;
  const approaches: [string, Point][] = [
    ['东', { x: 0.03, y: 0 }],
    ['南', { x: 0, y: -0.03 }],
    ['西', { x: -0.03, y: 0 }],
    ['北', { x: 0, y: 0.03 }],
  ];
  const junctions: [Road, Road][] = [];
  for (const eastWest of ['nanjing-road-east', 'yanan-road-east', 'fuxing-road-east']) {
    for (const northSouth of ['xizang-road-south', 'henan-road-middle', 'zhongshan-road']) {
      const bundRoad = eastWest === 'fuxing-road-east' ? 'zhongshan-road-south' : 'zhongshan-road-east-1';
      junctions.push([road(eastWest), road(northSouth === 'zhongshan-road' ? bundRoad : northSouth)]);
    }
  }
  for (const [eastWest, northSouth] of junctions) {
    const centre = roadCrossing(eastWest, northSouth);
    for (const [direction, offset] of random.shuffle(approaches).slice(0, 3)) {
      const { point, grid } = placeCamera(`${eastWest.name}-${northSouth.name}`, () => ({
        x: centre.x + offset.x + random.between(-0.005, 0.005),
        y: centre.y + offset.y + random.between(-0.005, 0.005),
      }));
      drafts.push({
        name: takeName(eastWest.name, `${northSouth.name}口`, [direction]),
        point,
        grid,
        tags: orderedTags([
          '交通路口',
          distance(point, metroHub) < 0.9 && '地铁',
          eastWest.id === 'nanjing-road-east' && '人流',
        ]),
        group: `intersection:${eastWest.id}:${northSouth.id}`,
      });
    }
  }

  // 5. Road sections between junctions, spread evenly over every road.
  const roadSectionCount = 16;
  for (let index = 0; index < roadSectionCount; index += 1) {
    const found = district.roads[index % district.roads.length] as Road;
    const pass = Math.floor(index / district.roads.length);
    const passes = Math.ceil(roadSectionCount / district.roads.length);
    const { point, grid } = placeCamera(found.name, () => {
      const fraction = (pass + random.between(0.1, 0.9)) / passes;
      const along = found.from + (found.to - found.from) * fraction;
      const across = found.offset(along) + random.between(-0.015, 0.015);
      return found.axis === 'east-west' ? { x: along, y: across } : { x: across, y: along };
    });
    drafts.push({
      name: takeName(
        found.name,
        `${grid.street.shortName}段`,
        found.axis === 'east-west' ? ['东向', '西向'] : ['南向', '北向'],
      ),
      point,
      grid,
      tags: orderedTags(['道路']),
      group: `road:${found.id}`,
    });
  }

  // 6. One high lookout (高空瞭望) per street, on its tallest building.
  const lookoutBuildings: Record<string, string> = {
    nanjingdonglu: '新世界大厦',
    waitan: '海关钟楼',
    yuyuan: '豫园商城',
    xiaodongmen: '十六铺大厦',
    laoximen: '文庙塔楼',
    huaihaizhonglu: '淮海大厦',
    dapuqiao: '日月光中心',
    lujiazui: '滨江中心',
  };
  for (const { street } of district.streets) {
    const streetGrids = grids.filter((grid) => grid.street.id === street.id);
    const target = random.pick(streetGrids);
    const { point, grid } = placeCamera(`${street.id} lookout`, () => pointInGrid(target, random));
    drafts.push({
      name: takeName(street.shortName, `${lookoutBuildings[street.id] ?? '高楼'}高点`, compassDirections),
      point,
      grid,
      tags: orderedTags(['高空瞭望', nearRiver(point, 0.5) ? '防汛' : '重点区域']),
      group: 'lookout',
    });
  }

  // 7. Residential compounds (小区) fill the rest, always in the grid with the fewest cameras so far: every grid
  // then has cameras, as a street's duty officer expects when browsing the camera tree by grid.
  const compounds = [
    '福佑里',
    '梅园新村',
    '桃源坊',
    '建业里',
    '瑞福苑',
    '永安里',
    '金桂公寓',
    '和平小区',
    '宝兴里',
    '康乐新村',
    '春晖苑',
    '丽园小区',
    '海潮新村',
    '兴业花园',
    '尚文里',
    '安居新村',
    '徽宁里',
    '明德里',
    '翠竹苑',
    '仁和坊',
    '锦绣公寓',
    '东昌新村',
    '滨江苑',
    '同福里',
    '荣华公寓',
    '长乐坊',
  ];
  const gates = ['东门', '南门', '西门', '北门', '主出入口', '消防通道'];
  const residentialCount = cameraCount - drafts.length;
  if (residentialCount < 0)
    throw new Error('demo cameras: the placement plan has more cameras than the estate');
  const camerasPerGrid = new Map<string, number>(grids.map((grid) => [grid.id, 0]));
  for (const draft of drafts) camerasPerGrid.set(draft.grid.id, (camerasPerGrid.get(draft.grid.id) ?? 0) + 1);
  const gridOrder = random.shuffle(grids);
  const camerasIn = (grid: Grid) => camerasPerGrid.get(grid.id) ?? 0;
  for (let index = 0; index < residentialCount; index += 1) {
    // Ties go to the earliest grid in the shuffled order, so the choice stays seeded.
    const target = gridOrder.reduce((best, grid) => (camerasIn(grid) < camerasIn(best) ? grid : best));
    const { point, grid } = placeCamera(`${target.id} compound`, () => pointInGrid(target, random));
    const gate = random.pick(gates);
    drafts.push({
      name: takeName(grid.street.shortName, `${random.pick(compounds)}${gate}`, compassDirections),
      point,
      grid,
      tags: orderedTags(['小区', (gate === '消防通道' || random.chance(0.3)) && '消防通道']),
      group: 'residential',
    });
    camerasPerGrid.set(grid.id, camerasIn(grid) + 1);
  }

  const online = createRandom(seed, 'online');
  const headed = new Set<string>();
  return drafts.map((draft, index) => {
    // The first camera of each PTZ group gets the head (always online: the demo must be able to steer it).
    const ptzStream = headed.has(draft.group) ? undefined : ptzStreams.get(draft.group);
    if (ptzStream) headed.add(draft.group);
    const isOnline = online.chance(onlineRate);
    return {
      camera: {
        id: `cam-${String(index + 1).padStart(4, '0')}`,
        name: draft.name,
        street: draft.grid.street.id,
        grid: draft.grid.id,
        position: toLonLat(draft.point),
        tags: ptzStream ? orderedTags([...draft.tags, '云台']) : draft.tags,
        platform: 'demo',
        streamId: ptzStream ?? (demoStreamIds[index % demoStreamIds.length] as string),
        isOnline: isOnline || ptzStream !== undefined,
      },
      group: draft.group,
    };
  });
}

/** A random point well inside a grid (rejection sampling in its bounding box). */
function pointInGrid(grid: Grid, random: Random): Point {
  const xs = grid.ring.map((point) => point.x);
  const ys = grid.ring.map((point) => point.y);
  const [west, east, south, north] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const point = { x: random.between(west, east), y: random.between(south, north) };
    if (isInsideRing(point, grid.ring) && distanceToGridEdge(point, grid) > 0.04) return point;
  }
  throw new Error(`demo cameras: could not find a point inside ${grid.id}`);
}
