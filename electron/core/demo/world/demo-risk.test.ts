// The demo risk map gives every one of the district's 85 grids a risk index, the same on every start.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TopicValue } from '@shared/model/feed';
import type { DistrictMap } from '@shared/model/workspace';
import { DemoRisk, demoRiskTopicPrefix } from './demo-risk';

const district = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../../../resources/demo/district.geojson', import.meta.url)),
    'utf8',
  ),
) as DistrictMap;

describe('demo risk', () => {
  it('publishes one index within 0–100 per grid, mostly low with a few high grids', () => {
    const published: TopicValue[][] = [];
    const risk = new DemoRisk(district, (values) => published.push([...values]), { now: () => 1_000 });
    expect(risk.gridCount).toBe(85);
    risk.start();
    risk.stop();
    const values = published[0]!;
    expect(values).toHaveLength(85);
    expect(values[0]!.topic).toMatch(new RegExp(`^${demoRiskTopicPrefix}/[a-z0-9-]+$`));
    expect(values.every((value) => value.value >= 0 && value.value <= 100 && value.ts === 1_000)).toBe(true);
    const high = values.filter((value) => value.value >= 60).length;
    expect(high).toBeGreaterThan(0);
    expect(high).toBeLessThan(values.length / 2);
  });

  it('is the same on every start and drifts slowly', () => {
    const first = new DemoRisk(district, () => undefined).values(0);
    const again = new DemoRisk(district, () => undefined).values(0);
    expect(again).toEqual(first);
    const minuteLater = new DemoRisk(district, () => undefined).values(60_000);
    const largestStep = Math.max(
      ...first.map((value, index) => Math.abs(value.value - minuteLater[index]!.value)),
    );
    expect(largestStep).toBeLessThanOrEqual(5);
  });
});
