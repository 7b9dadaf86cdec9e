// Requests about the map: the base-map catalogue (tokens filled in), the moving units and the IoT sensors.
import type { BaseMapCatalogue } from '@shared/model/base-map';
import type { HandlerGroup } from '../session';
import { resolveBaseMaps } from './load-base-maps';
import type { MovingUnit } from '@shared/model/moving-unit';
import type { Sensor } from '@shared/model/sensor';

export function mapHandlers(
  baseMaps: BaseMapCatalogue,
  /** The moving units and sensors now on the map (the demo world's, while it runs). */
  units: { list(): MovingUnit[] },
  sensors: { list(): Sensor[] },
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
