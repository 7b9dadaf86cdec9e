// Requests about the map: the base-map catalogue (tokens filled in), the moving units and the IoT sensors.
import type { BaseMapCatalogue } from '@shared/model/base-map';
import type { HandlerGroup } from '../session';
import { resolveBaseMaps } from './load-base-maps';
import type { DemoUnits } from './demo-units';
import type { DemoSensors } from './demo-sensors';

export function mapHandlers(
  baseMaps: BaseMapCatalogue,
  units: Pick<DemoUnits, 'list'>,
  sensors: Pick<DemoSensors, 'list'>,
  environment: Readonly<Record<string, string | undefined>> = process.env,
  /** The core's access token, which the URLs of the tiles it serves itself (PMTiles) carry. */
  accessToken: string | null = null,
): HandlerGroup<'map.baseMaps' | 'units.list' | 'sensors.list'> {
  const resolved = resolveBaseMaps(baseMaps, environment, accessToken);
  return {
    async 'map.baseMaps'() {
      return resolved;
    },
    async 'units.list'() {
      return { units: units.list() };
    },
    async 'sensors.list'() {
      return { sensors: sensors.list() };
    },
  };
}
