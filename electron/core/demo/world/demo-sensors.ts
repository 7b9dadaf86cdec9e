// The embedded demo's IoT sensors (物联感知): water level at underpasses, e-bike charging smoke, elevators, smart
// water meters of elderly people living alone and river water quality, placed beside the demo cameras of the
// places they watch, going into alarm and back now and then — published like an IoT platform's feed would be.
import type { Camera } from '@shared/model/camera';
import type { LonLat } from '@shared/model/common';
import type { Sensor, SensorKind, SensorState } from '@shared/model/sensor';
import { createSeededRandom } from '@shared/base/seeded-random';
import { Emitter } from '@shared/base/emitter';
import type { Disposable } from '@shared/base/disposable';

export type SensorsListener = (sensors: readonly Sensor[]) => void;

interface Placement {
  readonly kind: SensorKind;
  /** Cameras with this tag mark the places this kind of sensor sits at. */
  readonly tag: string;
  readonly count: number;
  readonly name: (index: number) => string;
  readonly reading: (state: SensorState, random: () => number) => string;
}

const placements: readonly Placement[] = [
  {
    kind: 'water-level',
    tag: '下立交',
    count: 6,
    name: (index) => `下立交积水监测 ${index}`,
    reading: (state, random) =>
      `水位 ${Math.round(state === 'alarm' ? 18 + random() * 25 : random() * 4)} cm`,
  },
  {
    kind: 'charging-smoke',
    tag: '小区',
    count: 12,
    name: (index) => `电动自行车充电棚烟感 ${index}`,
    reading: (state, random) =>
      state === 'alarm' ? `烟雾浓度 ${(8 + random() * 10).toFixed(1)}%obs/m` : '烟雾浓度 0.0%obs/m',
  },
  {
    kind: 'elevator',
    tag: '小区',
    count: 10,
    name: (index) => `电梯运行监测 ${index}`,
    reading: (state) => (state === 'alarm' ? '困人告警' : '运行正常'),
  },
  {
    kind: 'water-meter',
    tag: '小区',
    count: 12,
    name: (index) => `独居老人智能水表 ${index}`,
    reading: (state, random) =>
      state === 'alarm'
        ? `${Math.round(12 + random() * 12)} 小时无用水`
        : `今日用水 ${(0.05 + random() * 0.2).toFixed(2)} m³`,
  },
  {
    kind: 'water-quality',
    tag: '河道',
    count: 5,
    name: (index) => `河道水质监测 ${index}`,
    reading: (state, random) =>
      state === 'alarm'
        ? `溶解氧 ${(1.2 + random()).toFixed(1)} mg/L（偏低）`
        : `溶解氧 ${(5.5 + random() * 2).toFixed(1)} mg/L`,
  },
];

export interface DemoSensorOptions {
  /** Milliseconds between two state changes rounds (default 4,000). */
  intervalMs?: number;
  /** Chance per round that a normal sensor goes into alarm (default 0.004). */
  alarmChance?: number;
  /** Chance per round that an alarm clears (default 0.05: alarms last about a minute and a half). */
  clearChance?: number;
  seed?: number;
  now?: () => number;
}

/** Sensors in alarm at start, so the demo map shows what an alarm looks like at once. */
const initialAlarms = 3;

export class DemoSensors {
  private readonly sensors = new Map<string, Sensor>();
  private readonly changed = new Emitter<readonly Sensor[]>();
  private readonly random: () => number;
  private readonly now: () => number;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    cameras: readonly Camera[],
    private readonly options: DemoSensorOptions = {},
  ) {
    this.random = createSeededRandom(options.seed ?? 4_242);
    this.now = options.now ?? Date.now;
    const now = this.now();
    for (const placement of placements) {
      const places = cameras.filter((camera) => camera.tags.includes(placement.tag));
      if (places.length === 0) continue;
      for (let index = 1; index <= placement.count; index++) {
        const camera = places[Math.floor(this.random() * places.length)]!;
        // Beside the camera (~30–80 m away), not on top of it: both stay clickable.
        const angle = this.random() * 2 * Math.PI;
        const offset = 0.0003 + this.random() * 0.0005;
        const position: LonLat = [
          camera.position[0] + Math.cos(angle) * offset,
          camera.position[1] + Math.sin(angle) * offset * 0.86,
        ];
        const id = `${placement.kind}-${String(index).padStart(2, '0')}`;
        this.sensors.set(id, {
          id,
          kind: placement.kind,
          name: placement.name(index),
          position,
          street: camera.street,
          grid: camera.grid,
          state: 'normal',
          reading: placement.reading('normal', this.random),
          updatedAt: now,
        });
      }
    }
    const all = [...this.sensors.values()];
    for (let alarm = 0; alarm < Math.min(initialAlarms, all.length); alarm++) {
      const sensor = all[Math.floor((alarm + 0.5) * (all.length / initialAlarms))]!;
      this.set(sensor, 'alarm', now);
    }
  }

  list(): Sensor[] {
    return [...this.sensors.values()];
  }

  /** The sensors whose state changed, each step that changed any. */
  onChanged(listener: SensorsListener): Disposable {
    return this.changed.on(listener);
  }

  start(): void {
    if (this.timer || this.sensors.size === 0) return;
    this.timer = setInterval(() => {
      const changed = this.step();
      if (changed.length === 0) return;
      this.changed.fire(changed);
    }, this.options.intervalMs ?? 4_000);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round: some sensors go into alarm, some alarms clear. Returns the sensors that changed. */
  step(): Sensor[] {
    const now = this.now();
    const alarmChance = this.options.alarmChance ?? 0.004;
    const clearChance = this.options.clearChance ?? 0.05;
    const changed: Sensor[] = [];
    for (const sensor of this.sensors.values()) {
      const draw = this.random();
      if (sensor.state === 'normal' && draw < alarmChance) changed.push(this.set(sensor, 'alarm', now));
      else if (sensor.state === 'alarm' && draw < clearChance) changed.push(this.set(sensor, 'normal', now));
    }
    return changed;
  }

  private set(sensor: Sensor, state: SensorState, now: number): Sensor {
    const placement = placements.find((candidate) => candidate.kind === sensor.kind)!;
    const next: Sensor = { ...sensor, state, reading: placement.reading(state, this.random), updatedAt: now };
    this.sensors.set(sensor.id, next);
    return next;
  }
}
