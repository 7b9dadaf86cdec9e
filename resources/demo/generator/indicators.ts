// The demo vital-sign catalogue (城市运行数字体征): plausible Shanghai-style indicators in all eight dimensions,
// with warning thresholds and a simulation tuned so the normal demo mostly stays normal, with the odd blue.
import type { z } from 'zod';
import type { indicatorSchema } from '../../../shared/model/indicator';
import { streets } from './district';
import { plausibleRangeOf } from './plausible-ranges';

type IndicatorInput = z.input<typeof indicatorSchema>;
type Thresholds = NonNullable<IndicatorInput['thresholds']>;

/** Fast signals refresh every few seconds; slow ones (counts, lab-style measurements) every minute or two. */
const fast = 30;
const medium = 60;
const slow = 120;

/** Higher is worse: blue < yellow < orange < red. */
const above = (
  blue: number,
  yellow: number,
  orange: number,
  red: number,
  hysteresis: number,
): Thresholds => ({
  direction: 'above',
  blue,
  yellow,
  orange,
  red,
  hysteresis,
});

/** Lower is worse (pressures, speeds, oxygen): blue > yellow > orange > red. */
const below = (
  blue: number,
  yellow: number,
  orange: number,
  red: number,
  hysteresis: number,
): Thresholds => ({
  direction: 'below',
  blue,
  yellow,
  orange,
  red,
  hysteresis,
});

