// Requests about the map: the base-map catalogue (tokens filled in) and the moving units.
import type { BaseMapCatalogue } from '@shared/model/base-map';
import type { HandlerGroup } from '../session';
import { resolveBaseMaps } from './load-base-maps';
import type { DemoUnits } from './demo-units';

export function mapHandlers(
  baseMaps: BaseMapCatalogue,
  units: DemoUnits,
  environment: Readonly<Record<string, string | undefined>> = process.env,
): HandlerGroup<'map.baseMaps' | 'units.list'> {
  const resolved = resolveBaseMaps(baseMaps, environment);
  return {
    async 'map.baseMaps'() {
      return resolved;
    },
    async 'units.list'() {
      return { units: units.list() };
    },
  };
}
