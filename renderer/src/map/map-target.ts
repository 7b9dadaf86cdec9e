// What a click or hover on the map found, read back from the properties the layers set on their features.
import type { FeatureLike } from 'ol/Feature';
import type { IncidentSeverity, IncidentStatus } from '@shared/model/incident';
import type { SensorKind, SensorState } from '@shared/model/sensor';

/** What a click or hover found on the map. */
export type MapTarget =
  | { kind: 'camera'; id: string; name: string; isOnline: boolean; count: number }
  | { kind: 'camera-group'; area: string; count: number }
  | { kind: 'incident'; id: string; title: string; severity: IncidentSeverity; status: IncidentStatus }
  | { kind: 'incident-group'; area: string; count: number; severity: IncidentSeverity }
  | { kind: 'unit'; id: string; name: string; cameraId?: string }
  | { kind: 'sensor'; id: string; name: string; sensorKind: SensorKind; state: SensorState; reading: string };

/** The target a feature stands for, from the properties the layers set. */
export function targetOf(feature: FeatureLike): MapTarget | null {
  const kind = feature.get('kind') as string | undefined;
  const id = String(feature.getId() ?? '');
  switch (kind) {
    case 'camera':
      return {
        kind,
        id,
        name: String(feature.get('name') ?? id),
        isOnline: feature.get('isOnline') !== false,
        count: Number(feature.get('count') ?? 1),
      };
    case 'camera-group':
      return { kind, area: String(feature.get('area')), count: Number(feature.get('count')) };
    case 'incident':
      return {
        kind,
        id,
        title: String(feature.get('title') ?? id),
        severity: feature.get('severity') as IncidentSeverity,
        status: feature.get('status') as IncidentStatus,
      };
    case 'incident-group':
      return {
        kind,
        area: String(feature.get('area')),
        count: Number(feature.get('count')),
        severity: feature.get('severity') as IncidentSeverity,
      };
    case 'unit': {
      const cameraId = feature.get('cameraId') as string | undefined;
      return { kind, id, name: String(feature.get('name') ?? id), ...(cameraId ? { cameraId } : {}) };
    }
    case 'sensor':
      return {
        kind,
        id,
        name: String(feature.get('name') ?? id),
        sensorKind: feature.get('sensorKind') as SensorKind,
        state: feature.get('state') as SensorState,
        reading: String(feature.get('reading') ?? ''),
      };
    default:
      return null;
  }
}
