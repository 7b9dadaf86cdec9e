// The demo IoT sensors sit beside the cameras of their places, start with a few alarms, and change over time.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Camera } from '@shared/model/camera';
import { sensorSchema } from '@shared/model/sensor';
import { distanceMetres } from '@shared/geo/distance';
import { DemoSensors } from './demo-sensors';

const { cameras } = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../../resources/demo/cameras.json', import.meta.url)), 'utf8'),
) as { cameras: Camera[] };

describe('demo sensors', () => {
  it('places every kind beside a camera of its place, valid, with a few alarms at start', () => {
    const sensors = new DemoSensors(cameras, { now: () => 0 }).list();
    expect(sensors.length).toBe(45);
    expect(new Set(sensors.map((sensor) => sensor.kind)).size).toBe(5);
    for (const sensor of sensors) expect(sensorSchema.parse(sensor)).toEqual(sensor);
    const underpasses = cameras.filter((camera) => camera.tags.includes('下立交'));
    for (const sensor of sensors.filter((entry) => entry.kind === 'water-level')) {
      const nearest = Math.min(
        ...underpasses.map((camera) => distanceMetres(camera.position, sensor.position)),
      );
      expect(nearest).toBeLessThan(120);
    }
    expect(sensors.filter((sensor) => sensor.state === 'alarm')).toHaveLength(3);
  });

  it('is the same on every start, and reports only the sensors that changed', () => {
    const first = new DemoSensors(cameras, { now: () => 0 });
    expect(new DemoSensors(cameras, { now: () => 0 }).list()).toEqual(first.list());
    const busy = new DemoSensors(cameras, { now: () => 5, alarmChance: 1, clearChance: 1 });
    const changed = busy.step();
    expect(changed).toHaveLength(45);
    expect(changed.filter((sensor) => sensor.state === 'alarm')).toHaveLength(42);
    expect(new DemoSensors(cameras, { alarmChance: 0, clearChance: 0 }).step()).toEqual([]);
  });
});