/** The catalogue without source keys, which all follow the `vitals/<id>` convention. */
const specifications: Omit<IndicatorInput, 'sourceKey'>[] = [
  // 气象 weather, with hydrology: tide and creek levels drive flood response.
  {
    id: 'rain-1h',
    name: { zh: '小时降雨量', en: 'Hourly rainfall' },
    dimension: 'weather',
    unit: 'mm/h',
    thresholds: above(20, 35, 50, 70, 2),
    staleAfterSeconds: fast,
    simulation: { base: 2.5, amplitude: 3, periodSeconds: 300, noise: 1, min: 0, max: 120, decimals: 1 },
  },
  {
    // 外滩 (黄浦公园) gauge: warning level 4.80 m; spring high tides touch blue in normal times.
    id: 'tide-bund',
    name: { zh: '外滩潮位', en: 'Tide level at the Bund' },
    dimension: 'weather',
    unit: 'm',
    thresholds: above(4.5, 4.8, 5.2, 5.5, 0.05),
    staleAfterSeconds: fast,
    simulation: {
      base: 3.25,
      amplitude: 1.25,
      periodSeconds: 600,
      noise: 0.03,
      min: 1.5,
      max: 6.2,
      decimals: 2,
    },
  },
  {
    id: 'creek-level',
    name: { zh: '苏湾河水位', en: 'Creek water level' },
    dimension: 'weather',
    unit: 'm',
    thresholds: above(3.6, 3.9, 4.2, 4.5, 0.05),
    staleAfterSeconds: fast,
    simulation: { base: 2.9, amplitude: 0.4, periodSeconds: 480, noise: 0.03, min: 1.8, max: 5, decimals: 2 },
  },
  {
    // Beaufort 6/7/8/10: the wind speeds behind the typhoon warning signals.
    id: 'wind-speed',
    name: { zh: '平均风速', en: 'Mean wind speed' },
    dimension: 'weather',
    unit: 'm/s',
    thresholds: above(10.8, 13.9, 17.2, 24.5, 0.5),
    staleAfterSeconds: fast,
    simulation: { base: 4, amplitude: 2, periodSeconds: 180, noise: 0.8, min: 0, max: 60, decimals: 1 },
  },
  {
    // China's heat warnings start at yellow (35 °C), so there is no blue level.
    id: 'temperature',
    name: { zh: '气温', en: 'Air temperature' },
    dimension: 'weather',
    unit: '°C',
    thresholds: { direction: 'above', yellow: 35, orange: 37, red: 40, hysteresis: 0.5 },
    staleAfterSeconds: medium,
    simulation: { base: 29, amplitude: 3, periodSeconds: 600, noise: 0.3, min: -10, max: 45, decimals: 1 },
  },

  // 环境 environment.
  {
    id: 'aqi',
    name: { zh: '空气质量指数', en: 'Air quality index' },
    dimension: 'environment',
    unit: '',
    thresholds: above(100, 150, 200, 300, 5),
    staleAfterSeconds: slow,
    simulation: { base: 64, amplitude: 28, periodSeconds: 540, noise: 6, min: 0, max: 500, decimals: 0 },
  },
  {
    id: 'pm25',
    name: { zh: 'PM2.5浓度', en: 'PM2.5 concentration' },
    dimension: 'environment',
    unit: 'μg/m³',
    thresholds: above(75, 115, 150, 250, 5),
    staleAfterSeconds: slow,
    simulation: { base: 38, amplitude: 20, periodSeconds: 540, noise: 6, min: 0, max: 500, decimals: 0 },
  },
  {
    // pH is bad in both directions, which one threshold direction cannot express: shown without warnings.
    id: 'water-ph',
    name: { zh: '苏湾河水质pH', en: 'Creek water pH' },
    dimension: 'environment',
    unit: '',
    staleAfterSeconds: slow,
    simulation: { base: 7.4, amplitude: 0.2, periodSeconds: 600, noise: 0.05, min: 5, max: 10, decimals: 2 },
  },
  {
    // Class III water needs at least 5 mg/L; below 2 mg/L a river turns black and odorous (黑臭).
    id: 'dissolved-oxygen',
    name: { zh: '苏湾河溶解氧', en: 'Creek dissolved oxygen' },
    dimension: 'environment',
    unit: 'mg/L',
    thresholds: below(5, 3, 2, 1, 0.2),
    staleAfterSeconds: slow,
    simulation: { base: 6.5, amplitude: 0.8, periodSeconds: 600, noise: 0.2, min: 0, max: 14, decimals: 1 },
  },
  {
    id: 'noise-level',
    name: { zh: '区域环境噪声', en: 'Ambient noise' },
    dimension: 'environment',
    unit: 'dB(A)',
    thresholds: above(65, 70, 75, 85, 1),
    staleAfterSeconds: medium,
    simulation: { base: 56, amplitude: 5, periodSeconds: 240, noise: 2, min: 30, max: 110, decimals: 1 },
  },

  // 人口 population and crowds.
  {
    id: 'crowd-bund',
    name: { zh: '外滩观景平台人流密度', en: 'Crowd density on the Bund deck' },
    dimension: 'population',
    unit: '人/m²',
    thresholds: above(0.8, 1.2, 1.6, 2, 0.05),
    staleAfterSeconds: fast,
    simulation: { base: 0.45, amplitude: 0.32, periodSeconds: 360, noise: 0.05, min: 0, max: 4, decimals: 2 },
  },
  {
    id: 'flow-nanjing-road',
    name: { zh: '南京路步行街客流', en: 'Nanjing Road pedestrian flow' },
    dimension: 'population',
    unit: '人次/h',
    thresholds: above(60_000, 80_000, 100_000, 120_000, 2000),
    staleAfterSeconds: fast,
    simulation: {
      base: 28_000,
      amplitude: 12_000,
      periodSeconds: 420,
      noise: 2500,
      min: 0,
      max: 200_000,
      decimals: 0,
    },
  },
  {
    id: 'metro-flow',
    name: { zh: '人民广场枢纽进出站客流', en: 'People’s Square metro flow' },
    dimension: 'population',
    unit: '人次/h',
    thresholds: above(80_000, 95_000, 110_000, 130_000, 2000),
    staleAfterSeconds: fast,
    simulation: {
      base: 45_000,
      amplitude: 20_000,
      periodSeconds: 420,
      noise: 3000,
      min: 0,
      max: 200_000,
      decimals: 0,
    },
  },
  {
    id: 'visitors-yuyuan',
    name: { zh: '豫园在园人数', en: 'Visitors in Yuyuan Garden' },
    dimension: 'population',
    unit: '人',
    thresholds: above(15_000, 20_000, 24_000, 28_000, 500),
    staleAfterSeconds: fast,
    simulation: {
      base: 9000,
      amplitude: 4000,
      periodSeconds: 480,
      noise: 800,
      min: 0,
      max: 40_000,
      decimals: 0,
    },
  },

  // 供给 supply: water, power, gas. Pressures warn when they fall.
  {
    id: 'water-pressure',
    name: { zh: '管网供水压力', en: 'Water supply pressure' },
    dimension: 'supply',
    unit: 'MPa',
    thresholds: below(0.2, 0.17, 0.14, 0.1, 0.01),
    staleAfterSeconds: fast,
    simulation: {
      base: 0.29,
      amplitude: 0.03,
      periodSeconds: 300,
      noise: 0.005,
      min: 0,
      max: 0.6,
      decimals: 3,
    },
  },
  {
    id: 'power-load',
    name: { zh: '电网负载率', en: 'Power grid load' },
    dimension: 'supply',
    unit: '%',
    thresholds: above(80, 90, 95, 100, 2),
    staleAfterSeconds: fast,
    simulation: { base: 65, amplitude: 13, periodSeconds: 600, noise: 2, min: 0, max: 120, decimals: 1 },
  },
  {
    id: 'gas-pressure',
    name: { zh: '中压燃气管网压力', en: 'Medium-pressure gas network' },
    dimension: 'supply',
    unit: 'MPa',
    thresholds: below(0.26, 0.22, 0.18, 0.15, 0.01),
    staleAfterSeconds: fast,
    simulation: {
      base: 0.32,
      amplitude: 0.02,
      periodSeconds: 360,
      noise: 0.004,
      min: 0,
      max: 0.5,
      decimals: 3,
    },
  },

  // 交通 traffic. The congestion index is the 0–10 scale (8–10 严重拥堵).
  {
    id: 'congestion-index',
    name: { zh: '道路拥堵指数', en: 'Road congestion index' },
    dimension: 'traffic',
    unit: '',
    thresholds: above(6, 7, 8, 9, 0.2),
    staleAfterSeconds: fast,
    simulation: { base: 4.2, amplitude: 1.7, periodSeconds: 300, noise: 0.3, min: 0, max: 10, decimals: 1 },
  },
  {
    id: 'average-speed',
    name: { zh: '路网平均车速', en: 'Average road speed' },
    dimension: 'traffic',
    unit: 'km/h',
    thresholds: below(20, 15, 12, 8, 1),
    staleAfterSeconds: fast,
    simulation: { base: 28, amplitude: 5, periodSeconds: 300, noise: 1.5, min: 0, max: 80, decimals: 1 },
  },
  {
    id: 'parking-occupancy',
    name: { zh: '公共停车场占用率', en: 'Public parking occupancy' },
    dimension: 'traffic',
    unit: '%',
    thresholds: above(85, 92, 97, 100, 2),
    staleAfterSeconds: medium,
    simulation: { base: 68, amplitude: 12, periodSeconds: 540, noise: 3, min: 0, max: 100, decimals: 0 },
  },

  // 安全 safety, including drainage: the underpass and the pumping station are the first to flood.
  {
    id: 'fire-alarms-today',
    name: { zh: '今日火警', en: 'Fire alarms today' },
    dimension: 'safety',
    unit: '起',
    thresholds: above(12, 18, 25, 35, 1),
    staleAfterSeconds: slow,
    simulation: { base: 6, amplitude: 2, periodSeconds: 600, noise: 0.5, min: 0, max: 100, decimals: 0 },
  },
  {
    id: 'underpass-water',
    name: { zh: '中山南路下立交积水', en: 'Water in the Zhongshan Rd underpass' },
    dimension: 'safety',
    unit: 'cm',
    thresholds: above(5, 15, 25, 40, 1),
    staleAfterSeconds: fast,
    simulation: { base: 0.5, amplitude: 0.5, periodSeconds: 240, noise: 0.3, min: 0, max: 150, decimals: 1 },
  },
  {
    id: 'pump-forebay-level',
    name: { zh: '十六铺泵站前池水位', en: 'Shiliupu pump forebay level' },
    dimension: 'safety',
    unit: 'm',
    thresholds: above(2.5, 3, 3.4, 3.8, 0.05),
    staleAfterSeconds: fast,
    simulation: { base: 1.6, amplitude: 0.3, periodSeconds: 360, noise: 0.05, min: 0, max: 5, decimals: 2 },
  },
  {
    // Tilt sensors on the historic buildings of the Bund (万国建筑群).
    id: 'building-tilt',
    name: { zh: '历史建筑倾斜率', en: 'Historic building tilt' },
    dimension: 'safety',
    unit: '‰',
    thresholds: above(1, 2, 3, 4, 0.1),
    staleAfterSeconds: slow,
    simulation: {
      base: 0.42,
      amplitude: 0.08,
      periodSeconds: 600,
      noise: 0.02,
      min: 0,
      max: 10,
      decimals: 2,
    },
  },

  // 民生 livelihood.
  {
    id: 'hotline-12345',
    name: { zh: '12345热线工单', en: '12345 hotline tickets' },
    dimension: 'livelihood',
    unit: '件/h',
    thresholds: above(120, 180, 250, 350, 5),
    staleAfterSeconds: medium,
    simulation: { base: 62, amplitude: 30, periodSeconds: 480, noise: 8, min: 0, max: 1000, decimals: 0 },
  },
  {
    id: 'elevator-entrapments',
    name: { zh: '今日电梯困人', en: 'Elevator entrapments today' },
    dimension: 'livelihood',
    unit: '起',
    thresholds: above(5, 8, 12, 20, 1),
    staleAfterSeconds: slow,
    simulation: { base: 2, amplitude: 1.5, periodSeconds: 600, noise: 0.5, min: 0, max: 50, decimals: 0 },
  },
  {
    id: 'elderly-water-alerts',
    name: { zh: '独居老人水表告警', en: 'Elderly living-alone water-meter alerts' },
    dimension: 'livelihood',
    unit: '起',
    thresholds: above(3, 6, 10, 15, 1),
    staleAfterSeconds: slow,
    simulation: { base: 1, amplitude: 1.2, periodSeconds: 540, noise: 0.5, min: 0, max: 50, decimals: 0 },
  },
  {
    id: 'grid-work-orders',
    name: { zh: '网格工单(未结)', en: 'Open grid work orders' },
    dimension: 'livelihood',
    unit: '件',
    thresholds: above(150, 220, 300, 400, 5),
    staleAfterSeconds: slow,
    simulation: { base: 96, amplitude: 20, periodSeconds: 600, noise: 4, min: 0, max: 1000, decimals: 0 },
  },

  // 12345 tickets per street, so a ranking can show "streets by hotline tickets" (their sum is near the district's).
  ...streetHotlineSpecifications(),

  // 舆情 public opinion.
  {
    id: 'opinion-mentions',
    name: { zh: '舆情提及量', en: 'Public-opinion mentions' },
    dimension: 'opinion',
    unit: '条/h',
    thresholds: above(800, 1500, 3000, 6000, 50),
    staleAfterSeconds: medium,
    simulation: {
      base: 320,
      amplitude: 150,
      periodSeconds: 420,
      noise: 40,
      min: 0,
      max: 20_000,
      decimals: 0,
    },
  },
  {
    id: 'negative-sentiment',
    name: { zh: '负面情绪占比', en: 'Negative sentiment share' },
    dimension: 'opinion',
    unit: '%',
    thresholds: above(25, 35, 45, 60, 2),
    staleAfterSeconds: medium,
    simulation: { base: 14, amplitude: 6, periodSeconds: 480, noise: 2, min: 0, max: 100, decimals: 1 },
  },
];

