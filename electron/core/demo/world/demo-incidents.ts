// The embedded demo's incident source: raises plausible incidents near the district's cameras and closes
// them after a while, through the same store a real alarm source would feed.
import type { Camera } from '@shared/model/camera';
import type { Incident, IncidentCategory, IncidentSeverity } from '@shared/model/incident';
import type { DistrictMap } from '@shared/model/workspace';
import type { IncidentStore } from '../../incidents/incident-store';
import { createSeededRandom } from '@shared/base/seeded-random';

interface Template {
  category: IncidentCategory;
  title: (place: string) => string;
  severities: readonly IncidentSeverity[];
}

const templates: readonly Template[] = [
  { category: 'flood', title: (place) => `${place}道路积水`, severities: ['blue', 'yellow', 'orange'] },
  { category: 'elevator', title: (place) => `${place}电梯困人`, severities: ['yellow', 'orange'] },
  { category: 'hotline', title: (place) => `${place}12345市民投诉：夜间施工噪声`, severities: ['blue'] },
  { category: 'fire', title: (place) => `${place}电动自行车充电处烟感告警`, severities: ['orange', 'red'] },
  { category: 'crowd', title: (place) => `${place}人员密度偏高`, severities: ['blue', 'yellow'] },
  { category: 'traffic', title: (place) => `${place}交通事故`, severities: ['yellow', 'orange'] },
  { category: 'iot', title: (place) => `${place}独居老人水表异常`, severities: ['yellow'] },
  {
    category: 'environment',
    title: (place) => `${place}河道水质异常（溶解氧偏低）`,
    severities: ['blue', 'yellow'],
  },
];

export interface DemoIncidentOptions {
  /** Mean seconds between two new incidents (default 25). */
  meanIntervalSeconds?: number;
  /** Incidents raised at start so the map is not empty (default 10). */
  initialCount?: number;
  seed?: number;
  now?: () => number;
}

export class DemoIncidentSource {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly streetNames: Map<string, string>;
  private sequence = 0;

  constructor(
    private readonly store: IncidentStore,
    private readonly cameras: readonly Camera[],
    district: DistrictMap,
    private readonly options: DemoIncidentOptions = {},
  ) {
    this.random = createSeededRandom(options.seed ?? 12_345);
    this.now = options.now ?? Date.now;
    this.streetNames = new Map(
      district.features
        .filter((feature) => feature.properties.kind === 'street')
        .map((feature) => [feature.properties.id, feature.properties.name]),
    );
  }

  start(): void {
    if (this.timer || this.cameras.length === 0) return;
    const now = this.now();
    const initial = Array.from({ length: this.options.initialCount ?? 10 }, (_, index) =>
      this.createIncident(now - (index + 1) * 7 * 60_000),
    );
    this.store.upsert(initial);
    this.scheduleNext();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private scheduleNext(): void {
    const mean = (this.options.meanIntervalSeconds ?? 25) * 1000;
    this.timer = setTimeout(() => this.tick(), mean * (0.5 + this.random()));
    this.timer.unref?.();
  }

  private tick(): void {
    const now = this.now();
    const changes: Incident[] = [this.createIncident(now)];
    // Close acknowledged incidents older than ten minutes: the demo room keeps a living, not growing, list.
    for (const incident of this.store.list()) {
      if (incident.status === 'acknowledged' && now - incident.raisedAt > 10 * 60_000) {
        changes.push({ ...incident, status: 'closed', updatedAt: now });
      }
    }
    this.store.upsert(changes);
    this.scheduleNext();
  }

  private createIncident(raisedAt: number): Incident {
    const camera = this.cameras[Math.floor(this.random() * this.cameras.length)]!;
    const template = templates[Math.floor(this.random() * templates.length)]!;
    const severity = template.severities[Math.floor(this.random() * template.severities.length)]!;
    // Within ~150 m of a camera: the nearest-camera search then has something to find.
    const position: [number, number] = [
      camera.position[0] + (this.random() - 0.5) * 0.003,
      camera.position[1] + (this.random() - 0.5) * 0.0026,
    ];
    const place = this.streetNames.get(camera.street) ?? '辖区';
    this.sequence++;
    return {
      id: `demo-${String(this.sequence).padStart(5, '0')}`,
      title: template.title(place),
      category: template.category,
      severity,
      position,
      street: camera.street,
      grid: camera.grid,
      source: 'demo',
      status: 'new',
      raisedAt,
      updatedAt: raisedAt,
      isDrill: false,
    };
  }
}