/** Hourly 12345 tickets per street: busy commercial streets get more, each on its own rhythm so the ranking moves. */
function streetHotlineSpecifications(): Omit<IndicatorInput, 'sourceKey'>[] {
  const bases = [13, 11, 9, 7, 6, 5, 4, 8];
  const englishNames: Record<string, string> = {
    nanjingdonglu: 'Nanjing Rd E.',
    waitan: 'The Bund',
    yuyuan: 'Yuyuan',
    xiaodongmen: 'Xiaodongmen',
    laoximen: 'Laoximen',
    huaihaizhonglu: 'Huaihai Rd M.',
    dapuqiao: 'Dapuqiao',
    lujiazui: 'Lujiazui',
  };
  return streets.map((street, index) => ({
    id: `hotline-street-${street.id}`,
    name: { zh: `${street.shortName}12345工单`, en: `${englishNames[street.id] ?? street.id} 12345 tickets` },
    dimension: 'livelihood',
    unit: '件/h',
    thresholds: above(25, 35, 50, 70, 2),
    staleAfterSeconds: medium,
    simulation: {
      base: bases[index] ?? 6,
      amplitude: 4,
      periodSeconds: 360 + index * 45,
      noise: 1.5,
      min: 0,
      max: 500,
      decimals: 0,
    },
  }));
}

/** The catalogue, ordered by dimension as it is browsed. */
export function buildIndicators(): IndicatorInput[] {
  return specifications.map((specification) => {
    const plausible = plausibleRangeOf(specification.id);
    return { ...specification, sourceKey: `vitals/${specification.id}`, ...(plausible ? { plausible } : {}) };
  });
}
